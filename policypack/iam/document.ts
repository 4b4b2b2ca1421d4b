// IAM policy documents, parsed leniently into one normal form: JSON string or object, Statement object or
// array, Action/NotAction/Resource/NotResource string or array. Never throws: problems become `errors`, unknown
// values (preview) become `unknown` flags so rules can skip exactly what is not known yet.

import { isUnknown } from "./values";
import { parseStatement } from "./statement";
import { remember } from "./memo";
import { policySize } from "../../components/grants/document";

/** A list-valued element. `unknown` is set when the element or any of its members is not known yet. */
export interface Values {
    values: string[];
    unknown: boolean;
}

export interface Principal {
    /** "*" or a principal type ("AWS", "Service", ...) mapped to "*" */
    wildcard: boolean;
    /** Principal type → values, e.g. { AWS: ["arn:aws:iam::123456789012:root"] }. */
    values: Record<string, string[]>;
    unknown: boolean;
}

/** Operator → condition key → values. Keys keep their spelling; compare them case-insensitively. */
export type Conditions = Record<string, Record<string, string[]>>;

export interface Statement {
    /** Position in the document's Statement list. */
    index: number;
    sid?: string;
    effect: "Allow" | "Deny" | "unknown";
    action?: Values;
    notAction?: Values;
    resource?: Values;
    notResource?: Values;
    principal?: Principal;
    notPrincipal?: Principal;
    condition: Conditions;
    conditionUnknown: boolean;
}

export interface PolicyDocument {
    version?: string;
    statements: Statement[];
    /** Statement-level problems; those statements are left out of `statements`. */
    errors: string[];
    /** Size as IAM counts it (characters without white space). */
    readonly size: number;
}

/**
 * A parsed document. Its size is counted when first read: counting is a pass over the whole text, and most documents
 * are shorter than any limit even with their white space (sizeAtMost).
 */
class ParsedDocument implements PolicyDocument {
    // Private fields: a document read from a JSON string and from the same object compare equal.
    readonly #text: string;
    #size: number | undefined;
    constructor(
        readonly version: string | undefined,
        readonly statements: Statement[],
        readonly errors: string[],
        text: string,
    ) {
        this.#text = text;
    }
    get size(): number {
        return (this.#size ??= policySize(this.#text));
    }
    /** The text's length: no size can exceed it. */
    get bound(): number {
        return this.#text.length;
    }
}

/** Is the document at most `limit` characters as IAM counts them? Counted only when its text is longer. */
export function sizeAtMost(doc: PolicyDocument, limit: number): boolean {
    return (doc instanceof ParsedDocument && doc.bound <= limit) || doc.size <= limit;
}

export type ParseResult =
    | { status: "ok"; document: PolicyDocument }
    | { status: "unknown" }
    | { status: "absent" }
    | { status: "malformed"; errors: string[] };

/** Where a statement is, for messages: `Statement[1] ("Stmt456")`. */
export function statementLabel(s: Pick<Statement, "index" | "sid">): string {
    return s.sid ? `Statement[${s.index}] ("${s.sid}")` : `Statement[${s.index}]`;
}

/** Parsed documents by their JSON text: every document rule reads the same document of a resource. */
const parsed = new Map<string, ParseResult>();

/** Parse a policy document (JSON text or object). Results may be shared between callers: do not modify them. */
export function parsePolicyDocument(raw: unknown): ParseResult {
    return typeof raw === "string" ? remember(parsed, 256, raw, parse) : parse(raw);
}

function parse(raw: unknown): ParseResult {
    if (raw === undefined || raw === null) return { status: "absent" };
    if (isUnknown(raw)) return { status: "unknown" };
    let value: unknown = raw;
    let text: string;
    if (typeof raw === "string") {
        if (raw.trim() === "") return { status: "malformed", errors: ["the policy document is an empty string"] };
        try {
            value = JSON.parse(raw);
        } catch (e) {
            return { status: "malformed", errors: [`the policy document is not valid JSON (${(e as Error).message})`] };
        }
        text = raw;
    } else {
        try {
            text = JSON.stringify(raw);
        } catch {
            return { status: "malformed", errors: ["the policy document cannot be serialized to JSON"] };
        }
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return { status: "malformed", errors: ["the policy document is not a JSON object"] };
    }
    const doc = value as Record<string, unknown>;
    const errors: string[] = [];
    let version: string | undefined;
    if (doc.Version !== undefined && !isUnknown(doc.Version)) {
        if (typeof doc.Version !== "string") errors.push("Version must be a string");
        else version = doc.Version;
    }
    if (isUnknown(doc.Statement)) {
        return { status: "ok", document: new ParsedDocument(version, [], errors, text) };
    }
    if (doc.Statement === undefined) return { status: "malformed", errors: ["the policy document has no Statement"] };
    const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    if (list.length === 0) return { status: "malformed", errors: ["Statement is empty"] };
    const statements: Statement[] = [];
    list.forEach((s, index) => {
        if (isUnknown(s)) return;
        const parsed = parseStatement(s, index);
        if (typeof parsed === "string") errors.push(parsed);
        else statements.push(parsed);
    });
    return { status: "ok", document: new ParsedDocument(version, statements, errors, text) };
}

/** Values of a condition key under any operator, with the operators, key matched case-insensitively. */
export function conditionEntries(c: Conditions, key: string): { operator: string; values: string[] }[] {
    const k = key.toLowerCase();
    const out: { operator: string; values: string[] }[] = [];
    for (const [operator, block] of Object.entries(c)) {
        for (const [name, vals] of Object.entries(block)) if (name.toLowerCase() === k) out.push({ operator, values: vals });
    }
    return out;
}
