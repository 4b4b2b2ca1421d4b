// The pack's one list of rules: wrapping a rule (documentPolicy, resourcePolicy, stackPolicy) registers it, the
// way AWSGuard's rules call registerPolicy under their declaration. index.ts loads the rule files, in pack order.

import type { Policies } from "./policyApi";
import type { BaseConfig } from "./config";
import type { DocumentRule } from "./documentPolicy";

const POLICIES: Policies = [];
const DOCUMENT_RULES: DocumentRule<BaseConfig>[] = [];

/** Adds a policy to the pack and, when it has one, the rule over a single document to what the linter runs. */
export function registerPolicy<P extends Policies[number]>(policy: P, documentRule?: DocumentRule<BaseConfig>): P {
    if (POLICIES.some((p) => p.name === policy.name)) throw new Error(`policy "${policy.name}" is registered twice`);
    POLICIES.push(policy);
    if (documentRule) DOCUMENT_RULES.push(documentRule);
    return policy;
}

/** Every registered policy, in registration order. */
export const registeredPolicies = (): Policies => [...POLICIES];

/** Every registered rule that reads a single IAM document, in registration order. */
export const registeredDocumentRules = (): readonly DocumentRule<BaseConfig>[] => [...DOCUMENT_RULES];
