// "Could this document grant action A on resource R?", answered twice: by the pack's own reading of IAM documents
// (parsePolicyDocument, grantsAction, resourceMatches: what its rules use), and by @cloud-copilot/iam-simulate, an
// IAM evaluator this project did not write. iam-simulate is AGPL: a dev dependency, used from test/ only.
//
// Both answer in Discovery terms: the pack does not evaluate conditions (its rules ask what a statement could
// grant), so a conditional Allow counts as granting and a conditional Deny as possibly not applying. iam-simulate's
// Discovery mode has exactly these semantics (it reports the conditions it set aside).
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { parsePolicyDocument, resourceMatches, Statement } from "../../../policypack/iam";
import { grantsAction } from "../../../policypack/rules";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

function coversResource(s: Statement, resource: string): boolean {
    if (s.resource) return s.resource.values.some((p) => resourceMatches(p, resource));
    if (s.notResource) return !s.notResource.values.some((p) => resourceMatches(p, resource));
    return false;
}

/** The pack's answer. Throws when the pack cannot read the document (the generators only make readable ones). */
export function packDecision(raw: unknown, action: string, resource: string): Decision {
    const p = parsePolicyDocument(raw);
    if (p.status !== "ok" || p.document.errors.length > 0) throw new Error(`the pack cannot read the document: ${JSON.stringify(p)}`);
    let allowed = false;
    for (const s of p.document.statements) {
        if (grantsAction(s, action) !== true || !coversResource(s, resource)) continue;
        if (s.effect === "Allow") allowed = true;
        else if (s.effect === "Deny" && Object.keys(s.condition).length === 0) return "ExplicitlyDenied";
    }
    return allowed ? "Allowed" : "ImplicitlyDenied";
}

/** The account an ARN belongs to (its fifth field), or the default account for "*" and account-less ARNs. */
export function accountOf(resource: string): string {
    return /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(resource)?.[1] ?? "123456789012";
}

export type OracleResult = { decision: Decision } | { error: string };

/**
 * iam-simulate's answer for the identity policy `document`, asked by a user of the resource's account (so no
 * resource policy is needed), in Discovery mode. KMS keys only trust IAM through their key policy: the request
 * gets the default key policy, which delegates to IAM.
 */
export async function oracleDecision(document: unknown, action: string, resource: string): Promise<OracleResult> {
    const account = accountOf(resource);
    const kms = /^arn:[^:]*:kms:/.test(resource);
    const r = await runSimulation(
        {
            identityPolicies: [{ name: "generated", policy: document as never }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: kms
                ? { Version: "2012-10-17", Statement: [{ Sid: "DefaultKeyPolicy", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }] }
                : undefined,
            request: { action, principal: `arn:aws:iam::${account}:user/generated`, resource: { resource, accountId: account }, contextVariables: {} },
        },
        { simulationMode: "Discovery" },
    );
    if (r.resultType === "error") return { error: JSON.stringify(r.errors) };
    if (r.resultType !== "single") return { error: `unexpected result type ${r.resultType}` };
    return { decision: r.overallResult as Decision };
}
