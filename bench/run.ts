// `npm run bench`: what the policy pack and the components cost, as ratios against floors measured in the same run.
//
//   1. Policy size: the managed policies one identity consuming K streams gets, against IAM's limits.
//   2. Components under mocks: the seed scenario and N stream+application sets, each run in a fresh process,
//      against the same resources written as raw @pulumi/aws resources (checked identical first).
//   3. The policy pack over the analyzer protocol, started as the Pulumi CLI starts it, against a one-rule
//      baseline pack started the same way: start-up, Analyze per resource over a realistic mix of 2,000, and
//      AnalyzeStack over 10,000.
//
// Runs rotate (A B, B A, ... or A B C, B C A, ...) and every figure is a median with its min–max. Prints the tables
// and rewrites the generated part of bench/RESULTS.md (between the bench:begin/bench:end markers; notes around it
// are kept).
//
//   npm run bench [-- --only size,components,pack] [--reps 5] [--reps-mid 3] [--reps-large 1] [--explain]
//                    [--pack DIR] [--no-write]
//
// --explain adds a reference pack of the same policies as no-ops and each rule's cost in-process; --pack measures
// another checkout's policypack/ (before/after figures). Speed targets are reported here, never asserted in tests.

import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    buildPolicyDocuments,
    consumerGrants,
    MAX_MANAGED_POLICIES_PER_IDENTITY,
    policySize,
    POLICY_SIZE_LIMITS,
    producerGrants,
} from "../components/grants";
import { cloneTo, loadMix } from "./lib/mix";
import { isFresh } from "../tools/lib/fresh";
import { POLICIES } from "../policypack/rules";
import { analyzeRequest, analyzeStackRequest, compileBaseline, startPack, writeReferencePack } from "./lib/pack";
import { perRuleCost } from "./lib/rules";
import { fix, loadAverage, machine, range, ratio, summarize, Summary, table } from "./lib/stats";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "RESULTS.md");
const WORKER = path.join(__dirname, "workers", "components.ts");
/** `--pack DIR`: another checkout's policypack/ (e.g. a git worktree of an older commit), for before/after figures. */
const PACK = path.resolve(option("pack") ?? path.join(ROOT, "policypack"));
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
/** Repetitions of every pack measurement and of the components' small runs (seed, N = 10). */
const REPS = Number(option("reps") ?? 5);
/** Repetitions of the components at N = 100 (2-4 s a run, three programs). */
const REPS_MID = Number(option("reps-mid") ?? 3);
/** Repetitions of the components at N = 1,000 (each run is the SDK registering 6,000-8,000 resources: 20-30 s). */
const REPS_LARGE = Number(option("reps-large") ?? 1);
/** Also explain the pack's per-resource cost: a reference pack of no-op rules, and each rule's cost in-process. */
const EXPLAIN = process.argv.includes("--explain");
const WRITE = !process.argv.includes("--no-write");
const MIX_RESOURCES = 2000;
const STACK_RESOURCES = 10000;
const SIZES_K = [1, 10, 50, 100];
const SETS_N = [0, 10, 100, 1000];

const now = () => Number(process.hrtime.bigint()) / 1e6;
const log = (s: string) => process.stderr.write(`${s}\n`);
const out: string[] = [];
const verdicts: { target: string; result: string; met: boolean; margin: string }[] = [];
const section = (title: string, body: string) => {
    out.push(`### ${title}\n\n${body}\n`);
    process.stdout.write(`\n## ${title}\n\n${body}\n`);
};
/** A target: `value` against `limit` (lower is better); the margin says by how much it is met or missed. */
const verdict = (target: string, value: number, limit: number, result: string) =>
    verdicts.push({
        target,
        result,
        met: value <= limit,
        margin: Number.isFinite(value)
            ? `${value <= limit ? "under" : "**over**"} by ${fix(Math.abs(value / limit - 1) * 100, 1)}%`
            : "",
    });

