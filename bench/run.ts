// `npm run bench`: what the policy pack and the components cost, as ratios against floors measured in the same run.
//
//   1. Policy size: the managed policies one identity consuming K streams gets, against IAM's limits.
//   2. Components under mocks: the seed scenario and N stream+application sets, each run in a fresh process,
//      against the same resources written as raw @pulumi/aws resources (checked identical first).
//   3. The policy pack over the analyzer protocol, started as the Pulumi CLI starts it, against a one-rule
//      baseline pack started the same way: start-up, Analyze per resource over a realistic mix of 2,000, and
//      AnalyzeStack over 10,000.
//
// Runs alternate (A B, B A, ...) and every figure is a median with its min–max. Prints the tables and rewrites the
// generated part of bench/RESULTS.md (between the bench:begin/bench:end markers; notes around it are kept).
//
//   npm run bench [-- --only size,components,pack] [--reps 5] [--reps-large 3] [--no-write]

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildPolicyDocuments, consumerGrants, MAX_MANAGED_POLICIES_PER_IDENTITY, policySize, POLICY_SIZE_LIMITS, producerGrants } from "../components/grants";
import { cloneTo, loadMix } from "./lib/mix";
import { analyzeRequest, analyzeStackRequest, startPack } from "./lib/pack";
import { fix, loadAverage, machine, range, ratio, summarize, Summary, table } from "./lib/stats";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "RESULTS.md");
const WORKER = path.join(__dirname, "workers", "components.ts");
const PACK = path.join(ROOT, "policypack");
const BASELINE = path.join(__dirname, "baseline-pack");

// ---- options -------------------------------------------------------------------------------------------------

function option(name: string): string | undefined {
    const argv = process.argv.slice(2);
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const a = argv[i];
    return a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[i + 1];
}
const only = new Set((option("only") ?? "size,components,pack").split(","));
/** Repetitions of every pack measurement and of the components' small runs (seed, 10, 100). */
const REPS = Number(option("reps") ?? 5);
/** Repetitions of N = 1,000 (each run is the SDK registering 6,000-8,000 resources: seconds). */
const REPS_LARGE = Number(option("reps-large") ?? 3);
const WRITE = !process.argv.includes("--no-write");
const MIX_RESOURCES = 2000;
const STACK_RESOURCES = 10000;
const SIZES_K = [1, 10, 50, 100];
const SETS_N = [0, 10, 100, 1000];

const now = () => Number(process.hrtime.bigint()) / 1e6;
const log = (s: string) => process.stderr.write(`${s}\n`);
const out: string[] = [];
const verdicts: { target: string; result: string; met: boolean }[] = [];
const section = (title: string, body: string) => {
    out.push(`### ${title}\n\n${body}\n`);
    process.stdout.write(`\n## ${title}\n\n${body}\n`);
};
const verdict = (target: string, met: boolean, result: string) => verdicts.push({ target, met, result });
const alternate = <T>(rep: number, pair: [T, T]): [T, T] => (rep % 2 === 0 ? pair : [pair[1], pair[0]]);

// ---- 1. policy size ------------------------------------------------------------------------------------------

