// Principals and the conditions that confine who a principal can be: shared by the resource-policy and trust rules.

import { conditionEntries, Statement } from "./document";

const POSITIVE = "(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)";
/**
 * Only positive, non-IfExists operators confine: `StringNotEquals` or `...IfExists` let callers without the key in, and
 * so does `ForAllValues:`, which "also returns true if there are no context keys in the request" (IAM User Guide,
 * reference_policies_condition-single-vs-multi-valued-context-keys): a caller outside any organization has no
 * aws:PrincipalOrgID.
 */
const CONFINING_OPERATOR = new RegExp(`^(ForAnyValue:)?${POSITIVE}$`);
/** An OIDC `sub` is in every web-identity request, so there `ForAllValues:` cannot pass on a missing key. */
const SUB_OPERATOR = new RegExp(`^(ForAnyValue:|ForAllValues:)?${POSITIVE}$`);

/** The first of `keys` the statement's condition pins to values that are not all wildcards, if any. */
export function confiningKey(s: Statement, keys: readonly string[]): string | undefined {
    return keys.find((k) =>
        conditionEntries(s.condition, k).some(
            (e) => CONFINING_OPERATOR.test(e.operator) && e.values.length > 0 && e.values.every((v) => !/^[*?]*$/.test(v)),
        ),
    );
}

/** The AWS account an `AWS` principal belongs to ("123456789012", an IAM or STS ARN), or undefined for "*" and others. */
export function principalAccount(p: string): string | undefined {
    if (/^\d{12}$/.test(p)) return p;
    const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p);
    return m?.[1];
}

/** The issuer of an OIDC provider ARN (`arn:aws:iam::1:oidc-provider/gitlab.com` → gitlab.com) when it is listed. */
export function publicIssuerOf(provider: string, issuers: readonly string[]): string | undefined {
    const m = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/.exec(provider);
    const issuer = m?.[1].toLowerCase();
    return issuer !== undefined && issuers.some((i) => i.toLowerCase() === issuer) ? issuer : undefined;
}

/** A web identity provider that gives tokens to anyone, for an identity pool or app of their own. */
export interface PublicWebIdentity {
    /** The provider, as a message names it. */
    name: string;
    /** Condition keys that confine the role when pinned; the first is the one to suggest. */
    keys: string[];
    /** What a confining value names, and an example of one. */
    names: string;
    example: string;
    /** Who else can get a token of the provider. */
    others: string;
    /** A value that names one pool, app or user: no wildcard (and, for Cognito, a pool ID's shape). */
    valid: RegExp;
}

const NO_WILDCARD = /^[^*?]+$/;
const COGNITO = /^cognito-identity(\.[a-z]{2}(-[a-z]+)+-\d)?\.amazonaws\.com(\.cn)?$/i;

/**
 * The public web identity provider a Federated principal names, directly or as an IAM OIDC provider, if it is one.
 * Amazon Cognito identity pools (in any partition; the key is the service's name, and AWS's China example pairs
 * cognito-identity.cn-north-1.amazonaws.com.cn with cognito-identity.amazonaws.com.cn:aud), and the providers of IAM's
 * web identity federation keys (IAM User Guide, reference_policies_iam-condition-keys, "Available keys for AWS web
 * identity federation").
 */
export function publicWebIdentityOf(federated: string): PublicWebIdentity | undefined {
    // The same providers registered as an account's IAM OIDC provider (`oidc-provider/accounts.google.com`).
    const p = federated.toLowerCase().replace(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\//, "");
    if (COGNITO.test(p)) {
        const key = `cognito-identity.amazonaws.com${p.endsWith(".cn") ? ".cn" : ""}:aud`;
        return {
            name: "Amazon Cognito identity pools",
            keys: [...new Set([key, `${p}:aud`])],
            names: "your identity pool",
            example: "REGION:IDENTITY_POOL_ID",
            others: "a user of another identity pool",
            valid: /^[a-z]{2}(-[a-z]+)+-\d:[^*?]+$/,
        };
    }
    const app = (name: string, keys: string[], example: string): PublicWebIdentity => ({
        name,
        keys: keys.map((k) => `${p}:${k}`),
        names: "your app",
        example,
        others: `anyone with a ${name} account, for an app of their own,`,
        valid: NO_WILDCARD,
    });
    if (p === "accounts.google.com") return app("Google", ["aud", "oaud", "sub"], "CLIENT_ID.apps.googleusercontent.com");
    if (p === "graph.facebook.com") return app("Facebook", ["app_id", "id"], "APP_ID");
    if (p === "www.amazon.com") return app("Login with Amazon", ["app_id", "user_id"], "amzn1.application-oa2-client.ID");
    return undefined;
}

/** Does a positive condition name, in every value it allows, what `valid` accepts? */
export function pinsValues(e: { operator: string; values: string[] }, valid: RegExp): boolean {
    return SUB_OPERATOR.test(e.operator) && e.values.length > 0 && e.values.every((v) => valid.test(v));
}

/**
 * Does a condition on an OIDC `sub` name the owner in every value it allows? The public issuers' subjects start with
 * the owner: `repo:OWNER/REPO:...` (GitHub), `project_path:GROUP/PROJECT:...` (GitLab), `organization:ORG:...`
 * (Terraform Cloud). `repo:acme/*` names one; `*`, `repo:*` and `repo:acme*` (any owner whose name starts so) do not.
 */
export function pinsOwner(e: { operator: string; values: string[] }): boolean {
    return (
        SUB_OPERATOR.test(e.operator) &&
        e.values.length > 0 &&
        e.values.every((v) => {
            const owner = /^[a-z_]+:([^:/]*)/.exec(v)?.[1];
            return owner !== undefined && owner !== "" && !/[*?]/.test(owner);
        })
    );
}
