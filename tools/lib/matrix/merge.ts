// Merging and ordering the matrix, and its form in the plan's JSON document.

import { canonical } from "../../../components/grants";
import { AccessMatrix, AccessRow, Condition, Principal, PrincipalKind, RowSource } from "./types";

const KIND_ORDER: PrincipalKind[] = ["user", "role", "group", "account", "service", "federated", "external", "anyone"];

export function sortPrincipals(ps: Principal[]): Principal[] {
    return ps.sort(
        (a, b) =>
            KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
}

const viaKey = (v: RowSource) => `${v.policy}\u0000${v.urn}`;

function unionVia(a: readonly RowSource[], b: readonly RowSource[]): RowSource[] {
    const all = new Map([...a, ...b].map((v) => [viaKey(v), v]));
    return [...all.values()].sort((x, y) => x.policy.localeCompare(y.policy) || x.urn.localeCompare(y.urn));
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

function absorb(into: AccessRow, r: AccessRow, field: "actions" | "resources") {
    into[field] = union(into[field], r[field]);
    into.sources = union(into.sources, r.sources);
    into.via = unionVia(into.via, r.via);
}

const rowKey = (r: AccessRow, what: string) =>
    [r.principal, r.effect, !!r.notActions, !!r.notResources, what, canonical(r.conditions ?? {})].join("\u0000");

/**
 * Actions are unioned per (principal, effect, resource, conditions); then resources with the same action set
 * are gathered into one row. The result: one row per distinct grant, whatever way the documents split it.
 */
export function mergeRows(rows: readonly AccessRow[]): AccessRow[] {
    const perResource = new Map<string, AccessRow>();
    for (const r of rows) {
        for (const res of r.resources.length > 0 ? r.resources : [""]) {
            const key = rowKey(r, res);
            const cur = perResource.get(key);
            if (cur) absorb(cur, r, "actions");
            else
                perResource.set(key, {
                    ...r,
                    resources: res === "" ? [] : [res],
                    actions: [...r.actions],
                    sources: [...r.sources],
                    via: [...r.via],
                });
        }
    }
    const merged = new Map<string, AccessRow>();
    for (const r of perResource.values()) {
        const key = rowKey(r, r.actions.join(","));
        const cur = merged.get(key);
        if (cur) absorb(cur, r, "resources");
        else merged.set(key, { ...r });
    }
    return [...merged.values()].sort(
        (a, b) =>
            a.principal.localeCompare(b.principal) ||
            (a.effect === b.effect ? 0 : a.effect === "Allow" ? -1 : 1) ||
            a.resources.join(",").localeCompare(b.resources.join(",")) ||
            a.actions.join(",").localeCompare(b.actions.join(",")),
    );
}

/** One entry of the JSON document's `access`: `via` names each document the row comes from and its resource. */
export interface AccessJson {
    principal: string;
    effect: "Allow" | "Deny";
    actions: string[];
    resources: string[];
    conditions: Condition | null;
    via: RowSource[];
}

/** The `access` entries of the JSON document. */
export function accessJson(m: AccessMatrix): AccessJson[] {
    return m.rows.map((r) => ({
        principal: r.principal,
        effect: r.effect,
        actions: r.notActions ? r.actions.map((a) => `NOT ${a}`) : r.actions,
        resources: r.notResources ? r.resources.map((x) => `NOT ${x}`) : r.resources,
        conditions: r.conditions ?? null,
        via: r.via,
    }));
}
