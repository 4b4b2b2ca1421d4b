// The access matrix as text: per principal, its rows (effect, resources, actions, conditions, the documents they
// come from), then what could not be read.

import type { AccessRow, Principal } from "../matrix";
import { Style, wrapList } from "./style";
import { PlanReport } from "./types";

const INDENT = " ".repeat(13);
/** Action lists stop this many columns short of the width, so that they read as a block under their resource. */
const ACTIONS_MARGIN = 9;

export function principalLabel(p: Principal | undefined, id: string): string {
    if (!p) return id;
    switch (p.kind) {
        case "user":
        case "role":
        case "group":
        case "account":
        case "service":
        case "federated":
            return `${p.kind} ${p.name}`;
        case "anyone":
            return "anyone (*)";
        default:
            return p.name;
    }
}

export function conditionText(c: AccessRow["conditions"]): string {
    if (!c) return "";
    return Object.entries(c)
        .flatMap(([op, kv]) => Object.entries(kv).map(([k, v]) => `${op} ${k} = ${Array.isArray(v) ? `[${v.join(", ")}]` : v}`))
        .join(" and ");
}

function renderRow(r: AccessRow, s: Style, width: number): string[] {
    const eff = r.effect === "Deny" ? s.red("Deny ") : s.green("Allow");
    const resources = r.resources.length === 0 ? ["(no resource)"] : r.resources;
    const [first, ...rest] = wrapList(r.notResources ? ["everything except", ...resources] : resources, width, "           ");
    const out = [`    ${eff}  ${first.trimStart()}`.replace("everything except,", "everything except"), ...rest];
    out.push(...wrapList(r.notActions ? ["every action except:", ...r.actions] : r.actions, width - ACTIONS_MARGIN, INDENT));
    const cond = conditionText(r.conditions);
    if (cond) out.push(`${INDENT}${s.yellow("if")} ${cond}`);
    out.push(s.dim(`${INDENT}via ${r.sources.join("; ")}`));
    return out;
}

export function renderMatrix(report: PlanReport, s: Style, width: number): string[] {
    const m = report.matrix;
    const principals = new Map(m.principals.map((p) => [p.id, p]));
    const when = report.matrixPhase === "update" ? "as granted after update" : "at preview";
    const out = [s.bold(`Access matrix (${when}: principal × resources × actions)`)];
    if (m.rows.length === 0 && m.pending.length === 0) {
        out.push("    no IAM documents in this program");
        return out;
    }
    const order = [...m.principals.map((p) => p.id), ...m.rows.map((r) => r.principal)].filter((v, i, a) => a.indexOf(v) === i);
    for (const pid of order) {
        const rows = m.rows.filter((r) => r.principal === pid);
        const pend = m.pending.filter((p) => p.principals.includes(pid));
        if (rows.length === 0 && pend.length === 0) continue;
        const label = principalLabel(principals.get(pid), pid);
        out.push(`  ${s.bold(label)}${label === pid ? "" : s.dim(`  ${pid}`)}`);
        for (const r of rows) out.push(...renderRow(r, s, width));
        for (const d of pend) out.push(`    ${s.yellow("?    ")}  ${d.source}: ${pendingText(d.reason, d.detail)}`);
    }
    for (const d of m.pending.filter((p) => p.principals.length === 0))
        out.push(`  ${s.yellow("?")} ${d.source}: ${pendingText(d.reason, d.detail)}`);
    return out;
}

function pendingText(reason: string, detail?: string): string {
    switch (reason) {
        case "unknown":
            return (
                "document unknown at preview (it uses outputs computed at create); judged at update (the default runs " +
                "both, or --up)"
            );
        case "secret":
            return "document is a secret: not shown";
        case "unparsable":
            return `document is not a valid IAM policy${detail ? ` (${detail})` : ""}`;
        case "invalid":
            return `statements left out, IAM would refuse them (${detail})`;
        default:
            return detail ?? "contents not known offline";
    }
}
