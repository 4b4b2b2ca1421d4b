// IAM policy documents, parsed leniently into one normal form: JSON string or object, Statement object or
// array, Action/NotAction/Resource/NotResource string or array. Never throws: problems become `errors`, unknown
// values (preview) become `unknown` flags so rules can skip exactly what is not known yet.

import { isUnknown } from "./values";
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

const STATEMENT_KEYS = new Set([
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
]);

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

function parseStatement(raw: unknown, index: number): Statement | string {
    const where = `Statement[${index}]`;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return `${where} is not a JSON object`;
    const s = raw as Record<string, unknown>;
    const label = typeof s.Sid === "string" ? `${where} ("${s.Sid}")` : where;
    for (const k of Object.keys(s)) if (!STATEMENT_KEYS.has(k)) return `${label} has an unknown element "${k}"`;
    let effect: Statement["effect"];
    if (isUnknown(s.Effect)) effect = "unknown";
    else if (s.Effect === "Allow" || s.Effect === "Deny") effect = s.Effect;
    else return `${label} has Effect ${JSON.stringify(s.Effect) ?? "undefined"}; it must be "Allow" or "Deny"`;
    if ((s.Action === undefined) === (s.NotAction === undefined)) return `${label} must have exactly one of Action and NotAction`;
    if (s.Resource !== undefined && s.NotResource !== undefined) return `${label} has both Resource and NotResource`;
    if (s.Principal !== undefined && s.NotPrincipal !== undefined) return `${label} has both Principal and NotPrincipal`;
    if (typeof s.Sid !== "string" && s.Sid !== undefined && !isUnknown(s.Sid)) return `${where} has a Sid that is not a string`;
    const action = element(s, "Action", values);
    if (typeof action === "string") return `${label} Action ${action}`;
    const notAction = element(s, "NotAction", values);
    if (typeof notAction === "string") return `${label} NotAction ${notAction}`;
    const resource = element(s, "Resource", values);
    if (typeof resource === "string") return `${label} Resource ${resource}`;
    const notResource = element(s, "NotResource", values);
    if (typeof notResource === "string") return `${label} NotResource ${notResource}`;
    const principal_ = element(s, "Principal", principal);
    if (typeof principal_ === "string") return `${label} Principal ${principal_}`;
    const notPrincipal = element(s, "NotPrincipal", principal);
    if (typeof notPrincipal === "string") return `${label} NotPrincipal ${notPrincipal}`;
    const condition = element(s, "Condition", conditions) ?? { conditions: {}, unknown: false };
    if (typeof condition === "string") return `${label} Condition ${condition}`;
    // Every statement has every field (undefined when absent), in one order: the rules read the same few fields of
    // every statement, and one shape keeps those reads monomorphic.
    return {
        index,
        sid: typeof s.Sid === "string" ? s.Sid : undefined,
        effect,
        action,
        notAction,
        resource,
        notResource,
        principal: principal_,
        notPrincipal,
        condition: condition.conditions,
        conditionUnknown: condition.unknown,
    };
}

/** An element read by `read` when present; undefined when absent; a string says what is wrong with it. */
function element<T>(s: Record<string, unknown>, key: string, read: (v: unknown) => T | string): T | string | undefined {
    return s[key] === undefined ? undefined : read(s[key]);
}

function values(v: unknown): Values | string {
    if (isUnknown(v)) return { values: [], unknown: true };
    const list = typeof v === "string" ? [v] : Array.isArray(v) ? v : undefined;
    if (!list) return "must be a string or an array of strings";
    const out: Values = { values: [], unknown: false };
    for (const x of list) {
        if (isUnknown(x)) out.unknown = true;
        else if (typeof x === "string") out.values.push(x);
        else return "must contain only strings";
    }
    if (out.values.length === 0 && !out.unknown) return "is empty";
    return out;
}

function principal(v: unknown): Principal | string {
    if (isUnknown(v)) return { wildcard: false, values: {}, unknown: true };
    if (v === "*") return { wildcard: true, values: { AWS: ["*"] }, unknown: false };
    if (v === null || typeof v !== "object" || Array.isArray(v)) return 'must be "*" or an object such as {"AWS": [...]}';
    const out: Principal = { wildcard: false, values: {}, unknown: false };
    for (const [type, raw] of Object.entries(v)) {
        const vs = values(raw);
        if (typeof vs === "string") return `${type} ${vs}`;
        out.values[type] = vs.values;
        if (vs.unknown) out.unknown = true;
        if (vs.values.includes("*")) out.wildcard = true;
    }
    return out;
}

function conditions(v: unknown): { conditions: Conditions; unknown: boolean } | string {
    if (isUnknown(v)) return { conditions: {}, unknown: true };
    if (v === null || typeof v !== "object" || Array.isArray(v)) return "must be an object of operators";
    const out: Conditions = {};
    let unknown = false;
    for (const [op, block] of Object.entries(v)) {
        if (isUnknown(block)) {
            unknown = true;
            continue;
        }
        if (block === null || typeof block !== "object" || Array.isArray(block))
            return `${op} must be an object of condition keys`;
        out[op] = {};
        for (const [key, raw] of Object.entries(block)) {
            const list = Array.isArray(raw) ? raw : [raw];
            const vals: string[] = [];
            for (const x of list) {
                if (isUnknown(x)) unknown = true;
                else if (typeof x === "string" || typeof x === "number" || typeof x === "boolean") vals.push(String(x));
                else return `${op}.${key} must be a string, number, boolean or an array of them`;
            }
            out[op][key] = vals;
        }
    }
    return { conditions: out, unknown };
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
