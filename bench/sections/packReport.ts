// The policy pack section's report: its table, its notes and its targets, from the runs bench/sections/pack.ts made.

import { ANALYZE_BATCH, MIX_RESOURCES, REPS, section, STACK_RESOURCES, STEADY_WARMUP, verdict } from "../lib/context";
import { fix, range, ratio, summarize, Summary, table } from "../lib/stats";

/**
 * The pack's figure over the baseline's, round by round: each round starts every pack once and takes their requests in
 * batches that alternate (pack.ts), so a round's figures share the machine's state. The machine drifts between rounds
 * (this one's per-resource times have halved from the first round to the last), which a ratio of the two medians mixes up.
 */
const perRound = (pack: readonly number[], base: readonly number[]) => summarize(pack.map((x, i) => x / base[i]));

/** One pack's measurements over the repetitions. */
export interface PackRuns {
    start: number[];
    perResource: number[];
    perResourceCpu: number[];
    stack: number[];
    stackCpu: number[];
    /** --explain: per resource over fresh requests STEADY_WARMUP after the measured ones (wall, CPU); else empty. */
    steady: number[];
    steadyCpu: number[];
    diagnostics: Set<string>;
}

type Measure = Exclude<keyof PackRuns, "diagnostics">;
type Summaries = { [K in Measure]: Summary } & { diagnostics: string; runs: PackRuns };

/** What the notes under the table say about the mix and the policies. */
export interface PackReportInfo {
    groupSize: number;
    mixTypes: string;
    policies: number;
    /** --explain's per-rule note, or "". */
    rulesNote: string;
    /** --also: the other pack directories measured in the same rounds. */
    also: readonly { key: string; name: string }[];
}

const LABELS = {
    startReadme:
        "start-up, `--policy-pack policypack` (the README's directory: start.js → the compiled dist) vs the baseline as " +
        "it runs (TypeScript): spawn → port (ms)",
    startCompiled: "start-up, `--policy-pack policypack` vs the baseline compiled (ms)",
    startDist: "start-up, `policypack/dist` (what `pulumi policy publish` uploads) vs the baseline compiled (ms)",
    analyze:
        `Analyze, wall time per resource over ${MIX_RESOURCES.toLocaleString("en")}, policypack/ vs the baseline as it ` +
        "runs (ms)",
    analyzeCompiled: "Analyze, wall time per resource, policypack/ vs the baseline compiled (ms)",
    cpu: "Analyze, pack CPU time per resource, vs the baseline as it runs (ms)",
    cpuCompiled: "Analyze, pack CPU time per resource, vs the baseline compiled (ms)",
    stack: `AnalyzeStack, ${STACK_RESOURCES.toLocaleString("en")} resources, wall (ms)`,
    stackCpu: "AnalyzeStack, pack CPU time (ms)",
};

export function reportPacks(m: ReadonlyMap<string, PackRuns>, info: PackReportInfo): void {
    const s = (key: string): Summaries => {
        const r = m.get(key)!;
        return {
            start: summarize(r.start),
            perResource: summarize(r.perResource),
            perResourceCpu: summarize(r.perResourceCpu),
            stack: summarize(r.stack),
            stackCpu: summarize(r.stackCpu),
            steady: summarize(r.steady),
            steadyCpu: summarize(r.steadyCpu),
            diagnostics: [...r.diagnostics].join(" | "),
            runs: r,
        };
    };
    const [b, p, bjs, pjs] = ["b", "p", "bjs", "pjs"].map(s);
    const refs = m.has("ref") ? { ref: s("ref"), refDocs: s("refDocs") } : undefined;
    section(
        `Policy pack over the analyzer protocol (${REPS} rounds, requests in alternating batches; median (min–max))`,
        table(
            ["measure", "baseline (1 rule)", "kinesis-least-privilege", "ratio of medians", "ratio per round", "target"],
            rows(b, p, bjs, pjs),
        ) +
            `\n\nMix (one group of ${info.groupSize} custom resources, cloned with fresh names to ` +
            `${MIX_RESOURCES.toLocaleString("en")}): ${info.mixTypes}. ` +
            `Inputs as at update (every ARN known, so every rule does its full work). AnalyzeStack gets every resource ` +
            `(components and the root stack too) with its state. ` +
            `Requests are encoded before the clock starts and responses decoded after it stops (the engine does both in Go); ` +
            `the pack's own decoding and encoding is measured. ` +
            `In each round the packs are all started, then take the requests in batches of ${ANALYZE_BATCH}, ` +
            `pack after pack, so that the machine's drift falls on each alike. ` +
            `CPU time is the pack process's (/proc), robust to other load on the machine.` +
            (refs ? referenceNote([bjs, refs.ref, refs.refDocs, p], info.policies) : "") +
            info.rulesNote +
            alsoNote(
                p,
                bjs,
                info.also.map((a) => [a.name, s(a.key)]),
            ),
    );
    verdicts(b, p, bjs);
}

