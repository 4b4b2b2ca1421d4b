// A Kinesis resource policy that allows Principal "*" opens the stream to every AWS account unless a condition
// pins the caller down (account, organization, source ARN, VPC endpoint, ...).

import { CALLER_KEYS, confiningKey, openConditions } from "../iam/principals";
import { PolicyDocument, statementLabel } from "../iam/document";
import { at, isAllow } from "./statements";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";

export interface PublicResourcePolicyConfig extends BaseConfig {
    /** Condition keys that restrict who the caller can be. */
    restrictingConditionKeys: string[];
}

export const PUBLIC_RESOURCE_POLICY_DEFAULTS: PublicResourcePolicyConfig = {
    exemptResources: [],
    restrictingConditionKeys: [
        ...CALLER_KEYS,
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
        "aws:SourceOwner",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:SourceIp",
        "aws:userid",
    ],
};

/** The option of both resource-policy rules. */
export const RESTRICTING_SCHEMA = schema({
    restrictingConditionKeys: stringList('Condition keys that count as restricting a "*" principal.'),
});

export function checkPublicResourcePolicy(doc: PolicyDocument, config: Partial<PublicResourcePolicyConfig> = {}): Finding[] {
    return publicStatements(doc, withDefaults(PUBLIC_RESOURCE_POLICY_DEFAULTS, config).restrictingConditionKeys, "the stream");
}

/** The Allow statements of a resource policy that let Principal "*" in with none of `keys` restricting the caller. */
export function publicStatements(doc: PolicyDocument, keys: readonly string[], resource: string): Finding[] {
    const out: Finding[] = [];
    for (const s of doc.statements.filter(isAllow)) {
        if (!s.principal?.wildcard || s.conditionUnknown) continue;
        if (confiningKey(s, keys)) continue;
        out.push({
            message:
                `${statementLabel(s)} allows Principal "*" without a condition that restricts the caller (one of ` +
                `${keys.join(", ")}): every AWS account could use ${resource}.${openConditions(s, keys)} ` +
                "Name the principals or add such a condition.",
            details: { ...at(s) },
        });
    }
    return out;
}

export const publicResourcePolicyRule: DocumentRule<PublicResourcePolicyConfig> = {
    name: "kinesis-resource-policy-not-public",
    description:
        'Resource policies (aws.kinesis.ResourcePolicy) must not allow Principal "*" without a condition restricting the caller.',
    enforcementLevel: "mandatory",
    configSchema: RESTRICTING_SCHEMA,
    defaults: PUBLIC_RESOURCE_POLICY_DEFAULTS,
    check: onDocument(checkPublicResourcePolicy),
    kinds: ["resource"],
};

export const publicResourcePolicy = documentPolicy(publicResourcePolicyRule);
