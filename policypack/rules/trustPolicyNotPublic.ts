// A role whose trust policy lets Principal "*" (or {"AWS": "*"}) assume it can be assumed from any AWS account,
// unless a condition confines who the caller is (their organization or account, the source ARN, an external ID).
// A public OIDC issuer (GitHub Actions, GitLab.com, Terraform Cloud) is the same opening by another door: anyone on
// that service can get a token from it, so its `sub` must name the owner. Amazon Cognito's identity pools, Google,
// Facebook and Login with Amazon likewise give tokens to the users of every pool or app: their `aud` (or `app_id`)
// must name yours.

import { confiningKey, openConditions, publicIssuerOf } from "../iam/principals";
import { conditionEntries, PolicyDocument, Statement, statementLabel } from "../iam/document";
import { at, isAllow } from "./statements";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";

export interface TrustPolicyNotPublicConfig extends BaseConfig {
    /** Condition keys that, pinned to values, confine a wildcard principal. */
    confiningConditionKeys: string[];
    /** OIDC issuers (the provider ARN's part after `oidc-provider/`) that issue tokens to anyone on their service. */
    publicOidcIssuers: string[];
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
    publicOidcIssuers: ["token.actions.githubusercontent.com", "gitlab.com", "app.terraform.io"],
};

export function checkTrustPolicyNotPublic(doc: PolicyDocument, config: Partial<TrustPolicyNotPublicConfig> = {}): Finding[] {
    const c = withDefaults(TRUST_POLICY_NOT_PUBLIC_DEFAULTS, config);
    const out: Finding[] = [];
    for (const s of doc.statements.filter(isAllow)) {
        if (s.conditionUnknown) continue;
        const actions = s.action?.values ?? ["(NotAction)"];
        if (s.principal?.wildcard && !confiningKey(s, c.confiningConditionKeys)) {
            out.push({
                message:
                    `${statementLabel(s)} lets any principal of any AWS account (Principal "*") ${actions.join(", ")} ` +
                    `this role, with no condition that confines the caller (one of ` +
                    `${c.confiningConditionKeys.join(", ")}).${openConditions(s, c.confiningConditionKeys)} ` +
                    "Name the principals or add such a condition.",
                details: { ...at(s), actions },
            });
        }
        out.push(...openIssuers(s, c.publicOidcIssuers));
    }
    return out;
}

/**
 * The public issuers the statement trusts without a condition that names the owner, pool or app. AWS on Cognito's
 * `aud`: "A policy that trusts Amazon Cognito identity pools without this condition creates a risk that a user from an
 * unintended identity pool can assume the role" (STS API reference, AssumeRoleWithWebIdentity, RoleArn).
 */
function openIssuers(s: Statement, oidcIssuers: readonly string[]): Finding[] {
    const out: Finding[] = [];
    for (const federated of s.principal?.values.Federated ?? []) {
        const issuer = publicIssuerOf(federated, oidcIssuers);
        if (!issuer) continue;
        const entries = issuer.keys.flatMap((k) => conditionEntries(s.condition, k));
        if (entries.some(issuer.confines)) continue;
        const values = entries.flatMap((e) => e.values);
        const [key] = issuer.keys;
        out.push({
            message:
                `${statementLabel(s)} lets tokens of ${issuer.name} assume this role without a condition on "${key}" ` +
                `that names ${issuer.names}${values.length > 0 ? ` (it allows ${JSON.stringify(values)})` : ""}: ` +
                `${issuer.others} can get such a token. Add ${issuer.suggestion}.`,
            details: { ...at(s), issuer: federated, key, values },
        });
    }
    return out;
}

export const trustPolicyNotPublicRule: DocumentRule<TrustPolicyNotPublicConfig> = {
    name: "iam-trust-policy-not-public",
    description:
        'Role trust policies must not let Principal "*" assume the role without a condition confining the caller ' +
        "(aws:PrincipalOrgID, aws:SourceArn, ...), nor a public OIDC issuer without a `sub` that names the owner, nor " +
        "Cognito identity pools, Google, Facebook or Login with Amazon without an `aud` (`app_id`) that names the pool or app.",
    enforcementLevel: "mandatory",
    configSchema: schema({
        confiningConditionKeys: stringList('Condition keys that count as confining a "*" principal.'),
        publicOidcIssuers: stringList(
            "OIDC issuers (after oidc-provider/) that give tokens to anyone on their service: their sub must name the owner.",
        ),
    }),
    defaults: TRUST_POLICY_NOT_PUBLIC_DEFAULTS,
    check: onDocument(checkTrustPolicyNotPublic),
    kinds: ["trust"],
};

export const trustPolicyNotPublic = documentPolicy(trustPolicyNotPublicRule);
