// aws.iam.getPolicyDocument, offline.

import { hex } from "./ids";

type Json = Record<string, unknown>;

/** The inputs of aws.iam.getPolicyDocument that the offline invoke reads; list fields may be one value or many. */
export interface PolicyDocumentArgs {
    statements?: PolicyStatementArgs[];
    version?: string;
    policyId?: string;
}
interface PolicyStatementArgs {
    sid?: string;
    effect?: string;
    actions?: unknown;
    notActions?: unknown;
    resources?: unknown;
    notResources?: unknown;
    principals?: { type: string; identifiers: unknown }[];
    notPrincipals?: { type: string; identifiers: unknown }[];
    conditions?: { test: string; variable: string; values: unknown }[];
}

const asList = (v: unknown): string[] | undefined =>
    v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : [String(v)];

/** aws.iam.getPolicyDocument, offline: enough of it for programs that build documents with the invoke. */
export function policyDocumentInvoke(i: PolicyDocumentArgs): { id: string; json: string; minifiedJson: string } {
    const statements = (i.statements ?? []).map((s: PolicyStatementArgs) => {
        const out: Json = {};
        if (s.sid) out.Sid = s.sid;
        out.Effect = s.effect ?? "Allow";
        const one = (xs: string[] | undefined) => (xs && xs.length === 1 ? xs[0] : xs);
        if (s.actions) out.Action = one(asList(s.actions));
        if (s.notActions) out.NotAction = one(asList(s.notActions));
        if (s.resources) out.Resource = one(asList(s.resources));
        if (s.notResources) out.NotResource = one(asList(s.notResources));
        const principals = (key: string, list: PolicyStatementArgs["principals"]) => {
            if (!list || list.length === 0) return;
            const p: Json = {};
            for (const e of list) p[e.type] = one(asList(e.identifiers));
            out[key] = p;
        };
        principals("Principal", s.principals);
        principals("NotPrincipal", s.notPrincipals);
        if (s.conditions && s.conditions.length > 0) {
            const c: Record<string, Json> = {};
            for (const e of s.conditions) {
                c[e.test] = c[e.test] ?? {};
                c[e.test][e.variable] = one(asList(e.values));
            }
            out.Condition = c;
        }
        return out;
    });
    const doc: Json = { Version: i.version ?? "2012-10-17", Statement: statements };
    if (i.policyId) doc.Id = i.policyId;
    const json = JSON.stringify(doc, null, 2);
    return { id: hex(10, json), json, minifiedJson: JSON.stringify(doc) };
}
