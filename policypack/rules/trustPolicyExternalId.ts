// A role another account may assume without an external ID can be assumed by that account on anyone's behalf: the
// confused deputy. Advisory: trusting a partner account is often intended; the external ID makes it safe.

import { confiningKey, principalAccount } from "../iam/principals";
import { PolicyDocument, statementLabel } from "../iam/document";
import { at, isAllow } from "./statements";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";

export interface TrustPolicyExternalIdConfig extends BaseConfig {
    /** The stack's own AWS accounts: their principals are not another account's. Default none (every account is other). */
    ownAccounts: string[];
}

export const TRUST_POLICY_EXTERNAL_ID_DEFAULTS: TrustPolicyExternalIdConfig = { exemptResources: [], ownAccounts: [] };

export function checkTrustPolicyExternalId(doc: PolicyDocument, config: Partial<TrustPolicyExternalIdConfig> = {}): Finding[] {
    const c = withDefaults(TRUST_POLICY_EXTERNAL_ID_DEFAULTS, config);
    const out: Finding[] = [];
    for (const s of doc.statements.filter(isAllow)) {
        // A wildcard principal is iam-trust-policy-not-public's finding.
        if (!s.principal || s.principal.wildcard || s.conditionUnknown || confiningKey(s, ["sts:ExternalId"])) continue;
        const accounts = [
            ...new Set((s.principal.values.AWS ?? []).map(principalAccount).filter((a): a is string => a !== undefined)),
        ];
        const others = accounts.filter((a) => !c.ownAccounts.includes(a)).sort();
        if (others.length === 0) continue;
        out.push({
            message:
                `${statementLabel(s)} lets principals of account${others.length > 1 ? "s" : ""} ${others.join(", ")} assume ` +
                `this role without an ` +
                `sts:ExternalId condition: if that is a third party, it can be tricked into using the role for someone else ` +
                `(confused deputy). ` +
                `Add "Condition": {"StringEquals": {"sts:ExternalId": "..."}}, or list the stack's own accounts in ownAccounts.`,
            details: { ...at(s), accounts: others },
        });
    }
    return out;
}

export const trustPolicyExternalIdRule: DocumentRule<TrustPolicyExternalIdConfig> = {
    name: "iam-trust-policy-external-id",
    description: "Role trust policies that let another AWS account assume the role should require an sts:ExternalId.",
    enforcementLevel: "advisory",
    configSchema: schema({ ownAccounts: stringList("The stack's own AWS account IDs, whose principals need no external ID.") }),
    defaults: TRUST_POLICY_EXTERNAL_ID_DEFAULTS,
    check: onDocument(checkTrustPolicyExternalId),
    kinds: ["trust"],
};

export const trustPolicyExternalId = documentPolicy(trustPolicyExternalIdRule);
