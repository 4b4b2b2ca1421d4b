// Principals and the conditions that confine who a principal can be: shared by the resource-policy and trust rules.

import { conditionEntries, Statement } from "./document";
import { hasWildcard, splitArn, withPolicyVariablesAs } from "./patterns";

const POSITIVE = "(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress|Bool)";
/**
 * Only positive, non-IfExists operators confine: `StringNotEquals` or `...IfExists` let callers without the key in, and
 * so does `ForAllValues:`, which "also returns true if there are no context keys in the request" (IAM User Guide,
 * reference_policies_condition-single-vs-multi-valued-context-keys): a caller outside any organization has no
 * aws:PrincipalOrgID.
 */
const CONFINING_OPERATOR = new RegExp(`^(ForAnyValue:)?${POSITIVE}$`);
/** An OIDC `sub` is in every web-identity request, so there `ForAllValues:` cannot pass on a missing key. */
const SUB_OPERATOR = new RegExp(`^(ForAnyValue:|ForAllValues:)?${POSITIVE}$`);

/** Keys naming the caller's account, organization or ARN (or the source's): every not-public rule trusts them. */
export const CALLER_KEYS: readonly string[] = [
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:SourceAccount",
    "aws:SourceArn",
];

/** Operators that read `*` and `?` in a value as wildcards; StringEquals and the rest compare them as characters. */
const WILDCARD_OPERATOR = /^(ForAnyValue:|ForAllValues:)?(StringLike|ArnLike|ArnEquals)$/;

/** The part of a key's value that names who the caller is, per key (lower case); other keys: the whole value. */
const OWNER_PART: Record<string, (v: string) => string | undefined> = {
    // An ARN's account field, or, for an ARN without one (an S3 bucket's, in a global namespace), its resource's name.
    "aws:principalarn": arnOwner,
    "aws:sourcearn": arnOwner,
    // The organization ID that starts every path: "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*".
    "aws:principalorgpaths": (v) => v.split("/")[0],
    "aws:sourceorgpaths": (v) => v.split("/")[0],
    // A role's unique ID before the session name: "AROAEXAMPLEID:*".
    "aws:userid": (v) => v.split(":")[0],
};

function arnOwner(v: string): string | undefined {
    // A policy variable stands for one value of the request (`${aws:PrincipalAccount}`): read as a fixed name.
    const arn = splitArn(withPolicyVariablesAs(v, "x"));
    if (!arn) return undefined;
    return arn.account !== "" ? arn.account : arn.resource.split("/")[0];
}

/** Keys whose value is one account, organization or network: any wildcard in it lets others in. */
const EXACT_KEYS = new Set([
    "aws:principalaccount",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:principalorgid",
    "aws:sourceorgid",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:ec2instancesourcevpc",
    "aws:principalservicename",
    "aws:principalservicenameslist",
    "kms:calleraccount",
]);

/**
 * Does this value of a positive condition on `key` pin who the caller is? Not when a wildcard stands where the
 * account or organization goes: ArnLike "aws:PrincipalArn": "arn:aws:iam::*:user/*" matches a user of every account
 * (steampipe-plugin-aws's public-access tests call it public; DynamoDB's block public access wants ARN and string values
 * without wildcards, Developer Guide rbac-bpa-rbp), nor an aws:SourceIp of every address (0.0.0.0/0). A
 * name wildcard after a fixed account (arn:aws:iam::111122223333:role/ci-*) does confine, and StringEquals compares
 * `*` as a character.
 */
export function valueConfines(key: string, operator: string, value: string): boolean {
    if (/IpAddress$/.test(operator)) return !/\/0$/.test(value.trim());
    // Bool confines only as aws:PrincipalIsAWSService "true" (AWS services), DynamoDB block public access's reading.
    if (/Bool$/.test(operator)) return key.toLowerCase() === "aws:principalisawsservice" && value.toLowerCase() === "true";
    if (!WILDCARD_OPERATOR.test(operator)) return true;
    const k = key.toLowerCase();
    if (Object.hasOwn(OWNER_PART, k)) {
        const owner = OWNER_PART[k](value);
        return owner !== undefined && owner !== "" && !hasWildcard(owner);
    }
    return EXACT_KEYS.has(k) ? !hasWildcard(value) : !/^[*?]*$/.test(value);
}

/** The first of `keys` the statement's condition pins, in every value it allows, to callers it names; if any. */
export function confiningKey(s: Statement, keys: readonly string[]): string | undefined {
    return keys.find((k) =>
        conditionEntries(s.condition, k).some(
            (e) =>
                CONFINING_OPERATOR.test(e.operator) &&
                e.values.length > 0 &&
                e.values.every((v) => valueConfines(k, e.operator, v)),
        ),
    );
}

/** What a message says of the statement's positive conditions on `keys` whose values leave callers open, if any. */
export function openConditions(s: Statement, keys: readonly string[]): string {
    const open = keys.flatMap((k) =>
        conditionEntries(s.condition, k).flatMap((e) => {
            const loose = CONFINING_OPERATOR.test(e.operator) ? e.values.filter((v) => !valueConfines(k, e.operator, v)) : [];
            return loose.length > 0 ? [`${e.operator} "${k}": ${JSON.stringify(loose.length === 1 ? loose[0] : loose)}`] : [];
        }),
    );
    return open.length === 0
        ? ""
        : ` Its condition ${open.join(", ")} does not: a wildcard where the account or organization goes, or every ` +
              "address, matches callers of every account.";
}