// ---- 1. policy size ------------------------------------------------------------------------------------------

async function sizeSection(): Promise<void> {
    log("policy size ...");
    const { LIMIT, QUOTA } = { LIMIT: POLICY_SIZE_LIMITS.managed, QUOTA: MAX_MANAGED_POLICIES_PER_IDENTITY };
    // Through the component under mocks: what StreamApplication registers (its policy count is planned before ARNs
    // exist, on worst-case ARN lengths), KCL 3.x with enhanced fan-out (the defaults), provisioned tables.
    const registered = (await runWorker(["size", SIZES_K.join(",")])) as {
        type: string;
        name: string;
        inputs: { policy?: string };
    }[];
    const rows: string[][] = [];
    let largest = 0;
    let most = 0;
    const add = (label: string, k: number, sizes: number[]) => {
        const ok = sizes.every((s) => s <= LIMIT) && sizes.length <= QUOTA;
        largest = Math.max(largest, ...sizes);
        most = Math.max(most, sizes.length);
        const total = sizes.reduce((a, b) => a + b, 0);
        rows.push([
            label,
            String(k),
            String(sizes.length),
            String(Math.max(...sizes)),
            String(total),
            String(Math.ceil(total / LIMIT)),
            sizes.join(", "),
            ok ? "yes" : "**no**",
        ]);
    };
    for (const k of SIZES_K) {
        const sizes = registered
            .filter((r) => r.type === "aws:iam/policy:Policy" && r.name.startsWith(`k${k}-app-`))
            .map((r) => policySize(r.inputs.policy!));
        add("StreamApplication (3.x, fan-out)", k, sizes);
    }
    // The grants library directly, with real ARNs: other consumer shapes and a producer.
    const arn = (i: number) => `arn:aws:kinesis:us-west-2:123456789012:stream/orders-stream-${String(i).padStart(3, "0")}`;
    const key = (i: number) => `arn:aws:kms:us-west-2:123456789012:key/00000000-0000-0000-0000-${String(i).padStart(12, "0")}`;
    const shapes: [string, (k: number) => ReturnType<typeof consumerGrants>][] = [
        [
            "grants: KCL 2.x polling",
            (k) =>
                consumerGrants(
                    Array.from({ length: k }, (_, i) => ({ stream: { arn: arn(i) }, enhancedFanOut: false })),
                    { applicationName: "orders-app", kcl: "2.x", leaseTables: "provisioned" },
                ),
        ],
        [
            "grants: 3.x, fan-out, a KMS key per stream",
            (k) =>
                consumerGrants(
                    Array.from({ length: k }, (_, i) => ({ stream: { arn: arn(i), kmsKeyArn: key(i) }, enhancedFanOut: true })),
                    { applicationName: "orders-app", kcl: "3.x", leaseTables: "created-by-kcl" },
                ),
        ],
        ["grants: producer", (k) => Array.from({ length: k }, (_, i) => producerGrants({ arn: arn(i) })).flat()],
    ];
    for (const [label, grants] of shapes)
        for (const k of SIZES_K)
            add(
                label,
                k,
                buildPolicyDocuments(grants(k), LIMIT).map((d) => policySize(d)),
            );
    section(
        `Policy size: managed policies of one identity consuming K streams (limit ${LIMIT.toLocaleString("en")} characters, ` +
            `${QUOTA} policies per identity)`,
        table(["shape", "K", "policies", "largest", "total chars", "fewest possible", "each", "within limits"], rows) +
            "\n\n*fewest possible*: total characters / limit, rounded up (statements are packed into policies " +
            "in order, first fit).",
    );
    verdict(`every generated policy ≤ ${LIMIT} characters up to K = 100`, largest, LIMIT, `largest ${largest} characters`);
    verdict(`≤ ${QUOTA} managed policies per identity up to K = 100`, most, QUOTA, `at most ${most} policies`);
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
        const child = spawn(
            process.execPath,
            ["--expose-gc", "-r", path.join(__dirname, "lib", "register.js"), WORKER, ...args],
            { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
        );
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.on("exit", (code) => {
            const last = stdout.trim().split("\n").pop() ?? "";
            if (code !== 0 || !last)
                return reject(new Error(`worker ${args.join(" ")} failed (${code}):\n${stderr.slice(-3000)}`));
            resolve(JSON.parse(last));
        });
    });
}

