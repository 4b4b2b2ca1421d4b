// Runs a rule's policy object on one resource, as the policy server would: what `exemptResources` and options do.
import type { Policies } from "../../../policypack/rules/policyApi";

export async function reported(policy: Policies[number], type: string, props: Record<string, unknown>, config: object = {}, name = "r"): Promise<string[]> {
    const out: string[] = [];
    if (!("validateResource" in policy)) throw new Error(`${policy.name} is not a resource policy`);
    await policy.validateResource({ type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, props, getConfig: <T>() => config as T }, (m) => out.push(m));
    return out;
}