async function sizeSection(): Promise<void> {
    log("policy size ...");
    const { LIMIT, QUOTA } = { LIMIT: POLICY_SIZE_LIMITS.managed, QUOTA: MAX_MANAGED_POLICIES_PER_IDENTITY };
    // Through the component under mocks: what StreamApplication registers (its policy count is planned before ARNs
    // exist, on worst-case ARN lengths), KCL 3.x with enhanced fan-out (the defaults), provisioned tables.
    const registered = (await runWorker(["size", SIZES_K.join(",")])) as { type: string; name: string; inputs: { policy?: string } }[];
    const rows: string[][] = [];
    let allWithin = true;
    const add = (label: string, k: number, sizes: number[]) => {
        const ok = sizes.every((s) => s <= LIMIT) && sizes.length <= QUOTA;
        allWithin &&= ok;
        const total = sizes.reduce((a, b) => a + b, 0);
        rows.push([label, String(k), String(sizes.length), String(Math.max(...sizes)), String(total), sizes.join(", "), ok ? "yes" : "**no**"]);
    };
    for (const k of SIZES_K) {
        const sizes = registered.filter((r) => r.type === "aws:iam/policy:Policy" && r.name.startsWith(`k${k}-app-`)).map((r) => policySize(r.inputs.policy!));
        add("StreamApplication (3.x, fan-out)", k, sizes);
    }
    // The grants library directly, with real ARNs: other consumer shapes and a producer.
    const arn = (i: number) => `arn:aws:kinesis:us-west-2:123456789012:stream/orders-stream-${String(i).padStart(3, "0")}`;
    const key = (i: number) => `arn:aws:kms:us-west-2:123456789012:key/00000000-0000-0000-0000-${String(i).padStart(12, "0")}`;
    const shapes: [string, (k: number) => ReturnType<typeof consumerGrants>][] = [
        ["grants: KCL 2.x polling", (k) => consumerGrants(Array.from({ length: k }, (_, i) => ({ stream: { arn: arn(i) }, enhancedFanOut: false })), { applicationName: "orders-app", kcl: "2.x", leaseTables: "provisioned" })],
        [
            "grants: 3.x, fan-out, a KMS key per stream",
            (k) => consumerGrants(Array.from({ length: k }, (_, i) => ({ stream: { arn: arn(i), kmsKeyArn: key(i) }, enhancedFanOut: true })), { applicationName: "orders-app", kcl: "3.x", leaseTables: "created-by-kcl" }),
        ],
        ["grants: producer", (k) => Array.from({ length: k }, (_, i) => producerGrants({ arn: arn(i) })).flat()],
    ];
    for (const [label, grants] of shapes) for (const k of SIZES_K) add(label, k, buildPolicyDocuments(grants(k), LIMIT).map((d) => policySize(d)));
    section(
        `Policy size: managed policies of one identity consuming K streams (limit ${LIMIT.toLocaleString("en")} characters, ${QUOTA} policies per identity)`,
        table(["shape", "K", "policies", "largest", "total chars", "each", "within limits"], rows),
    );
    verdict(`every generated policy ≤ ${LIMIT} characters and ≤ ${QUOTA} per identity up to K = 100`, allWithin, allWithin ? "all within" : "some over (see table)");
}

// ---- 2. components -------------------------------------------------------------------------------------------

interface WorkerResult {
    variant: string;
    n: number;
    ms: number;
    cpuMs: number;
    peakRssMb: number;
    growthMb: number;
    registrations: number;
}

/** One fresh worker process; its last stdout line is JSON. */
function runWorker(args: string[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["--expose-gc", "-r", "ts-node/register/transpile-only", WORKER, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.on("exit", (code) => {
            const last = stdout.trim().split("\n").pop() ?? "";
            if (code !== 0 || !last) return reject(new Error(`worker ${args.join(" ")} failed (${code}):\n${stderr.slice(-3000)}`));
            resolve(JSON.parse(last));
        });
    });
}

/** The raw counterparts register exactly the components' custom resources, with the same inputs. */
async function checkSameResources(n: number): Promise<void> {
    type Reg = { type: string; name: string; custom: boolean; inputs: unknown };
    const key = (r: Reg) => `${r.type}::${r.name}`;
    const [c, r] = (await Promise.all([runWorker(["components", String(n), "dump"]), runWorker(["raw", String(n), "dump"])])) as Reg[][];
    const cs = new Map(c.filter((x) => x.custom).map((x) => [key(x), JSON.stringify(x.inputs)]));
    const rs = new Map(r.filter((x) => x.custom).map((x) => [key(x), JSON.stringify(x.inputs)]));
    const diff = [...new Set([...cs.keys(), ...rs.keys()])].filter((k) => cs.get(k) !== rs.get(k));
    if (diff.length > 0) throw new Error(`N=${n}: raw and component resources differ: ${diff.join(", ")}`);
}