/** The raw counterparts register exactly the components' custom resources, with the same inputs. */
async function checkSameResources(n: number, other: "raw" | "parented"): Promise<void> {
    type Reg = { type: string; name: string; custom: boolean; inputs: unknown };
    const key = (r: Reg) => `${r.type}::${r.name}`;
    const [c, r] = (await Promise.all([
        runWorker(["components", String(n), "dump"]),
        runWorker([other, String(n), "dump"]),
    ])) as Reg[][];
    // The bare components of `parented` stand for the real ones: compare everything it registers.
    const mine = (x: Reg) => x.custom || other === "parented";
    const cs = new Map(c.filter(mine).map((x) => [key(x), JSON.stringify(x.inputs)]));
    const rs = new Map(r.filter(mine).map((x) => [key(x), JSON.stringify(x.inputs)]));
    const diff = [...new Set([...cs.keys(), ...rs.keys()])].filter((k) => cs.get(k) !== rs.get(k));
    if (diff.length > 0) throw new Error(`N=${n}: ${other} and component resources differ: ${diff.join(", ")}`);
}

/** N where the raw resources also run under two bare component resources per set (see the worker's `parented`). */
const PARENTED_N = new Set([100]);

async function componentsSection(): Promise<void> {
    log("components: checking the raw counterparts register the same resources ...");
    await checkSameResources(0, "raw");
    await Promise.all([checkSameResources(2, "raw"), checkSameResources(2, "parented")]);
    type Variant = "components" | "raw" | "parented";
    const results = new Map<number, Record<Variant, WorkerResult[]>>();
    for (const n of SETS_N) {
        const reps = n >= 1000 ? REPS_LARGE : n >= 100 ? REPS_MID : REPS;
        if (reps < 1) continue;
        const rs: Record<Variant, WorkerResult[]> = { components: [], raw: [], parented: [] };
        results.set(n, rs);
        const variants: Variant[] = PARENTED_N.has(n) ? ["components", "raw", "parented"] : ["components", "raw"];
        for (let rep = 0; rep < reps; rep++) {
            for (let k = 0; k < variants.length; k++) {
                const v = variants[(k + rep) % variants.length];
                const res = (await runWorker([v, String(n)])) as WorkerResult;
                rs[v].push(res);
                log(
                    `components: N=${n} ${v} rep ${rep + 1}/${reps}: ${fix(res.ms, 0)} ms wall, ${fix(res.cpuMs, 0)} ms CPU, ` +
                        `+${fix(res.growthMb, 0)} MB`,
                );
            }
        }
    }
    const rows: string[][] = [];
    const shape: string[][] = [];
    const perSet = new Map<number, { c: number; r: number }>();
    for (const [n, { components: c, raw: r, parented: pr }] of results) {
        const [cw, rw, cc, rc, cg, rg] = [
            c.map((x) => x.ms),
            r.map((x) => x.ms),
            c.map((x) => x.cpuMs),
            r.map((x) => x.cpuMs),
            c.map((x) => x.growthMb),
            r.map((x) => x.growthMb),
        ].map(summarize);
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
        if (pr.length > 0) {
            const [pw, pc] = [pr.map((x) => x.ms), pr.map((x) => x.cpuMs)].map(summarize);
            shape.push([
                `N = ${n.toLocaleString("en")}`,
                `${range(rw)} / ${range(rc)}`,
                `${range(pw)} / ${range(pc)}`,
                `${range(cw)} / ${range(cc)}`,
                `${fix(ratio(pw, rw))}× / ${fix(ratio(pc, rc))}×`,
                `${fix(ratio(cw, pw))}× / ${fix(ratio(cc, pc))}×`,
            ]);
        }
        const wallRatio = ratio(cw, rw);
        verdict(
            `components ≤ 1.1× raw (${n === 0 ? "seed" : `N = ${n}`}, wall time)`,
            wallRatio,
            1.1,
            `${fix(wallRatio)}× (CPU ${fix(ratio(cc, rc))}×, memory ${fix(ratio(cg, rg))}×)`,
        );
    }
    const p100 = perSet.get(100);
    const p1000 = perSet.get(1000);
    const growth = p100 && p1000 ? { c: p1000.c / p100.c, r: p1000.r / p100.r } : undefined;
    section(
        "Components under mocks vs the same resources as raw @pulumi/aws (fresh process per run; median (min–max))",
        table(
            [
                "program",
                "runs each",
                "registrations (comp / raw)",
                "components ms",
                "raw ms",
                "wall ratio",
                "CPU ratio",
                "peak RSS growth MB (comp / raw)",
                "memory ratio",
                "ms per set (comp / raw)",
            ],
            rows,
        ) +
            (growth
                ? `\n\nPer-set cost at N = 1,000 relative to N = 100: components ${fix(growth.c)}×, raw ${fix(growth.r)}× ` +
                  `(1.00 = linear).`
                : "") +
            (shape.length
                ? "\n\nWhere the difference comes from: the raw resources again under two bare component resources per set " +
                  "(the components' type tokens, " +
                  "names and registered outputs, no code), i.e. what registering the component resources costs apart from the " +
                  "components' own code " +
                  "(wall / CPU ms):\n\n" +
                  table(
                      [
                          "program",
                          "raw",
                          "raw under bare components",
                          "components",
                          "bare components / raw",
                          "components / bare components",
                      ],
                      shape,
                  )
                : ""),
    );
    if (growth)
        verdict(
            "components linear in N (per-set cost at N = 1,000 ≤ 1.25× that at N = 100)",
            growth.c,
            1.25,
            `components ${fix(growth.c)}×, raw ${fix(growth.r)}×`,
        );
}

