// What every section of `npm run bench` shares: the command line, the paths, and the report being written
// (sections, and the targets with their verdicts).

import * as path from "node:path";
import { fix } from "./stats";

export const ROOT = path.resolve(__dirname, "..", "..");
export const RESULTS = path.join(__dirname, "..", "RESULTS.md");
export const WORKER = path.join(__dirname, "..", "workers", "components.ts");
export const BASELINE = path.join(__dirname, "..", "baseline-pack");
/** bench/out: generated packs and caches (git-ignored). */
export const OUT = path.join(__dirname, "..", "out");

export function option(name: string): string | undefined {
    const argv = process.argv.slice(2);
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const a = argv[i];
    return a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[i + 1];
}
/** `--pack DIR`: another checkout's policypack/ (e.g. a git worktree of an older commit), for before/after figures. */
export const PACK = path.resolve(option("pack") ?? path.join(ROOT, "policypack"));
/** `--also DIR[,DIR]`: more pack directories measured in the same rounds (e.g. a patched copy), for A/B figures. */
export const ALSO = (option("also") ?? "")
    .split(",")
    .filter(Boolean)
    .map((d) => path.resolve(d));
export const only = new Set((option("only") ?? "size,components,pack").split(","));
/** Repetitions of every pack measurement and of the components' small runs (seed, N = 10). */
export const REPS = Number(option("reps") ?? 5);
/** Repetitions of the components at N = 100 (2-4 s a run, three programs). */
export const REPS_MID = Number(option("reps-mid") ?? 3);
/** Repetitions of the components at N = 1,000 (each run is the SDK registering 6,000-8,000 resources: 20-30 s). */
export const REPS_LARGE = Number(option("reps-large") ?? 1);
/** Also explain the pack's per-resource cost: a reference pack of no-op rules, and each rule's cost in-process. */
export const EXPLAIN = process.argv.includes("--explain");
export const WRITE = !process.argv.includes("--no-write");
export const MIX_RESOURCES = 2000;
/** --explain: fresh requests after the measured ones, unmeasured, before MIX_RESOURCES more are measured warm. */
export const STEADY_WARMUP = 4000;
/** Analyze requests a pack answers before the next pack of the round takes its turn (bench/sections/pack.ts). */
export const ANALYZE_BATCH = 200;
export const STACK_RESOURCES = 10000;
export const SIZES_K = [1, 10, 50, 100];
export const SETS_N = [0, 10, 100, 1000];

export const now = () => Number(process.hrtime.bigint()) / 1e6;
export const log = (s: string) => process.stderr.write(`${s}\n`);
/** The sections written so far (markdown), in order. */
export const out: string[] = [];
/** Every target with its result, for the summary table. */
export const verdicts: { target: string; result: string; met: boolean; margin: string }[] = [];
export const section = (title: string, body: string) => {
    out.push(`### ${title}\n\n${body}\n`);
    process.stdout.write(`\n## ${title}\n\n${body}\n`);
};
/** A target: `value` against `limit` (lower is better); the margin says by how much it is met or missed. */
export const verdict = (target: string, value: number, limit: number, result: string) =>
    verdicts.push({
        target,
        result,
        met: value <= limit,
        margin: Number.isFinite(value)
            ? `${value <= limit ? "under" : "**over**"} by ${fix(Math.abs(value / limit - 1) * 100, 1)}%`
            : "",
    });