async function componentsSection(): Promise<void> {
    log("components: checking the raw counterparts register the same resources ...");
    await Promise.all([checkSameResources(0), checkSameResources(2)]);
    const results = new Map<number, { c: WorkerResult[]; r: WorkerResult[] }>();
    for (const n of SETS_N) {
        const reps = n >= 1000 ? REPS_LARGE : REPS;
        const rs = { c: [] as WorkerResult[], r: [] as WorkerResult[] };
        results.set(n, rs);
        for (let rep = 0; rep < reps; rep++) {
            for (const v of alternate(rep, ["components", "raw"] as const)) {
                const res = (await runWorker([v, String(n)])) as WorkerResult;
                (v === "components" ? rs.c : rs.r).push(res);
                log(`components: N=${n} ${v} rep ${rep + 1}/${reps}: ${fix(res.ms, 0)} ms wall, ${fix(res.cpuMs, 0)} ms CPU, +${fix(res.growthMb, 0)} MB`);
            }
        }
    }
    const rows: string[][] = [];
    const perSet = new Map<number, { c: number; r: number }>();
    for (const [n, { c, r }] of results) {
        const [cw, rw, cc, rc, cg, rg] = [c.map((x) => x.ms), r.map((x) => x.ms), c.map((x) => x.cpuMs), r.map((x) => x.cpuMs), c.map((x) => x.growthMb), r.map((x) => x.growthMb)].map(summarize);
        if (n > 0) perSet.set(n, { c: cw.median / n, r: rw.median / n });
        rows.push([
            n === 0 ? "seed (index.ts)" : `N = ${n.toLocaleString("en")}`,
            String(c.length),
            `${c[0].registrations} / ${r[0].registrations}`,
            range(cw),
            range(rw),
            `**${fix(ratio(cw, rw))}×**`,
            `${fix(ratio(cc, rc))}×`,
            `${range(cg)} / ${range(rg)}`,
            `${fix(ratio(cg, rg))}×`,
            n > 0 ? `${fix(cw.median / n, 1)} / ${fix(rw.median / n, 1)}` : "–",
        ]);
        const wallRatio = ratio(cw, rw);
        verdict(`components ≤ 1.1× raw (${n === 0 ? "seed" : `N = ${n}`}, wall time)`, wallRatio <= 1.1, `${fix(wallRatio)}× (CPU ${fix(ratio(cc, rc))}×, memory ${fix(ratio(cg, rg))}×)`);
    }
    const p100 = perSet.get(100);
    const p1000 = perSet.get(1000);
    const growth = p100 && p1000 ? { c: p1000.c / p100.c, r: p1000.r / p100.r } : undefined;
    section(
        "Components under mocks vs the same resources as raw @pulumi/aws (fresh process per run)",
        table(
            ["program", "runs each", "registrations (comp / raw)", "components ms", "raw ms", "wall ratio", "CPU ratio", "peak RSS growth MB (comp / raw)", "memory ratio", "ms per set (comp / raw)"],
            rows,
        ) +
            (growth
                ? `\n\nPer-set cost at N = 1,000 relative to N = 100: components ${fix(growth.c)}×, raw ${fix(growth.r)}× (1.00 = linear).`
                : ""),
    );
    if (growth) verdict("components linear in N (per-set cost at N = 1,000 vs N = 100 within 1.25×)", growth.c <= 1.25, `components ${fix(growth.c)}×, raw ${fix(growth.r)}×`);
}

// ---- 3. the policy pack --------------------------------------------------------------------------------------