// ---- 3. the policy pack --------------------------------------------------------------------------------------

/** policypack/dist (what `pulumi policy publish` uploads and `npm start` runs), rebuilt when older than its sources. */
function freshCompiledPack(): string {
    const dist = path.join(PACK, "dist");
    const checkout = path.dirname(PACK);
    if (!isFresh(path.join(dist, "PulumiPolicy.yaml"), [PACK, path.join(checkout, "components", "grants")])) {
        log(`pack: ${path.relative(ROOT, dist) || dist} is missing or older than its sources: npm run build:policypack ...`);
        execFileSync("npm", ["run", "-s", "build:policypack"], { cwd: checkout, stdio: ["ignore", "ignore", "inherit"] });
    }
    return dist;
}

interface PackRuns {
    start: number[];
    perResource: number[];
    perResourceCpu: number[];
    stack: number[];
    stackCpu: number[];
    diagnostics: Set<string>;
}

async function packSection(): Promise<void> {
    log("pack: building the resource mix ...");
    const tm = now();
    const mix = await loadMix();
    const resources = cloneTo(mix.group, MIX_RESOURCES);
    const analyzeReqs = await Promise.all(resources.map(analyzeRequest));
    const stackReq = await analyzeStackRequest([mix.root, ...cloneTo(mix.stackGroup, STACK_RESOURCES - 1)]);
    log(`pack: mix and requests built in ${fix((now() - tm) / 1000, 1)} s`);
    // The directory the README names (policypack/: start.js runs the compiled dist built at install) against the
    // baseline as it runs (TypeScript, type-checked at start) and compiled, all measured in full; policypack/dist, what
    // publish uploads, only starts (once loaded it is the same JavaScript as policypack/ runs).
    const dist = freshCompiledPack();
    const packs = [
        { key: "b", name: "baseline (1 rule)", dir: BASELINE, full: true },
        { key: "p", name: "kinesis-least-privilege (policypack/)", dir: PACK, full: true },
        {
            key: "bjs",
            name: "baseline compiled",
            dir: compileBaseline(BASELINE, path.join(__dirname, "out", "baseline-pack-js")),
            full: true,
        },
        { key: "pjs", name: "policypack/dist", dir: dist, full: false },
        ...(EXPLAIN
            ? [
                  {
                      key: "ref",
                      name: "reference (no-op rules)",
                      dir: writeReferencePack(
                          POLICIES,
                          path.join(__dirname, "out", "reference-pack"),
                          path.join(dist, "policypack", "deserializeOnce.js"),
                      ),
                      full: true,
                  },
              ]
            : []),
    ];
    const m = new Map<string, PackRuns>(
        packs.map((p) => [
            p.key,
            { start: [], perResource: [], perResourceCpu: [], stack: [], stackCpu: [], diagnostics: new Set() },
        ]),
    );
    for (let rep = 0; rep < REPS; rep++) {
        for (const group of [packs]) {
            for (const spec of group.map((_, k) => group[(k + rep) % group.length])) {
                const runs = m.get(spec.key)!;
                const pack = await startPack(spec.dir);
                try {
                    runs.start.push(pack.startMs);
                    if (!spec.full) continue;
                    let diagnostics = 0;
                    const c0 = pack.cpuMs();
                    const t0 = now();
                    for (const req of analyzeReqs) diagnostics += await pack.analyze(req);
                    const t1 = now();
                    const c1 = pack.cpuMs();
                    const stackDiagnostics = await pack.analyzeStack(stackReq);
                    const t2 = now();
                    const c2 = pack.cpuMs();
                    runs.perResource.push((t1 - t0) / analyzeReqs.length);
                    runs.perResourceCpu.push((c1 - c0) / analyzeReqs.length);
                    runs.stack.push(t2 - t1);
                    runs.stackCpu.push(c2 - c1);
                    runs.diagnostics.add(`${diagnostics} + ${stackDiagnostics}`);
                    log(
                        `pack: ${spec.name} rep ${rep + 1}/${REPS}: start ${fix(pack.startMs, 0)} ms, ` +
                            `${fix((t1 - t0) / analyzeReqs.length, 3)} ms/resource, stack ${fix(t2 - t1, 0)} ms`,
                    );
                } finally {
                    await pack.close();
                }
            }
        }
        log(`pack: rep ${rep + 1}/${REPS}: policypack/dist started in ${fix(m.get("pjs")!.start[rep], 0)} ms`);
    }
    const s = (key: string) => {
        const r = m.get(key)!;
        return {
            start: summarize(r.start),
            perResource: summarize(r.perResource),
            perResourceCpu: summarize(r.perResourceCpu),
            stack: summarize(r.stack),
            stackCpu: summarize(r.stackCpu),
            diagnostics: [...r.diagnostics].join(" | "),
        };
    };
    const [b, p, bjs, pjs] = ["b", "p", "bjs", "pjs"].map(s);
    const ref = EXPLAIN ? s("ref") : undefined;
    const mixTypes = Object.entries(mix.types)
        .map(([t, c]) => `${t.split(":").pop()} ${c}`)
        .join(", ");
    const row = (label: string, x: Summary, y: Summary, digits: number, target: string, bold = true) => [
        label,
        range(x, digits),
        range(y, digits),
        bold ? `**${fix(ratio(y, x))}×**` : `${fix(ratio(y, x))}×`,
        target,
    ];
    const rows = [
        row(
            "start-up, `--policy-pack policypack` (the README's directory: start.js → the compiled dist) vs the baseline as " +
                "it runs (TypeScript): spawn → port (ms)",
            b.start,
            p.start,
            0,
            "≤ 1.15×",
        ),
        row("start-up, `--policy-pack policypack` vs the baseline compiled (ms)", bjs.start, p.start, 0, "≤ 1.15×"),
        row(
            "start-up, `policypack/dist` (what `pulumi policy publish` uploads) vs the baseline compiled (ms)",
            bjs.start,
            pjs.start,
            0,
            "",
            false,
        ),
        row(
            `Analyze, wall time per resource over ${MIX_RESOURCES.toLocaleString("en")}, policypack/ vs the baseline as it ` +
                `runs (ms)`,
            b.perResource,
            p.perResource,
            3,
            "≤ 1.15×",
        ),
        row(
            "Analyze, wall time per resource, policypack/ vs the baseline compiled (ms)",
            bjs.perResource,
            p.perResource,
            3,
            "≤ 1.15×",
        ),
        row(
            "Analyze, pack CPU time per resource, vs the baseline as it runs (ms)",
            b.perResourceCpu,
            p.perResourceCpu,
            3,
            "",
            false,
        ),
        row(
            "Analyze, pack CPU time per resource, vs the baseline compiled (ms)",
            bjs.perResourceCpu,
            p.perResourceCpu,
            3,
            "",
            false,
        ),
        row(
            `AnalyzeStack, ${STACK_RESOURCES.toLocaleString("en")} resources, wall (ms)`,
            b.stack,
            p.stack,
            0,
            "< 2,000 ms",
            false,
        ),
        row("AnalyzeStack, pack CPU time (ms)", b.stackCpu, p.stackCpu, 0, "", false),
        ["diagnostics (Analyze + AnalyzeStack)", b.diagnostics, p.diagnostics, "", ""],
    ];
    const refNote = ref
        ? `\n\nReference: the same ${POLICIES.length} policies as no-ops (JavaScript, each resource decoded once as the ` +
          `pack does), i.e. the policy server's own cost for that many policies: ` +
          `Analyze ${range(ref.perResource, 3)} ms wall (${fix(ratio(ref.perResource, b.perResource))}×), ` +
          `${range(ref.perResourceCpu, 3)} ms CPU (${fix(ratio(ref.perResourceCpu, b.perResourceCpu))}×) per resource; ` +
          `AnalyzeStack ${range(ref.stack)} ms wall (${fix(ratio(ref.stack, b.stack))}×), ${range(ref.stackCpu)} ms CPU ` +
          `(${fix(ratio(ref.stackCpu, b.stackCpu))}×).`
        : "";
    let rulesNote = "";
    if (EXPLAIN) {
        log("pack: each rule in-process ...");
        const costs = await perRuleCost(POLICIES as Parameters<typeof perRuleCost>[0], resources);
        const total = costs.filter(([n]) => !n.startsWith("(")).reduce((a, [, us]) => a + us, 0);
        rulesNote =
            `\n\nEach resource policy in-process (a tight loop, so a lower bound: in the pack process, between gRPC ` +
            `requests, the same code runs slower) over the same ${MIX_RESOURCES.toLocaleString("en")} resources, including ` +
            `the policy server's ` +
            `deserialization of the inputs for it (µs per resource; ${fix(total, 0)} µs in all):\n\n` +
            table(
                ["policy", "µs per resource"],
                costs.map(([n, us]) => [n, fix(us, 1)]),
            );
    }
    section(
        `Policy pack over the analyzer protocol (${REPS} alternating runs each; median (min–max))`,
        table(["measure", "baseline (1 rule)", "kinesis-least-privilege", "ratio", "target"], rows) +
            `\n\nMix (one group of ${mix.group.length} custom resources, cloned with fresh names to ` +
            `${MIX_RESOURCES.toLocaleString("en")}): ${mixTypes}. ` +
            `Inputs as at update (every ARN known, so every rule does its full work). AnalyzeStack gets every resource ` +
            `(components and the root stack too) with its state. ` +
            `Requests are encoded before the clock starts (the engine encodes them in Go); the pack's decoding is measured. ` +
            `CPU time is the pack process's (/proc), robust to other load on the machine.` +
            refNote +
            rulesNote,
    );
    verdict(
        "start-up of policypack/ ≤ 1.15× the baseline as it runs",
        ratio(p.start, b.start),
        1.15,
        `${fix(ratio(p.start, b.start))}× (${fix(p.start.median, 0)} vs ${fix(b.start.median, 0)} ms)`,
    );
    verdict(
        "start-up of policypack/ ≤ 1.15× the baseline compiled",
        ratio(p.start, bjs.start),
        1.15,
        `${fix(ratio(p.start, bjs.start))}× (${fix(p.start.median, 0)} vs ${fix(bjs.start.median, 0)} ms)`,
    );
    for (const [label, base] of [
        ["the baseline as it runs", b],
        ["the baseline compiled", bjs],
    ] as const) {
        verdict(
            `per-resource Analyze of policypack/ ≤ 1.15× ${label}`,
            ratio(p.perResource, base.perResource),
            1.15,
            `${fix(ratio(p.perResource, base.perResource))}× wall (${fix(p.perResource.median, 3)} vs ` +
                `${fix(base.perResource.median, 3)} ms); pack CPU ${fix(ratio(p.perResourceCpu, base.perResourceCpu))}×`,
        );
    }
    verdict(
        "AnalyzeStack of 10,000 resources < 2 s",
        p.stack.median,
        2000,
        `${fix(p.stack.median, 0)} ms (max ${fix(p.stack.max, 0)}; CPU ${fix(p.stackCpu.median, 0)} ms; baseline ` +
            `${fix(b.stack.median, 0)} ms)`,
    );
}

