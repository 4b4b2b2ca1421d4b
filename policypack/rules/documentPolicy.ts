// A document rule (a pure check of one IAM document) and the pack's policy for it: every document of every resource
// that carries the kinds the rule reads, attached AWS managed policies included, each resource's documents read once.

import type { EnforcementLevel, PolicyConfigSchema, ResourceValidationPolicy } from "./policyApi";
import { catalogLoadedFor, loadCatalogForDocument } from "../iam/catalog";
import {
    DOCUMENT_KINDS,
    documentSources,
    DocumentKind,
    DocumentSource,
    KEY_POLICY_KIND,
    typesWithDocuments,
} from "../iam/sources";
import { inputsOf } from "../iam/values";
import type { PolicyDocument } from "../iam/document";
import type { Props } from "../iam/values";
import { registerPolicy } from "./registry";
import { BaseConfig, configReader } from "./config";
import type { Finding } from "./finding";

export interface DocumentRule<C extends BaseConfig> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema: PolicyConfigSchema;
    defaults: C;
    /**
     * Findings for one document source; most rules look only at well-formed documents (see `onDocument`). The
     * catalogue has the document's services by then (checkDocuments and the pack's policy load them first), so a
     * check can be synchronous: in the policy server's process every promise costs (its async hooks).
     */
    check(source: DocumentSource, config: C): Finding[] | Promise<Finding[]>;
    /** Also judge attached AWS managed policies (default true). False for rules about how a document is written. */
    attached?: boolean;
    /** The document kinds the rule reads (default: all but "trust", which grants no permissions, and "kms-key"). */
    kinds?: readonly DocumentKind[];
}

/** An attached AWS managed policy can break a rule hundreds of times (ReadOnlyAccess): the first few, then a count. */
const MAX_FINDINGS_PER_ATTACHED_POLICY = 3;

/** The kinds a rule reads when it names none: every kind that grants permissions, so not "trust", nor key policies. */
const PERMISSION_KINDS: readonly DocumentKind[] = DOCUMENT_KINDS.filter((k) => k !== "trust" && k !== KEY_POLICY_KIND);

/** The document kinds the rule reads. */
const kindsOf = (rule: Pick<DocumentRule<BaseConfig>, "kinds">) => rule.kinds ?? PERMISSION_KINDS;

/** Does the rule read this source at all? */
export function ruleReads(rule: Pick<DocumentRule<BaseConfig>, "attached" | "kinds">, s: DocumentSource): boolean {
    if (s.attached && rule.attached === false) return false;
    return kindsOf(rule).includes(s.kind);
}

/** Adapts a check over a parsed document: malformed, unknown and absent documents are not its business. */
export function onDocument<C, R extends Finding[] | Promise<Finding[]>>(
    check: (doc: PolicyDocument, config: C, kind: DocumentKind) => R,
) {
    return (source: DocumentSource, config: C): R | Finding[] =>
        source.parsed.status === "ok" ? check(source.parsed.document, config, source.kind) : [];
}

/** A source's findings as the pack reports them: prefixed with where the document is, capped for attached policies. */
function collect(s: DocumentSource, found: Finding[], out: Finding[]): void {
    if (s.attached && found.length > MAX_FINDINGS_PER_ATTACHED_POLICY + 1) {
        const more = found.length - MAX_FINDINGS_PER_ATTACHED_POLICY;
        found = [
            ...found.slice(0, MAX_FINDINGS_PER_ATTACHED_POLICY),
            { message: `and ${more} more findings of this rule in the same policy.`, details: { more } },
        ];
    }
    for (const f of found)
        out.push(s.path ? { ...f, message: `${s.path}: ${f.message}`, details: { path: s.path, ...f.details } } : f);
}

/** The catalogue services of every well-formed document among the sources, loaded. */
async function loadCatalogForSources(sources: readonly DocumentSource[]): Promise<void> {
    for (const s of sources) if (s.parsed.status === "ok") await loadCatalogForDocument(s.parsed.document);
}

const catalogReady = (sources: readonly DocumentSource[]) =>
    sources.every((s) => s.parsed.status !== "ok" || catalogLoadedFor(s.parsed.document));

/** A document rule over every document of a resource, messages prefixed with where the document is. */
export async function checkDocuments<C extends BaseConfig>(
    rule: DocumentRule<C>,
    sources: DocumentSource[],
    config: C,
): Promise<Finding[]> {
    await loadCatalogForSources(sources);
    const out: Finding[] = [];
    for (const s of sources) if (ruleReads(rule, s)) collect(s, await rule.check(s, config), out);
    return out;
}

/** checkDocuments for a synchronous check that needs no catalogue, or once the catalogue is ready; else undefined. */
export function checkDocumentsNow<C extends BaseConfig>(
    rule: DocumentRule<C>,
    sources: DocumentSource[],
    config: C,
): Finding[] | undefined {
    const out: Finding[] = [];
    for (const s of sources) {
        if (!ruleReads(rule, s)) continue;
        const found = rule.check(s, config);
        if (found instanceof Promise) return undefined;
        collect(s, found, out);
    }
    return out;
}

/** checkDocuments without a promise when the catalogue is ready and the rule's check is synchronous (the usual case). */
const documentFindings = <C extends BaseConfig>(rule: DocumentRule<C>, sources: DocumentSource[], config: C) =>
    (catalogReady(sources) && checkDocumentsNow(rule, sources, config)) || checkDocuments(rule, sources, config);

/**
 * A resource's documents, parsed once for all the document rules: the policy server hands every policy of one
 * request the same decoded inputs (deserializeOnce.ts), which nothing writes to. Plain copies (inputsOf in tests and
 * the linter) are new objects at every call and are read afresh.
 */
const sourcesByInputs = new WeakMap<object, DocumentSource[]>();
export function documentsOf(type: string, inputs: Props): DocumentSource[] {
    let sources = sourcesByInputs.get(inputs);
    if (!sources) sourcesByInputs.set(inputs, (sources = documentSources(type, inputs)));
    return sources;
}

/** The pack's policy for a document rule: every document of every resource that has them. Registers it (registry.ts). */
export function documentPolicy<C extends BaseConfig>(rule: DocumentRule<C>): ResourceValidationPolicy {
    const configOf = configReader(rule);
    // Only the types that carry documents the rule reads (a key policy rule: the five KMS key types).
    const types = typesWithDocuments(kindsOf(rule), rule.attached !== false);
    const reads = new Set(types);
    const validateResource: ResourceValidationPolicy["validateResource"] = (args, report) => {
        if (!reads.has(args.type)) return;
        const config = configOf(args.getConfig<Partial<C>>());
        if (config.exemptResources.includes(args.name)) return;
        const found = documentFindings(rule, documentsOf(args.type, inputsOf(args.props)), config);
        if (!(found instanceof Promise)) for (const f of found) report(f.message);
        else return found.then((fs) => fs.forEach((f) => report(f.message)));
    };
    // A rule whose documents occur in one resource type only (trust policies: Role) says so, like resourcePolicy.
    if (types.length === 1) Object.assign(validateResource, { __pulumiType: types[0] });
    const { name, description, enforcementLevel, configSchema } = rule;
    return registerPolicy({ name, description, enforcementLevel, configSchema, validateResource }, rule);
}
