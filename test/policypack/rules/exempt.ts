// Runs a rule's policy object as the policy server would, on one resource or a whole stack: what `exemptResources`
// and the options do.
import type { Policies, PolicyResource } from "../../../policypack/rules/policyApi";

export async function reported(
    policy: Policies[number],
    type: string,
    props: Record<string, unknown>,
    config: object = {},
    name = "r",
): Promise<string[]> {
    const out: string[] = [];
    if (!("validateResource" in policy)) throw new Error(`${policy.name} is not a resource policy`);
    await policy.validateResource(
        { type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, props, getConfig: <T>() => config as T },
        (m) => out.push(m),
    );
    return out;
}

/** A stack policy over these resources; each reported violation as [urn, message]. */
export async function reportedStack(
    policy: Policies[number],
    resources: PolicyResource[],
    config: object = {},
): Promise<[string | undefined, string][]> {
    const out: [string | undefined, string][] = [];
    if (!("validateStack" in policy)) throw new Error(`${policy.name} is not a stack policy`);
    await policy.validateStack({ resources, getConfig: <T>() => config as T }, (m, urn) => out.push([urn, m]));
    return out;
}

/** A resource document as `props.policy` of an aws.iam.Policy: what a document rule's policy reads. */
export const policyProps = (...Statement: object[]) => ({ policy: JSON.stringify({ Version: "2012-10-17", Statement }) });