// ---- main ----------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
    const t0 = now();
    const mc = machine();
    const load0 = loadAverage();
    const times: string[] = [];
    const timed = async (name: string, f: () => Promise<void>) => {
        if (!only.has(name)) return;
        const t = now();
        await f();
        times.push(`${name} ${fix((now() - t) / 1000, 0)} s`);
    };
    await timed("size", sizeSection);
    await timed("components", componentsSection);
    await timed("pack", packSection);
    const elapsed = (now() - t0) / 1000;
    const summary = table(
        ["target", "result", "met", "margin"],
        verdicts.map((v) => [v.target, v.result, v.met ? "yes" : "**no**", v.margin]),
    );
    section("Targets", summary);
    const header =
        `Run ${mc.date} on ${mc.cpu} (${mc.cores} cores, ${mc.memGiB} GiB), ${mc.os}, Node ${mc.node}, commit ${mc.commit}. ` +
        `Load average (1/5/15 min) ${load0} at the start, ${loadAverage()} at the end. ` +
        `Repetitions: ${REPS} (pack; components seed and N = 10), ${REPS_MID} (components N = 100), ${REPS_LARGE} (components ` +
        `N = 1,000). ` +
        `Whole run: ${fix(elapsed, 0)} s (${times.join(", ")}).`;
    process.stdout.write(`\n${header}\n`);
    if (WRITE) writeResults(`${header}\n\n${out.join("\n")}`);
}

function writeResults(generated: string): void {
    const begin = "<!-- bench:begin (generated by npm run bench; edit outside these markers) -->";
    const end = "<!-- bench:end -->";
    const old = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, "utf8") : `# Benchmark results\n\n${begin}\n${end}\n`;
    const i = old.indexOf(begin);
    const j = old.indexOf(end);
    const next =
        i >= 0 && j > i
            ? `${old.slice(0, i + begin.length)}\n${generated}\n${old.slice(j)}`
            : `${old.trimEnd()}\n\n${begin}\n${generated}\n${end}\n`;
    fs.writeFileSync(RESULTS, next);
    log(`wrote ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
});
