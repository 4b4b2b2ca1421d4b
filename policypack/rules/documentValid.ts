// A document the pack cannot read cannot be shown to be least-privilege (and IAM would reject it anyway); an ARN that
// matches no resource type of its service grants nothing, which is as wrong as a typo, and as silent.

import { DOCUMENT_KINDS, DocumentKind, DocumentSource, RESOURCE_POLICY_KINDS } from "../iam/sources";
import { loadCatalogForDocument } from "../iam/catalog";
import { matchesNoResourceTypeNow } from "../iam/arns";
import { hasWildcard, splitArn } from "../iam/patterns";
import { Principal, Statement, statementLabel } from "../iam/document";
import { BaseConfig, schema, withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding } from "./common";

export interface DocumentValidConfig extends BaseConfig {
    /** Require `"Version": "2012-10-17"` (without it IAM uses 2008-10-17, which has no policy variables). */
    requireVersion: boolean;
}

export const DOCUMENT_VALID_DEFAULTS: DocumentValidConfig = { exemptResources: [], requireVersion: false };

export async function checkDocumentValid(source: DocumentSource, config: Partial<DocumentValidConfig> = {}): Promise<Finding[]> {
    if (source.parsed.status === "ok") await loadCatalogForDocument(source.parsed.document);
    return documentValidFindings(source, config);
}

/** checkDocumentValid once the catalogue has the document's services (loadCatalogForDocument first). */
export function documentValidFindings(source: DocumentSource, config: Partial<DocumentValidConfig> = {}): Finding[] {
    const c = withDefaults(DOCUMENT_VALID_DEFAULTS, config);
    const p = source.parsed;
    if (p.status === "malformed")
        return p.errors.map((e) => ({ message: `malformed IAM policy document: ${e}`, details: { error: e } }));
    if (p.status !== "ok") return [];
    const errors = [...p.document.errors];
    const v = p.document.version;
    if (v !== undefined && v !== "2012-10-17" && v !== "2008-10-17") errors.push(`Version "${v}" is not "2012-10-17"`);
    if (c.requireVersion && v !== "2012-10-17") errors.push('Version must be "2012-10-17"');
    for (const s of p.document.statements) {
        if (source.kind === "trust") trustErrors(s, errors);
        else resourceErrors(s, errors);
        if (s.principal || s.notPrincipal) principalErrors(s, source.kind, errors);
    }
    return errors.map((e) => ({ message: `invalid IAM policy document: ${e}`, details: { error: e } }));
}

const ARN = /^arn:/i;

// The checks below add what they find to `errors`: they run for every statement of every document.

function resourceErrors(s: Statement, errors: string[]): void {
    if (s.resource) resourceErrorsOf(s, "Resource", s.resource.values, errors);
    if (s.notResource) resourceErrorsOf(s, "NotResource", s.notResource.values, errors);
}

function resourceErrorsOf(s: Statement, element: "Resource" | "NotResource", resources: string[], errors: string[]): void {
    for (const r of resources) {
        // IAM refuses any other resource ("must be in ARN format or *"); evaluators disagree on what one would mean.
        if (r !== "*" && !ARN.test(r))
            errors.push(
                `${statementLabel(s)} ${element} "${r}" is neither "*" nor an ARN ` +
                    "(arn:partition:service:region:account:resource)",
            );
        // Only an Allow's Resource: a Deny that names nothing protects nothing (iam-action-resource-mismatch says so),
        // and NotResource naming nothing excludes nothing (Allow + NotResource is refused anyway).
        else if (element === "Resource" && s.effect === "Allow" && matchesNoResourceTypeNow(r)) {
            errors.push(
                `${statementLabel(s)} ${element} "${r}" matches no resource type of its service (per the AWS action ` +
                    "catalogue's ARN formats), so it grants nothing",
            );
        }
    }
}

