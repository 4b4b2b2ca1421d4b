// A role whose trust policy lets Principal "*" (or {"AWS": "*"}) assume it can be assumed from any AWS account,
// unless a condition confines who the caller is (their organization or account, the source ARN, an external ID).
// A public OIDC issuer (GitHub Actions, GitLab.com, Terraform Cloud) is the same opening by another door: anyone on
// that service can get a token from it, so its `sub` must name the owner. Amazon Cognito's identity pools, Google,
// Facebook and Login with Amazon likewise give tokens to the users of every pool or app: their `aud` (or `app_id`)
// must name yours.

import { confiningKey, pinsOwner, pinsValues, publicIssuerOf, publicWebIdentityOf } from "../iam/principals";
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
        out.push(...openIssuers(s, c.publicOidcIssuers), ...openWebIdentities(s));
    }
    return out;
}

/**
 * Public web identity providers trusted without a condition that names the pool or app. AWS on Cognito's `aud`: "A
 * policy that trusts Amazon Cognito identity pools without this condition creates a risk that a user from an
 * unintended identity pool can assume the role" (STS API reference, AssumeRoleWithWebIdentity, RoleArn); Google,
 * Facebook and Login with Amazon give tokens to any app's users, and the app's ID is in the token's `aud`/`app_id`.
 */
function openWebIdentities(s: Statement): Finding[] {
    const out: Finding[] = [];
    for (const principal of s.principal?.values.Federated ?? []) {
        const idp = publicWebIdentityOf(principal);
        if (!idp) continue;
        const entries = idp.keys.flatMap((k) => conditionEntries(s.condition, k));
        if (entries.some((e) => pinsValues(e, idp.valid))) continue;
        const values = entries.flatMap((e) => e.values);
        const [key] = idp.keys;
        out.push({
            message:
                `${statementLabel(s)} lets tokens of ${idp.name} (${principal}) assume this role without a condition ` +
                `on "${key}" that names ${idp.names}${values.length > 0 ? ` (it allows ${JSON.stringify(values)})` : ""}: ` +
                `${idp.others} can get such a token. Add {"StringEquals": {"${key}": "${idp.example}"}}.`,
            details: { ...at(s), issuer: principal, key, values },
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
