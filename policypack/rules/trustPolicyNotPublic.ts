// A role whose trust policy lets Principal "*" (or {"AWS": "*"}) assume it can be assumed from any AWS account,
// unless a condition confines who the caller is (their organization or account, the source ARN, an external ID).
// A public OIDC issuer (GitHub Actions, GitLab.com, Terraform Cloud) is the same opening by another door: anyone on
// that service can get a token from it, so its `sub` must name the owner; Amazon Cognito's identity pools
// (`cognito-identity.amazonaws.com`) likewise give tokens to the users of every pool, so their `aud` must name yours.

import { confiningKey, isCognitoIdentity, pinsIdentityPool, pinsOwner, publicIssuerOf } from "../iam/principals";
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

/** What a `sub` that names the owner looks like, per issuer (the issuers' own documentation). */
const SUB_EXAMPLES: Record<string, string> = {
    "token.actions.githubusercontent.com": "repo:OWNER/REPO:ref:refs/heads/main",
    "gitlab.com": "project_path:GROUP/PROJECT:ref_type:branch:ref:main",
    "app.terraform.io": "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:*",
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
                    `${c.confiningConditionKeys.join(", ")}). Name the principals or add such a condition.`,
                details: { ...at(s), actions },
            });
        }
        out.push(...openIssuers(s, c.publicOidcIssuers), ...openIdentityPools(s));
    }
    return out;
}

/**
 * Cognito identity pools trusted without an `aud` condition naming the pool: "A policy that trusts Amazon Cognito
 * identity pools without this condition creates a risk that a user from an unintended identity pool can assume the
 * role" (STS API reference, AssumeRoleWithWebIdentity, RoleArn).
 */
function openIdentityPools(s: Statement): Finding[] {
    const out: Finding[] = [];
    for (const principal of s.principal?.values.Federated ?? []) {
        if (!isCognitoIdentity(principal)) continue;
        // The key is the service's name, not a regional principal's (AWS's China example pairs
        // cognito-identity.cn-north-1.amazonaws.com.cn with cognito-identity.amazonaws.com.cn:aud).
        const key = `cognito-identity.amazonaws.com${/\.cn$/i.test(principal) ? ".cn" : ""}:aud`;
        const entries = [key, `${principal.toLowerCase()}:aud`].flatMap((k, i, ks) =>
            ks.indexOf(k) === i ? conditionEntries(s.condition, k) : [],
        );
        if (entries.some(pinsIdentityPool)) continue;
        const values = entries.flatMap((e) => e.values);
        out.push({
            message:
                `${statementLabel(s)} lets tokens of Amazon Cognito identity pools (${principal}) assume this role ` +
                `without a condition on "${key}" that names your identity pool` +
                `${values.length > 0 ? ` (it allows ${JSON.stringify(values)})` : ""}: a user of another identity pool ` +
                `can get such a token. Add {"StringEquals": {"${key}": "REGION:IDENTITY_POOL_ID"}}.`,
            details: { ...at(s), issuer: principal, aud: values },
        });
    }
    return out;
}

/** The public OIDC issuers the statement trusts without a `sub` condition that names the owner. */
function openIssuers(s: Statement, issuers: readonly string[]): Finding[] {
    const out: Finding[] = [];
    for (const provider of s.principal?.values.Federated ?? []) {
        const issuer = publicIssuerOf(provider, issuers);
        if (!issuer) continue;
        const key = `${issuer}:sub`;
        const entries = conditionEntries(s.condition, key);
        if (entries.some(pinsOwner)) continue;
        const values = entries.flatMap((e) => e.values);
        const example = SUB_EXAMPLES[issuer] ?? "a value that names the owner";
        out.push({
            message:
                `${statementLabel(s)} lets tokens of ${issuer} assume this role without a condition on "${key}" that ` +
                `names the owner${values.length > 0 ? ` (it allows ${JSON.stringify(values)})` : ""}: anyone on that ` +
                `service can get such a token. Add {"StringLike": {"${key}": "${example}"}} (StringEquals for one ref).`,
            details: { ...at(s), issuer, sub: values },
        });
    }
    return out;
}

export const trustPolicyNotPublicRule: DocumentRule<TrustPolicyNotPublicConfig> = {
    name: "iam-trust-policy-not-public",
    description:
        'Role trust policies must not let Principal "*" assume the role without a condition confining the caller ' +
        "(aws:PrincipalOrgID, aws:SourceArn, ...), nor a public OIDC issuer without a `sub` that names the owner, nor " +
        "Cognito identity pools without an `aud` that names the pool.",
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