function rows(b: Summaries, p: Summaries, bjs: Summaries, pjs: Summaries): string[][] {
    const row = (label: string, x: Summaries, y: Summaries, m: Measure, digits: number, target: string, bold = true) => {
        const paired = range(perRound(y.runs[m], x.runs[m]), 2, "×");
        return [
            label,
            range(x[m], digits),
            range(y[m], digits),
            `${fix(ratio(y[m], x[m]))}×`,
            bold ? `**${paired}**` : paired,
            target,
        ];
    };
    return [
        row(LABELS.startReadme, b, p, "start", 0, "≤ 1.15×"),
        row(LABELS.startCompiled, bjs, p, "start", 0, "≤ 1.15×"),
        row(LABELS.startDist, bjs, pjs, "start", 0, "", false),
        row(LABELS.analyze, b, p, "perResource", 3, "≤ 1.15×"),
        row(LABELS.analyzeCompiled, bjs, p, "perResource", 3, "≤ 1.15×"),
        row(LABELS.cpu, b, p, "perResourceCpu", 3, "", false),
        row(LABELS.cpuCompiled, bjs, p, "perResourceCpu", 3, "", false),
        row(LABELS.stack, b, p, "stack", 0, "< 2,000 ms", false),
        row(LABELS.stackCpu, b, p, "stackCpu", 0, "", false),
        ["diagnostics (Analyze + AnalyzeStack)", b.diagnostics, p.diagnostics, "", "", ""],
    ];
}

/**
 * --explain: what the per-resource gap is made of, cold (the measured requests) and warm (as many fresh ones again,
 * STEADY_WARMUP requests later), each pack's figure over the baseline compiled's, round by round.
 */
function referenceNote(packs: readonly [Summaries, Summaries, Summaries, Summaries], policies: number): string {
    const [bjs] = packs;
    const names = [
        "baseline compiled (1 rule)",
        `reference: the ${policies} policies as no-ops`,
        "reference: the no-ops, one reading each resource's documents with the pack's code",
        "kinesis-least-privilege (policypack/)",
    ];
    const cell = (x: Summaries, m: Measure) => range(perRound(x.runs[m], bjs.runs[m]), 2, "×");
    const warmFrom = MIX_RESOURCES + STEADY_WARMUP;
    return (
        `\n\nWhat the per-resource gap is made of (--explain; JavaScript packs, each resource decoded once as the pack ` +
        `does; ratios to the baseline compiled, round by round): the policy server's own cost for ${policies} ` +
        `policies, then reading the documents, then the rules. *Warm*: requests ${(warmFrom + 1).toLocaleString("en")}–` +
        `${(warmFrom + MIX_RESOURCES).toLocaleString("en")} of each pack, all fresh, taken in turns as the first ` +
        `${MIX_RESOURCES.toLocaleString("en")} (after them each pack has run AnalyzeStack and ` +
        `${STEADY_WARMUP.toLocaleString("en")} more fresh requests); not a target: the warm-up is part of every preview.\n\n` +
        table(
            ["pack", "Analyze wall (ms)", "wall ratio", "CPU ratio", "warm wall (ms)", "warm wall ratio", "warm CPU ratio"],
            packs.map((x, i) => [
                names[i],
                range(x.perResource, 3),
                cell(x, "perResource"),
                cell(x, "perResourceCpu"),
                range(x.steady, 3),
                cell(x, "steady"),
                cell(x, "steadyCpu"),
            ]),
        )
    );
}

/** --also: each other directory beside policypack/, its figures over the baseline compiled's, round by round. */
function alsoNote(p: Summaries, bjs: Summaries, also: readonly (readonly [string, Summaries])[]): string {
    if (also.length === 0) return "";
    const cell = (x: Summaries, m: Measure) => range(perRound(x.runs[m], bjs.runs[m]), 2, "×");
    return (
        "\n\nOther directories measured in the same rounds (--also; ratios to the baseline compiled, round by round):\n\n" +
        table(
            ["pack", "start-up ratio", "Analyze wall (ms)", "wall ratio", "CPU ratio"],
            ([["policypack/", p], ...also] as const).map(([name, x]) => [
                name,
                cell(x, "start"),
                range(x.perResource, 3),
                cell(x, "perResource"),
                cell(x, "perResourceCpu"),
            ]),
        )
    );
}

function verdicts(b: Summaries, p: Summaries, bjs: Summaries): void {
    for (const [label, base] of [
        ["the baseline as it runs", b],
        ["the baseline compiled", bjs],
    ] as const) {
        const r = perRound(p.runs.start, base.runs.start);
        verdict(
            `start-up of policypack/ ≤ 1.15× ${label} (median of the rounds' ratios)`,
            r.median,
            1.15,
            `${fix(r.median)}× (rounds ${fix(r.min)}–${fix(r.max)}×; medians ${fix(p.start.median, 0)} vs ` +
                `${fix(base.start.median, 0)} ms)`,
        );
    }
    for (const [label, base] of [
        ["the baseline as it runs", b],
        ["the baseline compiled", bjs],
    ] as const) {
        const wall = perRound(p.runs.perResource, base.runs.perResource);
        const cpu = perRound(p.runs.perResourceCpu, base.runs.perResourceCpu);
        verdict(
            `per-resource Analyze of policypack/ ≤ 1.15× ${label} (median of the rounds' ratios)`,
            wall.median,
            1.15,
            `${fix(wall.median)}× wall (rounds ${fix(wall.min)}–${fix(wall.max)}×; medians ${fix(p.perResource.median, 3)} ` +
                `vs ${fix(base.perResource.median, 3)} ms); pack CPU ${fix(cpu.median)}× (${fix(cpu.min)}–${fix(cpu.max)}×)`,
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
