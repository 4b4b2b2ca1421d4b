// The documented disagreements with the oracles (docs/oracle-exceptions.md), as predicates: a property excuses a
// difference only when one of these says the pattern is of that kind, and then still checks the direction the
// document states. Written without the pack's code, so that a change in the pack cannot widen an exception.

const isArn = (p: string) => /^arn:/i.test(p);

/**
 * E1: a wildcard in the resource type, the part of the resource up to its first "/" or ":" (`st*am/S`, `ta?le/T`,
 * `alarm?Name`). IAM documents a wildcard there as incorrect usage and iam-simulate compares that part literally;
 * the pack reads it as a wildcard like any other, so it takes in at least what the oracle does.
 */
export function wildcardInResourceType(pattern: string): boolean {
    if (!isArn(pattern)) return false;
    const fields = pattern.split(":");
    if (fields.length < 6) return false;
    const resource = fields.slice(5).join(":");
    const cut = resource.search(/[/:]/);
    return cut >= 0 && /[*?]/.test(resource.slice(0, cut + 1));
}

/**
 * E2: an ARN with fewer than six fields in NotResource (`arn:aws:iam*`). Both read it with the missing fields as
 * `*`; when it then does not match, iam-simulate does not conclude that the resource is outside the NotResource
 * set (the statement does not apply), the pack does (the statement applies).
 */
export function shortArn(pattern: string): boolean {
    return isArn(pattern) && pattern.split(":").length < 6;
}

/**
 * E3: a wildcard in the service part of an action (`kin*:PutRecord`, `*:Get*`, `kinesis*`). IAM's validator and
 * iam-simulate refuse the document; iam-expand finds no such service. The pack expands the service part against the
 * catalogue and refuses the pattern as a wildcard action.
 */
export function wildcardInService(pattern: string): boolean {
    const colon = pattern.indexOf(":");
    const service = colon < 0 ? pattern : pattern.slice(0, colon);
    return pattern !== "*" && /[*?]/.test(service);
}

/**
 * E4: what iam-expand reads differently from IAM: surrounding white space (it trims) and `\uXXXX` sequences (it
 * unescapes them). IAM and iam-simulate match the text as given; so does the pack.
 */
export function expandRewrites(pattern: string): boolean {
    return pattern.trim() !== pattern || /\\u[0-9a-fA-F]{4}/.test(pattern);
}

/**
 * E5: regular-expression characters in an action pattern (`kinesis:Put.ecord`, `kinesis:Put(`): iam-expand builds
 * its RegExp without escaping them, so `.` matches any character and an unbalanced `(` throws. IAM and the pack take
 * them literally; no action name contains one, so such a pattern names no action. (The service part is checked
 * first: a pattern whose service has such characters names no service.)
 */
export function regexCharacters(pattern: string): boolean {
    const colon = pattern.indexOf(":");
    return /[.+^${}()|[\]\\]/.test(pattern) && colon >= 0 && !wildcardInService(pattern);
}
