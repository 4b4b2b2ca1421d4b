// One statement of a policy document, read element by element into the normal form document.ts describes; what is
// wrong with it becomes one message (the document's error), and unknown values (preview) become flags.

import { isUnknown } from "./values";
import type { Conditions, Principal, Statement, Values } from "./document";

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

/** A statement in normal form, or what is wrong with it. */
export function parseStatement(raw: unknown, index: number): Statement | string {
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
