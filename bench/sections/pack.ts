// 3. The policy pack over the analyzer protocol, started as the Pulumi CLI starts it, against a one-rule baseline
// pack started the same way: start-up, Analyze per resource over a realistic mix, and AnalyzeStack.

import * as path from "node:path";
import { POLICIES } from "../../policypack/rules";
import { documentValid } from "../../policypack/rules/documentValid";
import {
    ALSO,
    ANALYZE_BATCH,
    BASELINE,
    EXPLAIN,
    log,
    MIX_RESOURCES,
    now,
    OUT,
    PACK,
    REPS,
    ROOT,
    STACK_RESOURCES,
    STEADY_WARMUP,
} from "../lib/context";
import { cloneTo, loadMix } from "../lib/mix";
import { diagnosticsIn, startPack, type RunningPack } from "../lib/pack";
import { analyzeRequest, analyzeStackRequest } from "../lib/requests";
import { compileBaseline, freshCompiledPack, writeReferencePack } from "../lib/floors";
import { perRuleCost } from "../lib/rules";
import { fix, table } from "../lib/stats";
import { PackRuns, reportPacks } from "./packReport";

/** A pack to measure: `full` ones are measured in full, the others only started. */
interface PackSpec {
    key: string;
    name: string;
    dir: string;
    full: boolean;
}

export async function packSection(): Promise<void> {
    log("pack: building the resource mix ...");
    const tm = now();
    const mix = await loadMix();
    // --explain: fresh requests beyond the measured ones, to read the same packs once warm.
    const all = cloneTo(mix.group, MIX_RESOURCES + (EXPLAIN ? STEADY_WARMUP + MIX_RESOURCES : 0));
    const resources = all.slice(0, MIX_RESOURCES);
    const allReqs = await Promise.all(all.map(analyzeRequest));
    const analyzeReqs = allReqs.slice(0, MIX_RESOURCES);
    const steady = EXPLAIN
        ? { warmup: allReqs.slice(MIX_RESOURCES, -MIX_RESOURCES), measured: allReqs.slice(-MIX_RESOURCES) }
        : undefined;
    const stackReq = await analyzeStackRequest([mix.root, ...cloneTo(mix.stackGroup, STACK_RESOURCES - 1)]);
    log(`pack: mix and requests built in ${fix((now() - tm) / 1000, 1)} s`);
    // The directory the README names (policypack/: start.js runs the compiled dist built at install) against the
    // baseline as it runs (TypeScript, type-checked at start) and compiled, all measured in full; policypack/dist, what
    // publish uploads, only starts (once loaded it is the same JavaScript as policypack/ runs).
    const dist = freshCompiledPack(PACK, log);
    const packs: PackSpec[] = [
        { key: "b", name: "baseline (1 rule)", dir: BASELINE, full: true },
        { key: "p", name: "kinesis-least-privilege (policypack/)", dir: PACK, full: true },
        {
            key: "bjs",
            name: "baseline compiled",
            dir: compileBaseline(BASELINE, path.join(OUT, "baseline-pack-js")),
            full: true,
        },
        { key: "pjs", name: "policypack/dist", dir: dist, full: false },
        ...(EXPLAIN ? referencePacks(path.join(dist, "policypack")) : []),
        ...ALSO.map((dir, i) => ({ key: `also${i}`, name: path.relative(ROOT, dir) || dir, dir, full: true })),
    ];
    const m = await measurePacks(packs, analyzeReqs, stackReq, steady);
    const mixTypes = Object.entries(mix.types)
        .map(([t, c]) => `${t.split(":").pop()} ${c}`)
        .join(", ");
    const rulesNote = EXPLAIN ? await explainRules(resources) : "";
    reportPacks(m, {
        groupSize: mix.group.length,
        mixTypes,
        policies: POLICIES.length,
        rulesNote,
        also: packs.filter((p) => p.key.startsWith("also")),
    });
}

/**
 * --explain's reference packs: the same policies as no-ops (the policy server's own cost for them), and the same
 * with one document policy reading each resource's documents with the pack's code (what reading them costs).
 */
function referencePacks(distPack: string): PackSpec[] {
    const deserializeOnce = path.join(distPack, "deserializeOnce.js");
    return [
        {
            key: "ref",
            name: "reference (no-op rules)",
            dir: writeReferencePack(POLICIES, path.join(OUT, "reference-pack"), { deserializeOnce }),
            full: true,
        },
        {
            key: "refDocs",
            name: "reference (no-op rules, documents read)",
            dir: writeReferencePack(POLICIES, path.join(OUT, "reference-pack-documents"), {
                deserializeOnce,
                // The one document policy that reads every kind of document of every type that has them.
                readDocuments: { policy: documentValid.name, dist: distPack },
            }),
            full: true,
        },
    ];
}

interface Started {
    spec: PackSpec;
    pack: RunningPack;
}

/** Each started pack's wall and CPU time (ms) and diagnostics over `reqs`. */
type Turns = Map<Started, { wall: number; cpu: number; diagnostics: number }>;

