// A role whose trust policy lets Principal "*" (or {"AWS": "*"}) assume it can be assumed from any AWS account,
// unless a condition confines who the caller is (their organization or account, the source ARN, an external ID).

import { confiningKey } from "../iam/principals";
import { PolicyDocument, statementLabel } from "../iam/document";
import { at, isAllow } from "./statements";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";

export interface TrustPolicyNotPublicConfig extends BaseConfig {
    /** Condition keys that, pinned to values, confine a wildcard principal. */
    confiningConditionKeys: string[];
}

export const TRUST_POLICY_NOT_PUBLIC_DEFAULTS: TrustPolicyNotPublicConfig = {
    exemptResources: [],
    confiningConditionKeys: [
        "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
        "sts:ExternalId",
    ],
};

export function checkTrustPolicyNotPublic(doc: PolicyDocument, config: Partial<TrustPolicyNotPublicConfig> = {}): Finding[] {
    const c = withDefaults(TRUST_POLICY_NOT_PUBLIC_DEFAULTS, config);
    const out: Finding[] = [];
    for (const s of doc.statements.filter(isAllow)) {
        if (!s.principal?.wildcard || s.conditionUnknown || confiningKey(s, c.confiningConditionKeys)) continue;
        const actions = s.action?.values ?? ["(NotAction)"];
        out.push({
            message:
                `${statementLabel(s)} lets any principal of any AWS account (Principal "*") ${actions.join(", ")} this role, ` +
                `with no condition that ` +
                `confines the caller (one of ${c.confiningConditionKeys.join(", ")}). Name the principals or add such a ` +
                `condition.`,
            details: { ...at(s), actions },
        });
    }
    return out;
}

export const trustPolicyNotPublicRule: DocumentRule<TrustPolicyNotPublicConfig> = {
    name: "iam-trust-policy-not-public",
    description:
        'Role trust policies must not let Principal "*" assume the role without a condition confining the caller ' +
        "(aws:PrincipalOrgID, aws:SourceArn, ...).",
    enforcementLevel: "mandatory",
    configSchema: schema({ confiningConditionKeys: stringList('Condition keys that count as confining a "*" principal.') }),
    defaults: TRUST_POLICY_NOT_PUBLIC_DEFAULTS,
    check: onDocument(checkTrustPolicyNotPublic),
    kinds: ["trust"],
};

export const trustPolicyNotPublic = documentPolicy(trustPolicyNotPublicRule);
