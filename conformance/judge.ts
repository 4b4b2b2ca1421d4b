// Judges a configuration's recorded calls against the policies generated for it, with an IAM evaluator this project
// did not write (@cloud-copilot/iam-simulate, AGPL: a dev dependency, used from conformance/ only):
// - sufficient: every request the real client made is allowed (Strict mode: conditions evaluated on the context);
// - minimal: every granted (action, resource) allows some recorded request, or is a reviewed optional path.

import { runSimulation } from "@cloud-copilot/iam-simulate";
import { AuthorizedRequest, CountedRequest } from "./records";
import { OptionalPath } from "./optionalPaths";

export interface GrantedPair {
    action: string;
    resource: string;
    condition?: unknown;
}

export interface Verdict {
    /** Each distinct recorded request with its decision. */
    requests: { request: CountedRequest; decision: string }[];
    /** Each granted pair: how many recorded calls it allows, and the optional path that excuses it when none. */
    grants: { grant: GrantedPair; used: number; optional?: OptionalPath }[];
    sufficient: boolean;
    minimal: boolean;
}

interface Statement {
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: unknown;
}

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/** Every (action, resource) an Allow statement of the documents grants, with its statement's condition. */
export function grantedPairs(documents: unknown[]): GrantedPair[] {
    const out: GrantedPair[] = [];
    for (const d of documents) {
        for (const s of (d as { Statement: Statement[] }).Statement) {
            if (s.Effect !== "Allow") continue;
            for (const action of list(s.Action))
                for (const resource of list(s.Resource))
                    out.push({ action, resource, ...(s.Condition ? { condition: s.Condition } : {}) });
        }
    }
    return out;
}

async function decide(policies: { name: string; policy: unknown }[], q: AuthorizedRequest, account: string): Promise<string> {
    const r = await runSimulation(
        {
            identityPolicies: policies,
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            request: {
                action: q.action,
                principal: `arn:aws:iam::${account}:role/conformance`,
                resource: { resource: q.resource, accountId: account },
                contextVariables: q.context,
            },
        },
        { simulationMode: "Strict" },
    );
    if (r.resultType === "error")
        throw new Error(`iam-simulate refused ${q.action} on ${q.resource}: ${JSON.stringify(r.errors)}`);
    // "wildcard": an action with no resource type, evaluated on "*".
    if (r.resultType !== "single" && r.resultType !== "wildcard")
        throw new Error(`iam-simulate: unexpected result type ${(r as { resultType: string }).resultType}`);
    return r.overallResult;
}

export async function judge(
    documents: unknown[],
    requests: CountedRequest[],
    optional: OptionalPath[],
    account: string,
): Promise<Verdict> {
    const policies = documents.map((policy, i) => ({ name: `generated-${i + 1}`, policy }));
    const decided = [];
    for (const request of requests) decided.push({ request, decision: await decide(policies, request, account) });
    const grants = [];
    for (const grant of grantedPairs(documents)) {
        // The grant alone, as a one-statement policy: does it allow this recorded request?
        const alone = [
            {
                name: "grant",
                policy: {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: grant.action,
                            Resource: grant.resource,
                            ...(grant.condition ? { Condition: grant.condition } : {}),
                        },
                    ],
                },
            },
        ];
        let used = 0;
        for (const q of requests) if ((await decide(alone, q, account)) === "Allowed") used += q.calls;
        const excuse =
            used === 0
                ? optional.find((o) => o.action.toLowerCase() === grant.action.toLowerCase() && o.resource.test(grant.resource))
                : undefined;
        grants.push({ grant, used, ...(excuse ? { optional: excuse } : {}) });
    }
    return {
        requests: decided,
        grants,
        sufficient: decided.every((d) => d.decision === "Allowed"),
        minimal: grants.every((g) => g.used > 0 || g.optional !== undefined),
    };
}