async function packSection(): Promise<void> {
    log("pack: building the resource mix ...");
    const mix = await loadMix();
    const resources = cloneTo(mix.group, MIX_RESOURCES);
    const analyzeReqs = await Promise.all(resources.map(analyzeRequest));
    const stackReq = await analyzeStackRequest([mix.root, ...cloneTo(mix.stackGroup, STACK_RESOURCES - 1)]);
    const packs = [
        { name: "baseline (1 rule)", dir: BASELINE },
        { name: "kinesis-least-privilege", dir: PACK },
    ];
    const m = packs.map(() => ({ start: [] as number[], perResource: [] as number[], stack: [] as number[], diagnostics: new Set<string>() }));
    for (let rep = 0; rep < REPS; rep++) {
        for (const i of alternate(rep, [0, 1])) {
            const pack = await startPack(packs[i].dir);
            try {
                let diagnostics = 0;
                const t0 = now();
                for (const req of analyzeReqs) diagnostics += await pack.analyze(req);
                const t1 = now();
                const stackDiagnostics = await pack.analyzeStack(stackReq);
                const t2 = now();
                m[i].start.push(pack.startMs);
                m[i].perResource.push((t1 - t0) / analyzeReqs.length);
                m[i].stack.push(t2 - t1);
                m[i].diagnostics.add(`${diagnostics} + ${stackDiagnostics}`);
                log(`pack: ${packs[i].name} rep ${rep + 1}/${REPS}: start ${fix(pack.startMs, 0)} ms, ${fix((t1 - t0) / analyzeReqs.length, 3)} ms/resource, stack ${fix(t2 - t1, 0)} ms`);
            } finally {
                await pack.close();
            }
        }
    }
    const [b, p] = m.map((x) => ({ start: summarize(x.start), perResource: summarize(x.perResource), stack: summarize(x.stack), diagnostics: [...x.diagnostics].join(" | ") }));
    const mixTypes = Object.entries(mix.types)
        .map(([t, c]) => `${t.split(":").pop()} ${c}`)
        .join(", ");
    const rows = [
        ["start-up: spawn → port printed (ms)", range(b.start), range(p.start), `**${fix(ratio(p.start, b.start))}×**`, "≤ 1.15×"],
        [`Analyze: per resource over ${MIX_RESOURCES.toLocaleString("en")} (ms)`, range(b.perResource, 3), range(p.perResource, 3), `**${fix(ratio(p.perResource, b.perResource))}×**`, "≤ 1.15×"],
        [`AnalyzeStack: ${STACK_RESOURCES.toLocaleString("en")} resources (ms)`, range(b.stack), range(p.stack), `${fix(ratio(p.stack, b.stack))}×`, "< 2,000 ms"],
        ["diagnostics (Analyze + AnalyzeStack)", b.diagnostics, p.diagnostics, "", ""],
    ];
    section(
        `Policy pack over the analyzer protocol (${REPS} alternating runs each; median (min–max))`,
        table(["measure", packs[0].name, packs[1].name, "ratio", "target"], rows) +
            `\n\nMix (one group of ${mix.group.length} custom resources, cloned with fresh names to ${MIX_RESOURCES.toLocaleString("en")}): ${mixTypes}. ` +
            `AnalyzeStack gets every resource (components and the root stack too) with its state.`,
    );
    verdict("pack start-up ≤ 1.15× the baseline", ratio(p.start, b.start) <= 1.15, `${fix(ratio(p.start, b.start))}× (${fix(p.start.median, 0)} vs ${fix(b.start.median, 0)} ms)`);
    verdict(
        "pack per-resource Analyze ≤ 1.15× the baseline",
        ratio(p.perResource, b.perResource) <= 1.15,
        `${fix(ratio(p.perResource, b.perResource))}× (${fix(p.perResource.median, 3)} vs ${fix(b.perResource.median, 3)} ms)`,
    );
    verdict("AnalyzeStack of 10,000 resources < 2 s", p.stack.median < 2000, `${fix(p.stack.median, 0)} ms (max ${fix(p.stack.max, 0)}; baseline ${fix(b.stack.median, 0)} ms)`);
}

// ---- main ----------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
    const t0 = now();
    const mc = machine();
    const load0 = loadAverage();
    if (only.has("size")) await sizeSection();
    if (only.has("components")) await componentsSection();
    if (only.has("pack")) await packSection();
    const elapsed = (now() - t0) / 1000;
    const summary = table(
        ["target", "result", "met"],
        verdicts.map((v) => [v.target, v.result, v.met ? "yes" : "**no**"]),
    );
    section("Targets", summary);
    const header =
        `Run ${mc.date} on ${mc.cpu} (${mc.cores} cores, ${mc.memGiB} GiB), ${mc.os}, Node ${mc.node}, commit ${mc.commit}. ` +
        `Load average (1/5/15 min) ${load0} at the start, ${loadAverage()} at the end. ` +
        `Repetitions: ${REPS} (pack, components seed/10/100), ${REPS_LARGE} (components N = 1,000). Sections: ${[...only].join(", ")}. ` +
        `Whole run: ${fix(elapsed, 0)} s.`;
    process.stdout.write(`\n${header}\n`);
    if (WRITE) writeResults(`${header}\n\n${out.join("\n")}`);
}

function writeResults(generated: string): void {
    const begin = "<!-- bench:begin (generated by npm run bench; edit outside these markers) -->";
    const end = "<!-- bench:end -->";
    const old = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, "utf8") : `# Benchmark results\n\n${begin}\n${end}\n`;
    const i = old.indexOf(begin);
    const j = old.indexOf(end);
    const next = i >= 0 && j > i ? `${old.slice(0, i + begin.length)}\n${generated}\n${old.slice(j)}` : `${old.trimEnd()}\n\n${begin}\n${generated}\n${end}\n`;
    fs.writeFileSync(RESULTS, next);
    log(`wrote ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
});
