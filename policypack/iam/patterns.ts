// IAM wildcards: `*` (any run of characters, including none) and `?` (exactly one), anywhere in a string.
// Actions match case-insensitively; resource ARNs case-sensitively.

import { remember } from "./memo";

export function hasWildcard(s: string): boolean {
    return s.includes("*") || s.includes("?");
}

/**
 * A resource with its policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${sagemaker:DomainId}`) read as
 * `value`: each stands for one value of the request, unknown until then. Asking which resource types it could name, a
 * variable is read as "*" (any value); asking whether it names all resources of a type, as one name.
 */
export function withPolicyVariablesAs(resource: string, value: string): string {
    return resource.includes("${") ? resource.replace(/\$\{[^}]*\}/g, value) : resource;
}

/** Compiled patterns, case-insensitive and case-sensitive apart (no key to build on every call). */
const caches = { i: new Map<string, RegExp>(), s: new Map<string, RegExp>() };

export function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
    return caseInsensitive ? remember(caches.i, 5000, pattern, actionRegExp) : remember(caches.s, 5000, pattern, globRegExp);
}

// Case-insensitive patterns are action patterns, matched against catalogue names (never a line break): no dotAll
// flag, which with "i" makes V8 compile each pattern about 8 times slower. A subject with a line break then simply
// fails to match, the strict direction.
const actionRegExp = (pattern: string) => new RegExp(`^${globBody(pattern)}$`, "i");
const globRegExp = (pattern: string) => new RegExp(`^${globBody(pattern)}$`, "s");
const globBody = (pattern: string) =>
    pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? ".*" : c === "?" ? "." : `\\${c}`));

/** Does the action pattern `pattern` (e.g. `kinesis:Put*`) cover the action `action` (e.g. `kinesis:PutRecord`)? */
export function actionMatches(pattern: string, action: string): boolean {
    // Without a wildcard every character of the pattern matches exactly one: a length apart is a miss, equal a hit.
    if (!hasWildcard(pattern)) {
        if (pattern.length !== action.length) return false;
        if (pattern === action) return true;
    }
    return globToRegExp(pattern, true).test(action);
}

/**
 * An ARN (pattern) as IAM reads it: an ARN with fewer than six fields has its missing trailing fields as "*"
 * (`arn:aws:kinesis:us-west-2` is every Kinesis resource of the region), and the prefix, partition, service,
 * region and account fields compare case-insensitively. Anything that does not start with `arn:` is returned as is.
 */
export function normalizeArn(s: string): string {
    return /^arn:/i.test(s) ? remember(normalized, 5000, s, normalize) : s;
}

function normalize(s: string): string {
    const f = s.split(":");
    while (f.length < 6) f.push("*");
    for (let i = 0; i < 5; i++) f[i] = f[i].toLowerCase();
    return f.join(":");
}

/** Every rule reads the same resource ARNs of a document. */
const normalized = new Map<string, string>();

const arnCache = new Map<string, RegExp>();

/**
 * Does the resource pattern cover the concrete ARN? IAM matches an ARN field by field: a wildcard in the partition,
 * service, region or account field stays within that field; in the resource part (after the fifth colon) `*` and
 * `?` match anything, colons and slashes included.
 */
export function resourceMatches(pattern: string, arn: string): boolean {
    const p = normalizeArn(pattern);
    if (!p.startsWith("arn:")) return globToRegExp(p, false).test(normalizeArn(arn));
    return remember(arnCache, 5000, p, arnRegExp).test(normalizeArn(arn));
}

function arnRegExp(p: string): RegExp {
    const f = p.split(":");
    const field = (x: string) => x.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? "[^:]*" : c === "?" ? "[^:]" : `\\${c}`));
    const rest = globBody(f.slice(5).join(":"));
    return new RegExp(`^${f.slice(0, 5).map(field).join(":")}:${rest}$`, "s");
}

/** An ARN split into its six fields; the resource part keeps any further colons. */
export interface ArnFields {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

/** The fields of an ARN (pattern), read as IAM reads it (see normalizeArn); undefined when it is not an ARN. */
export function splitArn(s: string): ArnFields | undefined {
    const parts = normalizeArn(s).split(":");
    if (parts.length < 6 || parts[0] !== "arn") return undefined;
    return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/** `role/aws-service-role/<service>/<name>` with the service spelled out (account and region may be wildcards). IAM
 * authorizes iam:CreateServiceLinkedRole on the ARN of the role it creates, so such an ARN confines it to that service. */
export function isServiceLinkedRoleArn(resource: string): boolean {
    const arn = splitArn(resource);
    if (!arn || arn.service !== "iam") return false;
    const seg = arn.resource.split("/");
    return (
        seg.length >= 4 &&
        seg[0] === "role" &&
        seg[1] === "aws-service-role" &&
        seg[2] !== "" &&
        !hasWildcard(seg[2]) &&
        seg[3] !== ""
    );
}