/** A role's trust policy: who may assume it. IAM refuses one without a Principal, or with a Resource. */
function trustErrors(s: Statement, errors: string[]): void {
    if (!s.principal && !s.notPrincipal)
        errors.push(`${statementLabel(s)} has no Principal: a trust policy statement must say who may assume the role`);
    const element = s.resource ? "Resource" : "NotResource";
    if (s.resource || s.notResource)
        errors.push(`${statementLabel(s)} has a ${element}, which a trust policy must not have (the resource is the role)`);
}

/**
 * IAM refuses a Principal in an identity-based policy ("Policy document should not specify a principal"), and does not
 * support a `*` inside a principal value: "*" alone is every principal, but `arn:aws:iam::*:role/x` or `role/app-*`
 * is no pattern ("You cannot use a wildcard to match part of a principal name or ARN": reference_policies_elements_
 * principal.html; Access Analyzer's "Unsupported wildcard in principal"). Where IAM accepts one it matches it
 * literally, so the statement lets no one in. The pattern belongs in a StringLike condition on aws:PrincipalArn.
 */
function principalErrors(s: Statement, kind: DocumentKind, errors: string[]): void {
    principalErrorsOf(s, "Principal", s.principal, kind, errors);
    principalErrorsOf(s, "NotPrincipal", s.notPrincipal, kind, errors);
}

function principalErrorsOf(s: Statement, element: string, p: Principal | undefined, kind: DocumentKind, errors: string[]) {
    if (!p) return;
    if (kind !== "trust" && !RESOURCE_POLICY_KINDS.includes(kind)) {
        errors.push(
            `${statementLabel(s)} has a ${element}, which an identity-based policy must not have (its principal ` +
                "is the user, group or role it is attached to)",
        );
        return;
    }
    for (const type in p.values)
        for (const v of p.values[type]) {
            if (v !== "*" && hasWildcard(v))
                errors.push(
                    `${statementLabel(s)} ${element} ${type} "${v}" has a wildcard inside it, which IAM does not ` +
                        `support: "*" is allowed only alone (every principal), and a partial one is refused or ` +
                        "matches no caller. To match principals by pattern, name the account and add a StringLike " +
                        "condition on aws:PrincipalArn",
                );
            const account = type === "AWS" ? notAnAccount(v) : undefined;
            if (account !== undefined)
                errors.push(
                    `${statementLabel(s)} ${element} AWS "${v}" names the account "${account}", which is not an ` +
                        'account ID (12 digits): IAM refuses the policy ("Invalid principal in policy")',
                );
        }
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * An "AWS" principal names an account by its 12-digit ID (AWS Account Management Reference, manage-acct-identifiers),
 * alone or in an IAM or STS ARN (CloudFront's origin access identities are `arn:aws:iam::cloudfront:user/...`). The
 * account it names when that is not an ID; undefined when it is, or when the value names no account this way.
 */
function notAnAccount(v: string): string | undefined {
    if (/^\d+$/.test(v)) return ACCOUNT_ID.test(v) ? undefined : v;
    const arn = splitArn(v);
    if (!arn || (arn.service !== "iam" && arn.service !== "sts") || hasWildcard(arn.account)) return undefined;
    if (ACCOUNT_ID.test(arn.account) || (arn.service === "iam" && arn.account === "cloudfront")) return undefined;
    return v.split(":")[4]; // as written (splitArn lowercases the first fields)
}

export const documentValidRule: DocumentRule<DocumentValidConfig> = {
    name: "iam-policy-document-valid",
    description: "IAM policy documents must be well-formed JSON with valid statements, so that every other rule can read them.",
    enforcementLevel: "mandatory",
    configSchema: schema({ requireVersion: { type: "boolean", description: 'Require "Version": "2012-10-17".' } }),
    defaults: DOCUMENT_VALID_DEFAULTS,
    check: documentValidFindings,
    // AWS's own documents are not the stack's to fix; trust policies are read too.
    attached: false,
    kinds: DOCUMENT_KINDS,
};

export const documentValid = documentPolicy(documentValidRule);
