// A document the pack cannot read cannot be shown to be least-privilege (and IAM would reject it anyway).

import { DocumentSource, statementLabel } from "../iam";
import { BaseConfig, documentPolicy, DocumentRule, Finding, schema, withDefaults } from "./common";

export interface DocumentValidConfig extends BaseConfig {
    /** Require `"Version": "2012-10-17"` (without it IAM uses 2008-10-17, which has no policy variables). */
    requireVersion: boolean;
}

export const DOCUMENT_VALID_DEFAULTS: DocumentValidConfig = { exemptResources: [], requireVersion: false };

export async function checkDocumentValid(source: DocumentSource, config: Partial<DocumentValidConfig> = {}): Promise<Finding[]> {
    const c = withDefaults(DOCUMENT_VALID_DEFAULTS, config);
    const p = source.parsed;
    if (p.status === "malformed") return p.errors.map((e) => ({ message: `malformed IAM policy document: ${e}`, details: { error: e } }));
    if (p.status !== "ok") return [];
    const errors = [...p.document.errors];
    const v = p.document.version;
    if (v !== undefined && v !== "2012-10-17" && v !== "2008-10-17") errors.push(`Version "${v}" is not "2012-10-17"`);
    if (c.requireVersion && v !== "2012-10-17") errors.push('Version must be "2012-10-17"');
    // IAM refuses any other resource ("must be in ARN format or *"); evaluators disagree on what one would mean.
    for (const s of p.document.statements) {
        for (const [element, vs] of [
            ["Resource", s.resource],
            ["NotResource", s.notResource],
        ] as const) {
            for (const r of vs?.values ?? []) if (r !== "*" && !/^arn:/i.test(r)) errors.push(`${statementLabel(s)} ${element} "${r}" is neither "*" nor an ARN (arn:partition:service:region:account:resource)`);
        }
    }
    return errors.map((e) => ({ message: `invalid IAM policy document: ${e}`, details: { error: e } }));
}

export const documentValidRule: DocumentRule<DocumentValidConfig> = {
    name: "iam-policy-document-valid",
    description: "IAM policy documents must be well-formed JSON with valid statements, so that every other rule can read them.",
    enforcementLevel: "mandatory",
    configSchema: schema({ requireVersion: { type: "boolean", description: 'Require "Version": "2012-10-17".' } }),
    defaults: DOCUMENT_VALID_DEFAULTS,
    check: checkDocumentValid,
};

export const documentValid = documentPolicy(documentValidRule);
