// Grants -> deterministic IAM policy documents: merged, sorted, stable Sids, within IAM's size limits.

import { Condition, Grant } from "./bind";

export interface Statement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    Resource: string[];
    Condition?: Condition;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Statement[];
}

/** IAM quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
export const POLICY_SIZE_LIMITS = {
    managed: 6144,
    inlineUser: 2048,
    inlineRole: 10240,
    inlineGroup: 5120,
} as const;
export type PolicyKind = keyof typeof POLICY_SIZE_LIMITS;

/** Managed policies attached to one user or role, by default (20 with a quota increase). */
export const MAX_MANAGED_POLICIES_PER_IDENTITY = 10;

const sortedUnique = (xs: readonly string[]) => [...new Set(xs)].sort();

/** JSON with object keys sorted, so equal conditions compare equal. */
export function canonical(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
    if (v && typeof v === "object") {
        return `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(v);
}

/**
 * Merge grants with the same effect, action set and condition (their resources are unioned), sort
 * everything, and give each statement a Sid from all its grants' labels, made unique by a numeric suffix.
 */
export function buildStatements(grants: readonly Grant[]): Statement[] {
    const groups = new Map<
        string,
        { sids: Set<string>; effect: Grant["effect"]; actions: string[]; resources: Set<string>; condition?: Condition }
    >();
    for (const g of grants) {
        const actions = sortedUnique(g.actions);
        const key = `${g.effect}|${actions.join(",")}|${g.condition ? canonical(g.condition) : ""}`;
        let group = groups.get(key);
        if (!group) {
            group = { sids: new Set(), effect: g.effect, actions, resources: new Set(), condition: g.condition };
            groups.set(key, group);
        }
        group.sids.add(g.sid);
        for (const r of g.resources) group.resources.add(r);
    }
    const statements = [...groups.values()].map((g) => {
        const resources = g.resources.has("*") ? ["*"] : sortedUnique([...g.resources]);
        return {
            // A merged statement is named after every grant it covers (labels are alphanumeric, as IAM wants a Sid).
            Sid: [...g.sids].sort().join(""),
            Effect: g.effect,
            Action: g.actions,
            Resource: resources,
            ...(g.condition ? { Condition: JSON.parse(canonical(g.condition)) as Condition } : {}),
        };
    });
    statements.sort(
        (a, b) =>
            cmp(a.Sid, b.Sid) || cmp(a.Action.join(","), b.Action.join(",")) || cmp(a.Resource.join(","), b.Resource.join(",")),
    );
    const seen = new Map<string, number>();
    for (const s of statements) {
        const n = (seen.get(s.Sid) ?? 0) + 1;
        seen.set(s.Sid, n);
        if (n > 1) s.Sid = `${s.Sid}${n}`;
    }
    return statements;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildPolicyDocument(grants: readonly Grant[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: buildStatements(grants) };
}

/** Size as IAM counts it: characters, white space not counted. */
export function policySize(doc: PolicyDocument | string): number {
    const json = typeof doc === "string" ? doc : JSON.stringify(doc);
    return json.replace(/\s/g, "").length;
}

export function renderPolicy(doc: PolicyDocument): string {
    return JSON.stringify(doc);
}

/**
 * Build one document, or several when one would exceed `limit`: statements are packed in order, and a
 * statement that alone is too large is cut into parts by resource. Throws when a single resource does not fit.
 * With `count`, exactly that many documents (resources are planned before ARNs are known): fewer than
 * `count` are split further, more is an error.
 */
export function buildPolicyDocuments(
    grants: readonly Grant[],
    limit: number = POLICY_SIZE_LIMITS.managed,
    count?: number,
): PolicyDocument[] {
    const empty = (): PolicyDocument => ({ Version: "2012-10-17", Statement: [] });
    const fits = (d: PolicyDocument) => policySize(d) <= limit;
    const pieces: Statement[] = [];
    for (const s of buildStatements(grants)) {
        if (fits({ Version: "2012-10-17", Statement: [s] })) {
            pieces.push(s);
            continue;
        }
        // Cut by resource: greedily fill each part up to the limit.
        let part: Statement = { ...s, Sid: `${s.Sid}Part1`, Resource: [] };
        let n = 1;
        for (const r of s.Resource) {
            const trial = { ...part, Resource: [...part.Resource, r] };
            if (fits({ Version: "2012-10-17", Statement: [trial] })) {
                part = trial;
                continue;
            }
            if (part.Resource.length === 0) {
                throw new Error(`policy statement ${s.Sid}: resource "${r}" alone exceeds the ${limit}-character policy limit`);
            }
            pieces.push(part);
            n += 1;
            part = { ...s, Sid: `${s.Sid}Part${n}`, Resource: [r] };
        }
        pieces.push(part);
    }
    const docs: PolicyDocument[] = [];
    let current = empty();
    for (const s of pieces) {
        const trial: PolicyDocument = { Version: "2012-10-17", Statement: [...current.Statement, s] };
        if (fits(trial)) {
            current = trial;
        } else {
            docs.push(current);
            current = { Version: "2012-10-17", Statement: [s] };
        }
    }
    if (current.Statement.length > 0 || docs.length === 0) docs.push(current);
    if (count === undefined) return docs;
    if (docs.length > count) throw new Error(`policy documents: ${docs.length} needed, but only ${count} were planned`);
    while (docs.length < count) {
        // Halve the document with the most resource entries; halves of a fitting document fit.
        const units = (d: PolicyDocument) => d.Statement.reduce((n, s) => n + s.Resource.length, 0);
        const i = docs.reduce((best, d, j) => (units(d) > units(docs[best]) ? j : best), 0);
        const d = docs[i];
        if (units(d) < 2) throw new Error(`policy documents: cannot spread ${units(d)} resource entries over ${count} policies`);
        let halves: [PolicyDocument, PolicyDocument];
        if (d.Statement.length > 1) {
            const mid = Math.ceil(d.Statement.length / 2);
            halves = [
                { Version: "2012-10-17", Statement: d.Statement.slice(0, mid) },
                { Version: "2012-10-17", Statement: d.Statement.slice(mid) },
            ];
        } else {
            const s = d.Statement[0];
            const mid = Math.ceil(s.Resource.length / 2);
            halves = [
                { Version: "2012-10-17", Statement: [{ ...s, Sid: `${s.Sid}A`, Resource: s.Resource.slice(0, mid) }] },
                { Version: "2012-10-17", Statement: [{ ...s, Sid: `${s.Sid}B`, Resource: s.Resource.slice(mid) }] },
            ];
        }
        docs.splice(i, 1, ...halves);
    }
    return docs;
}
