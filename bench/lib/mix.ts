// The realistic resource mix the pack benchmark sends: bench/programs/mix run once under the offline plan's mocks
// (update semantics: every ARN known, so the rules do their full work), converted exactly as `npm start` converts
// resources for the pack (tools/plan.ts toPackResource), then cloned group by group, each clone with its own
// physical names, ARNs and URNs (the marker "zq0000" renumbered), to any size.

import * as path from "node:path";
import type { AnalyzerResource } from "../../tools/lib/analyzer";
import { runProgram } from "../../tools/lib/program";
import { toPackResource } from "../../tools/plan";

const MARKER = "zq0000";

export interface Mix {
    /** Custom resources with their inputs, what the engine sends Analyze for, in registration order. */
    group: AnalyzerResource[];
    /** Every resource of the group with its state (inputs + outputs), what AnalyzeStack sees; root stack excluded. */
    stackGroup: AnalyzerResource[];
    root: AnalyzerResource;
    /** Resource types of the group, counted. */
    types: Record<string, number>;
}

export async function loadMix(): Promise<Mix> {
    const run = await runProgram({ dir: path.join(__dirname, "..", "programs", "mix"), stack: "bench", preview: false });
    const rootRec = run.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
    const managed = run.resources.filter((r) => !r.external);
    const group = managed.filter((r) => r.custom).map(toPackResource);
    const stackGroup = managed
        .filter((r) => r !== rootRec)
        .map((r) => ({ ...toPackResource(r), inputs: r.custom && r.wireOutputs ? r.wireOutputs : r.wireInputs }));
    for (const r of stackGroup) if (!r.urn.includes(MARKER)) throw new Error(`mix: ${r.urn} has no ${MARKER} marker`);
    const types: Record<string, number> = {};
    for (const r of group) types[r.type] = (types[r.type] ?? 0) + 1;
    return { group, stackGroup, root: toPackResource(rootRec), types };
}

/** `count` resources: copies of the group, copy i with the marker renumbered to i. */
export function cloneTo(group: readonly AnalyzerResource[], count: number): AnalyzerResource[] {
    const text = JSON.stringify(group);
    const out: AnalyzerResource[] = [];
    for (let i = 0; out.length < count; i++) {
        const copy = JSON.parse(text.split(MARKER).join(`zq${String(i).padStart(4, "0")}`)) as AnalyzerResource[];
        out.push(...copy.slice(0, count - out.length));
    }
    return out;
}
