// Reading IAM documents as the matrix needs them. The reading itself is the policy pack's (policypack/iam:
// JSON text or object, Statement object or list, what IAM refuses); this file adds the plan's placeholders for
// unknowns and secrets, and gives each statement back with its Principal and Condition as written, for display.

import { awsManagedPolicyName, managedPolicyDocument, parsePolicyDocument, UNKNOWN } from "../../../policypack/iam";
import type { Statement as ParsedStatement, Values } from "../../../policypack/iam";
import { SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "../program";
import { PendingDocument, Statement } from "./types";

export type Parsed =
    | { ok: true; statements: Statement[]; /** statements IAM would refuse, left out */ invalid?: string }
    | { ok: false; reason: PendingDocument["reason"]; detail?: string };

export const isPlaceholder = (v: unknown) => v === UNKNOWN_PLACEHOLDER || v === SECRET_PLACEHOLDER;

/** A string that is known (not empty, not a placeholder). */
export const known = (v: unknown): v is string => typeof v === "string" && v !== "" && !isPlaceholder(v);

/** An IAM path as it appears in an ARN: "/" by default, always ending in "/". */
export const normPath = (p: unknown) => (known(p) ? (p.endsWith("/") ? p : `${p}/`) : "/");

/** A scalar or a list, as a list of strings. */
export const list = (v: unknown): string[] =>
    v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

export function parseDocument(doc: unknown): Parsed {
    if (doc === undefined || doc === null || doc === "") return { ok: false, reason: "unknown", detail: "no document" };
    if (doc === UNKNOWN_PLACEHOLDER) return { ok: false, reason: "unknown" };
    if (doc === SECRET_PLACEHOLDER) return { ok: false, reason: "secret" };
    let value: unknown = doc;
    if (typeof doc === "string") {
        try {
            value = JSON.parse(doc);
        } catch (e) {
            return { ok: false, reason: "unparsable", detail: `not valid JSON (${(e as Error).message})` };
        }
    }
    // The statements as written (the parser says why when there is no list to read).
    const statement = value && typeof value === "object" ? (value as Record<string, unknown>).Statement : undefined;
    if (statement === UNKNOWN_PLACEHOLDER) return { ok: false, reason: "unknown" };
    if (statement === SECRET_PLACEHOLDER) return { ok: false, reason: "secret" };
    const raw = statement === undefined ? undefined : Array.isArray(statement) ? statement : [statement];
    const parsed = parsePolicyDocument(raw ? { ...(value as object), Statement: raw.map(withPackUnknowns) } : value);
    if (parsed.status === "unknown") return { ok: false, reason: "unknown" };
    if (parsed.status !== "ok") {
        return { ok: false, reason: "unparsable", detail: parsed.status === "malformed" ? parsed.errors.join("; ") : undefined };
    }
    const { statements, errors } = parsed.document;
    return {
        ok: true,
        statements: statements.map((s) => shown(s, raw![s.index] as Record<string, unknown>)),
        ...(errors.length > 0 ? { invalid: errors.join("; ") } : {}),
    };
}

/** The plan's placeholder for a whole statement or its Effect is what the pack's parser knows as unknown. */
function withPackUnknowns(s: unknown): unknown {
    if (s === UNKNOWN_PLACEHOLDER) return UNKNOWN;
    if (!s || typeof s !== "object" || Array.isArray(s)) return s;
    const e = (s as Record<string, unknown>).Effect;
    return isPlaceholder(e) ? { ...s, Effect: UNKNOWN } : s;
}

const values = (v: Values | undefined) => v && [...v.values, ...(v.unknown ? [UNKNOWN_PLACEHOLDER] : [])];

/** A parsed statement in the matrix's shape: an Effect not known yet reads as Allow (the worst case). */
function shown(s: ParsedStatement, raw: Record<string, unknown>): Statement {
    const out: Statement = { Effect: s.effect === "Deny" ? "Deny" : "Allow" };
    if (s.sid !== undefined) out.Sid = s.sid;
    if (s.action) out.Action = values(s.action);
    if (s.notAction) out.NotAction = values(s.notAction);
    if (s.resource) out.Resource = values(s.resource);
    if (s.notResource) out.NotResource = values(s.notResource);
    if (raw.Principal !== undefined) out.Principal = raw.Principal;
    if (raw.NotPrincipal !== undefined) out.NotPrincipal = raw.NotPrincipal;
    if (raw.Condition !== undefined) out.Condition = raw.Condition as Statement["Condition"];
    return out;
}

/** An AWS managed policy ARN → its path and name, and its document when the pack's managed-policy data has it. */
export function awsManagedPolicy(arn: string): { name: string; document?: string } | undefined {
    const name = awsManagedPolicyName(arn);
    return name === undefined ? undefined : { name: name.split("/").pop()!, document: managedPolicyDocument(name) };
}