/**
 * The started packs take the requests in batches, pack after pack, so that the machine's drift within a round
 * (seconds long) falls on every pack alike. Every pack sees each request once.
 */
async function takeTurns(started: readonly Started[], reqs: readonly Uint8Array[]): Promise<Turns> {
    const t: Turns = new Map(started.map((x) => [x, { wall: 0, cpu: 0, diagnostics: 0 }]));
    for (let b = 0; b * ANALYZE_BATCH < reqs.length; b++) {
        const batch = reqs.slice(b * ANALYZE_BATCH, (b + 1) * ANALYZE_BATCH);
        for (let k = 0; k < started.length; k++) {
            const x = started[(k + b) % started.length];
            const y = t.get(x)!;
            const c0 = x.pack.cpuMs();
            const t0 = now();
            const responses: Uint8Array[] = [];
            for (const req of batch) responses.push(await x.pack.analyze(req));
            y.wall += now() - t0;
            y.cpu += x.pack.cpuMs() - c0;
            for (const res of responses) y.diagnostics += diagnosticsIn(res);
        }
    }
    return t;
}

/**
 * REPS rounds. Each round starts every pack in a rotating order; the full ones then take the requests in turns
 * (takeTurns), from their first request on, and each runs AnalyzeStack once. With --explain they then take
 * STEADY_WARMUP fresh requests unmeasured and MIX_RESOURCES more measured: the same packs warm.
 */
async function measurePacks(
    packs: readonly PackSpec[],
    analyzeReqs: readonly Uint8Array[],
    stackReq: Uint8Array,
    steady?: { warmup: readonly Uint8Array[]; measured: readonly Uint8Array[] },
): Promise<Map<string, PackRuns>> {
    const m = new Map<string, PackRuns>(packs.map((p) => [p.key, emptyRuns()]));
    for (let rep = 0; rep < REPS; rep++) {
        const started: Started[] = [];
        try {
            for (const spec of packs.map((_, k) => packs[(k + rep) % packs.length])) {
                const pack = await startPack(spec.dir);
                m.get(spec.key)!.start.push(pack.startMs);
                if (spec.full) started.push({ spec, pack });
                else await pack.close();
            }
            const cold = await takeTurns(started, analyzeReqs);
            for (const x of started) {
                const runs = m.get(x.spec.key)!;
                const { wall, cpu, diagnostics } = cold.get(x)!;
                const c0 = x.pack.cpuMs();
                const t0 = now();
                const stackResponse = await x.pack.analyzeStack(stackReq);
                const stackMs = now() - t0;
                const stackDiagnostics = diagnosticsIn(stackResponse);
                runs.stack.push(stackMs);
                runs.stackCpu.push(x.pack.cpuMs() - c0);
                runs.perResource.push(wall / analyzeReqs.length);
                runs.perResourceCpu.push(cpu / analyzeReqs.length);
                runs.diagnostics.add(`${diagnostics} + ${stackDiagnostics}`);
                log(
                    `pack: ${x.spec.name} rep ${rep + 1}/${REPS}: start ${fix(x.pack.startMs, 0)} ms, ` +
                        `${fix(wall / analyzeReqs.length, 3)} ms/resource (CPU ${fix(cpu / analyzeReqs.length, 3)}), ` +
                        `stack ${fix(stackMs, 0)} ms`,
                );
            }
            if (steady) {
                await takeTurns(started, steady.warmup);
                const warm = await takeTurns(started, steady.measured);
                for (const x of started) {
                    const runs = m.get(x.spec.key)!;
                    runs.steady.push(warm.get(x)!.wall / steady.measured.length);
                    runs.steadyCpu.push(warm.get(x)!.cpu / steady.measured.length);
                }
            }
        } finally {
            for (const x of started) await x.pack.close();
        }
        log(`pack: rep ${rep + 1}/${REPS}: policypack/dist started in ${fix(m.get("pjs")!.start[rep], 0)} ms`);
    }
    return m;
}

const emptyRuns = (): PackRuns => ({
    start: [],
    perResource: [],
    perResourceCpu: [],
    stack: [],
    stackCpu: [],
    steady: [],
    steadyCpu: [],
    diagnostics: new Set(),
});

/** --explain: each resource policy's cost in-process over the mix, as a note under the pack's table. */
async function explainRules(resources: Parameters<typeof perRuleCost>[1]): Promise<string> {
    log("pack: each rule in-process ...");
    const costs = await perRuleCost(POLICIES as Parameters<typeof perRuleCost>[0], resources);
    const total = costs.filter(([n]) => !n.startsWith("(")).reduce((a, [, us]) => a + us, 0);
    return (
        `\n\nEach resource policy in-process (a tight loop, so a lower bound: in the pack process, between gRPC ` +
        `requests, the same code runs slower) over the same ${MIX_RESOURCES.toLocaleString("en")} resources, including ` +
        `the policy server's deserialization of the inputs for it (µs per resource; ${fix(total, 0)} µs in all):\n\n` +
        table(
            ["policy", "µs per resource"],
            costs.map(([n, us]) => [n, fix(us, 1)]),
        )
    );
}
