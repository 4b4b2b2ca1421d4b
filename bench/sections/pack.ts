// 3. The policy pack over the analyzer protocol, started as the Pulumi CLI starts it, against a one-rule baseline
// pack started the same way: start-up, Analyze per resource over a realistic mix, and AnalyzeStack.

import * as path from "node:path";
import { POLICIES } from "../../policypack/rules";
import { BASELINE, EXPLAIN, log, MIX_RESOURCES, now, OUT, PACK, REPS, STACK_RESOURCES } from "../lib/context";
import { cloneTo, loadMix } from "../lib/mix";
import {
    analyzeRequest,
    analyzeStackRequest,
    compileBaseline,
    freshCompiledPack,
    startPack,
    writeReferencePack,
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

/** Each pack started REPS times, in a rotating order; the full ones then Analyze every request and AnalyzeStack once. */
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
        for (const spec of packs.map((_, k) => packs[(k + rep) % packs.length])) {
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
