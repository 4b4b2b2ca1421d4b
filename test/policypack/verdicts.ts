// What the analyzer specs compare: the verdicts the protocol returns, and the same resource policies run in-process
// on plain inputs, as the policy server calls them (analyzer.spec.ts, fixtures.spec.ts).
import { POLICIES } from "../../policypack/rules";
import type { AnalyzerResource, Violation } from "../../tools/lib/analyzer";

const P = "urn:pulumi:dev::kinesis-access::";

/** A resource as the engine sends it for Analyze. */
export const res = (
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    extra: Partial<AnalyzerResource> = {},
): AnalyzerResource => ({ urn: `${P}${type}::${name}`, type, name, inputs, ...extra });

export type Verdict = Pick<Violation, "policyName" | "enforcementLevel" | "message" | "urn">;
const byName = (a: Verdict, b: Verdict) => (a.policyName + a.message < b.policyName + b.message ? -1 : 1);
export const verdicts = (vs: Violation[]): Verdict[] =>
    vs.map(({ policyName, enforcementLevel, message, urn }) => ({ policyName, enforcementLevel, message, urn })).sort(byName);
export const names = (vs: Violation[]) => vs.map((v) => [v.policyName, v.enforcementLevel]).sort();

export interface InProcessVerdict {
    policyName: string;
    enforcementLevel: string;
    description: string;
    message: string;
}

/** Every resource policy of the pack on one resource, each with its configuration (policy name → config). */
export async function runInProcess(
    r: { type: string; name: string; urn: string; props: Record<string, unknown> },
    config: Record<string, Record<string, unknown>> = {},
): Promise<InProcessVerdict[]> {
    const out: InProcessVerdict[] = [];
    for (const p of POLICIES) {
        if (!("validateResource" in p)) continue;
        const c = config[p.name] ?? {};
        const enforcementLevel = (c.enforcementLevel as string | undefined) ?? p.enforcementLevel!;
        await p.validateResource({ ...r, getConfig: <T>() => c as T }, (message) =>
            out.push({ policyName: p.name, enforcementLevel, description: p.description ?? "", message }),
        );
    }
    return out;
}

/** runInProcess as the protocol reports it: the policy's description before the message, sorted like `verdicts`. */
export async function inProcess(r: AnalyzerResource, plainInputs: Record<string, unknown> = r.inputs): Promise<Verdict[]> {
    const vs = await runInProcess({ type: r.type, name: r.name, urn: r.urn, props: plainInputs });
    return vs
        .map((v) => ({
            policyName: v.policyName,
            enforcementLevel: v.enforcementLevel as Verdict["enforcementLevel"],
            message: `${v.description}\n${v.message}`,
            urn: "",
        }))
        .sort(byName);
}
