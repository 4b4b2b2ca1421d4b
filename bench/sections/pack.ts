// 3. The policy pack over the analyzer protocol, started as the Pulumi CLI starts it, against a one-rule baseline
// pack started the same way: start-up, Analyze per resource over a realistic mix, and AnalyzeStack.

import * as path from "node:path";
import { POLICIES } from "../../policypack/rules";
import { ANALYZE_BATCH, BASELINE, EXPLAIN, log, MIX_RESOURCES, now, OUT, PACK, REPS, STACK_RESOURCES } from "../lib/context";
import { cloneTo, loadMix } from "../lib/mix";
import {
    analyzeRequest,
    analyzeStackRequest,
    compileBaseline,
    freshCompiledPack,
    startPack,
    writeReferencePack,
    type RunningPack,
} from "../lib/pack";
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
    const resources = cloneTo(mix.group, MIX_RESOURCES);
    const analyzeReqs = await Promise.all(resources.map(analyzeRequest));
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
        ...(EXPLAIN
            ? [
                  {
                      key: "ref",
                      name: "reference (no-op rules)",
                      dir: writeReferencePack(
                          POLICIES,
                          path.join(OUT, "reference-pack"),
                          path.join(dist, "policypack", "deserializeOnce.js"),
                      ),
                      full: true,
                  },
              ]
            : []),
    ];
    const m = await measurePacks(packs, analyzeReqs, stackReq);
    const mixTypes = Object.entries(mix.types)
        .map(([t, c]) => `${t.split(":").pop()} ${c}`)
        .join(", ");
    const rulesNote = EXPLAIN ? await explainRules(resources) : "";
    reportPacks(m, {
        groupSize: mix.group.length,
        mixTypes,
        policies: POLICIES.length,
        rulesNote,
    });
}

/**
 * REPS rounds. Each round starts every pack in a rotating order; the full ones then Analyze the requests in batches
 * that take turns, pack after pack, so that the machine's drift within a round (seconds long) falls on every pack
 * alike; then each runs AnalyzeStack once. Every pack still sees each request once, from its first request on.
 */
async function measurePacks(
    packs: readonly PackSpec[],
    analyzeReqs: readonly Uint8Array[],
    stackReq: Uint8Array,
): Promise<Map<string, PackRuns>> {
    const m = new Map<string, PackRuns>(
        packs.map((p) => [
            p.key,
            { start: [], perResource: [], perResourceCpu: [], stack: [], stackCpu: [], diagnostics: new Set() },
        ]),
    );
    for (let rep = 0; rep < REPS; rep++) {
        const started: { spec: PackSpec; pack: RunningPack; wall: number; cpu: number; diagnostics: number }[] = [];
        try {
            for (const spec of packs.map((_, k) => packs[(k + rep) % packs.length])) {
                const pack = await startPack(spec.dir);
                m.get(spec.key)!.start.push(pack.startMs);
                if (spec.full) started.push({ spec, pack, wall: 0, cpu: 0, diagnostics: 0 });
                else await pack.close();
            }
            for (let b = 0; b * ANALYZE_BATCH < analyzeReqs.length; b++) {
                const batch = analyzeReqs.slice(b * ANALYZE_BATCH, (b + 1) * ANALYZE_BATCH);
                for (let k = 0; k < started.length; k++) {
                    const x = started[(k + b) % started.length];
                    const c0 = x.pack.cpuMs();
                    const t0 = now();
                    for (const req of batch) x.diagnostics += await x.pack.analyze(req);
                    x.wall += now() - t0;
                    x.cpu += x.pack.cpuMs() - c0;
                }
            }
            for (const x of started) {
                const runs = m.get(x.spec.key)!;
                const c0 = x.pack.cpuMs();
                const t0 = now();
                const stackDiagnostics = await x.pack.analyzeStack(stackReq);
                const stackMs = now() - t0;
                runs.stack.push(stackMs);
                runs.stackCpu.push(x.pack.cpuMs() - c0);
                runs.perResource.push(x.wall / analyzeReqs.length);
                runs.perResourceCpu.push(x.cpu / analyzeReqs.length);
                runs.diagnostics.add(`${x.diagnostics} + ${stackDiagnostics}`);
                log(
                    `pack: ${x.spec.name} rep ${rep + 1}/${REPS}: start ${fix(x.pack.startMs, 0)} ms, ` +
                        `${fix(x.wall / analyzeReqs.length, 3)} ms/resource, stack ${fix(stackMs, 0)} ms`,
                );
            }
        } finally {
            for (const x of started) await x.pack.close();
        }
        log(`pack: rep ${rep + 1}/${REPS}: policypack/dist started in ${fix(m.get("pjs")!.start[rep], 0)} ms`);
    }
    return m;
}

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
