// The matrix: for each configuration, each action on each resource → called (how often) / granted / verdict.

import { Verdict } from "./judge";

export interface MatrixRow {
    action: string;
    /** The resource as a role: stream, consumer, table NAME, index NAME, or "*". */
    on: string;
    calls: number;
    granted: boolean;
    verdict: "ok" | "DENIED" | "UNUSED" | "optional";
}

/** A resource ARN or pattern, told as the role it plays. */
export function resourceLabel(resource: string): string {
    if (resource === "*") return "*";
    const m = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:(.*)$/.exec(resource);
    if (!m) return resource;
    const [, service, rest] = m;
    if (service === "kinesis") return rest.includes("/consumer/") ? `consumer ${rest.split("/consumer/")[1]}` : "stream";
    if (service === "dynamodb") {
        const [, table, , index] = rest.split("/");
        return index ? `index ${table}/${index}` : `table ${table}`;
    }
    return rest;
}

export function matrixRows(v: Verdict): MatrixRow[] {
    const rows: MatrixRow[] = v.grants.map((g) => ({
        action: g.grant.action,
        on: resourceLabel(g.grant.resource),
        calls: g.used,
        granted: true,
        verdict: g.used > 0 ? "ok" : g.optional ? "optional" : "UNUSED",
    }));
    for (const d of v.requests) {
        if (d.decision === "Allowed") continue;
        rows.push({
            action: d.request.action,
            on: resourceLabel(d.request.resource),
            calls: d.request.calls,
            granted: false,
            verdict: "DENIED",
        });
    }
    return rows.sort((a, b) => `${a.action} ${a.on}`.localeCompare(`${b.action} ${b.on}`));
}

/** The matrix as text: one block per configuration, a verdict line first. */
export function renderMatrix(results: { id: string; library: string; verdict: Verdict; calls: number }[]): string {
    const lines: string[] = [];
    for (const r of results) {
        const ok = r.verdict.sufficient && r.verdict.minimal;
        lines.push(
            `${ok ? "PASS" : "FAIL"} ${r.id} (${r.library}): ${r.calls} calls recorded; ` +
                `${r.verdict.sufficient ? "every call allowed" : "calls DENIED"}; ` +
                `${r.verdict.minimal ? "every grant used or optional" : "grants UNUSED"}`,
        );
        const rows = matrixRows(r.verdict);
        const w = Math.max(...rows.map((x) => x.action.length), 6);
        const o = Math.max(...rows.map((x) => x.on.length), 2);
        for (const x of rows) {
            lines.push(
                `    ${x.action.padEnd(w)}  ${x.on.padEnd(o)}  ${String(x.calls).padStart(5)} called  ` +
                    `${x.granted ? "granted" : "NOT granted"}  ${x.verdict}`,
            );
        }
    }
    return lines.join("\n");
}