/** The AWS account an `AWS` principal belongs to ("123456789012", an IAM or STS ARN), or undefined for "*" and others. */
export function principalAccount(p: string): string | undefined {
    if (/^\d{12}$/.test(p)) return p;
    const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p);
    return m?.[1];
}

/**
 * A token issuer that gives tokens to anyone (for a repository, an identity pool or an app of their own), and what a
 * trust policy's condition must pin to keep the others out.
 */
export interface PublicIssuer {
    /** The issuer, as a message names it. */
    name: string;
    /** Condition keys that confine the role when pinned; the first is the one to suggest. */
    keys: string[];
    /** What a confining value names ("the owner", "your app"), and a condition that does it, for `keys[0]`. */
    names: string;
    suggestion: string;
    /** Who else can get a token of the issuer. */
    others: string;
    /** Does this condition entry, on one of `keys`, confine the role? */
    confines(e: { operator: string; values: string[] }): boolean;
}

/** What a `sub` that names the owner looks like, per public OIDC issuer (the issuers' own documentation). */
const SUB_EXAMPLES: Record<string, string> = {
    "token.actions.githubusercontent.com": "repo:OWNER/REPO:ref:refs/heads/main",
    "gitlab.com": "project_path:GROUP/PROJECT:ref_type:branch:ref:main",
    "app.terraform.io": "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:*",
};

const OIDC_PROVIDER = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\//;
const NO_WILDCARD = /^[^*?]+$/;
const COGNITO = /^cognito-identity(\.[a-z]{2}(-[a-z]+)+-\d)?\.amazonaws\.com(\.cn)?$/;
const POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d:[^*?]+$/;

/** A positive condition entry whose every value is `valid`. */
const pins =
    (valid: RegExp) =>
    (e: { operator: string; values: string[] }): boolean =>
        SUB_OPERATOR.test(e.operator) && e.values.length > 0 && e.values.every((v) => valid.test(v));
const pinsApp = pins(NO_WILDCARD);
const pinsPool = pins(POOL_ID);

/**
 * The public issuer a Federated principal trusts, if it is one:
 * - Amazon Cognito identity pools (in any partition; the key is the service's name, and AWS's China example pairs
 *   cognito-identity.cn-north-1.amazonaws.com.cn with cognito-identity.amazonaws.com.cn:aud), and the other providers
 *   of IAM's web identity federation keys (IAM User Guide, reference_policies_iam-condition-keys, "Available keys for
 *   AWS web identity federation"), directly or registered as the account's IAM OIDC provider;
 * - an IAM OIDC provider whose issuer is in `oidcIssuers` (GitHub Actions, GitLab.com, Terraform Cloud), whose
 *   `sub` must name the owner.
 */
export function publicIssuerOf(federated: string, oidcIssuers: readonly string[]): PublicIssuer | undefined {
    const lower = federated.toLowerCase();
    const p = lower.replace(OIDC_PROVIDER, "");
    const app = (name: string, keys: string[], example: string): PublicIssuer => ({
        name: `${name} (${federated})`,
        keys: keys.map((k) => `${p}:${k}`),
        names: "your app",
        suggestion: `{"StringEquals": {"${p}:${keys[0]}": "${example}"}}`,
        others: `anyone with a ${name} account, for an app of their own,`,
        confines: pinsApp,
    });
    if (COGNITO.test(p)) {
        const key = `cognito-identity.amazonaws.com${p.endsWith(".cn") ? ".cn" : ""}:aud`;
        return {
            name: `Amazon Cognito identity pools (${federated})`,
            keys: [...new Set([key, `${p}:aud`])],
            names: "your identity pool",
            suggestion: `{"StringEquals": {"${key}": "REGION:IDENTITY_POOL_ID"}}`,
            others: "a user of another identity pool",
            confines: pinsPool,
        };
    }
    if (p === "accounts.google.com") return app("Google", ["aud", "oaud", "sub"], "CLIENT_ID.apps.googleusercontent.com");
    if (p === "graph.facebook.com") return app("Facebook", ["app_id", "id"], "APP_ID");
    if (p === "www.amazon.com") return app("Login with Amazon", ["app_id", "user_id"], "amzn1.application-oa2-client.ID");
    // Any other issuer is public only when listed, and trusted through the account's IAM OIDC provider.
    if (p === lower || !oidcIssuers.some((i) => i.toLowerCase() === p)) return undefined;
    const key = `${p}:sub`;
    const example = SUB_EXAMPLES[p] ?? "a value that names the owner";
    return {
        name: p,
        keys: [key],
        names: "the owner",
        suggestion: `{"StringLike": {"${key}": "${example}"}} (StringEquals for one ref)`,
        others: "anyone on that service",
        confines: pinsOwner,
    };
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
