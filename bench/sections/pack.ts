// 3. The policy pack over the analyzer protocol, started as the Pulumi CLI starts it, against a one-rule baseline
// pack started the same way: start-up, Analyze per resource over a realistic mix, and AnalyzeStack.

import * as path from "node:path";
import { POLICIES } from "../../policypack/rules";
import { BASELINE, EXPLAIN, log, MIX_RESOURCES, now, OUT, PACK, REPS, section, STACK_RESOURCES, verdict } from "../lib/context";
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
import { fix, range, ratio, summarize, Summary, table } from "../lib/stats";

interface PackRuns {
    start: number[];
    perResource: number[];
    perResourceCpu: number[];
    stack: number[];
    stackCpu: number[];
    diagnostics: Set<string>;
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
    const packs = [
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
    const rulesNote = EXPLAIN ? await explainRules(resources) : "";
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
