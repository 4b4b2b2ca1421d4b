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

/**
 * Is this Federated principal Amazon Cognito's identity pools (`cognito-identity.amazonaws.com`, in any partition)?
 * Its tokens go to the users of every identity pool of every account; their `aud` is the pool's ID.
 */
export const isCognitoIdentity = (federated: string): boolean =>
    /^cognito-identity(\.[a-z]{2}(-[a-z]+)+-\d)?\.amazonaws\.com(\.cn)?$/i.test(federated);

/** Does a condition on a Cognito token's `aud` name identity pools (`REGION:ID`) in every value, without wildcards? */
export function pinsIdentityPool(e: { operator: string; values: string[] }): boolean {
    return (
        SUB_OPERATOR.test(e.operator) && e.values.length > 0 && e.values.every((v) => /^[a-z]{2}(-[a-z]+)+-\d:[^*?]+$/.test(v))
    );
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
