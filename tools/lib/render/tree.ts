// The resource tree, as `pulumi preview` draws it, and the stack outputs.

import { SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "../program";
import { pad, Style } from "./style";
import { PlanReport, TreeResource } from "./types";

export interface TreeLine {
    prefix: string;
    r: TreeResource;
}

export function treeLines(resources: readonly TreeResource[]): TreeLine[] {
    const urns = new Set(resources.map((r) => r.urn));
    const children = new Map<string, TreeResource[]>();
    const roots: TreeResource[] = [];
    for (const r of resources) {
        if (r.parent && urns.has(r.parent)) {
            const list = children.get(r.parent) ?? [];
            list.push(r);
            children.set(r.parent, list);
        } else roots.push(r);
    }
    const lines: TreeLine[] = [];
    const walk = (r: TreeResource, lead: string, connector: string) => {
        lines.push({ prefix: lead + connector, r });
        const kids = children.get(r.urn) ?? [];
        const nextLead = lead + (connector === "" ? "" : connector === "├─ " ? "│  " : "   ");
        kids.forEach((k, i) => walk(k, nextLead, i === kids.length - 1 ? "└─ " : "├─ "));
    };
    for (const r of roots) walk(r, "", "");
    return lines;
}

export function renderTree(report: PlanReport, s: Style): string[] {
    const lines = treeLines(report.resources);
    const typeWidth = Math.max(4, ...lines.map((l) => l.prefix.length + l.r.type.length)) + 2;
    const nameWidth = Math.max(4, ...lines.map((l) => l.r.name.length)) + 2;
    const out = [s.bold(`     ${pad("Type", typeWidth)}${pad("Name", nameWidth)}Plan`)];
    for (const { prefix, r } of lines) {
        const read = !!r.external;
        const sign = read ? s.cyan(">-") : s.green("+ ");
        const info: string[] = [];
        if (r.options?.protect) info.push("protect");
        if (r.options?.retainOnDelete) info.push("retainOnDelete");
        const plan = read ? s.cyan("read") : s.green("create");
        const flags = info.length ? s.dim(info.map((x) => `[${x}]`).join(" ")) : "";
        out.push(` ${sign}  ${pad(s.dim(prefix) + r.type, typeWidth)}${pad(r.name, nameWidth)}${pad(plan, 8)}${flags}`.trimEnd());
    }
    return out;
}

function showValue(v: unknown): string {
    if (v === UNKNOWN_PLACEHOLDER) return "output<string>";
    if (v === SECRET_PLACEHOLDER) return "[secret]";
    return JSON.stringify(v);
}

export function renderOutputs(outputs: Record<string, unknown>, s: Style): string[] {
    const keys = Object.keys(outputs).sort();
    if (keys.length === 0) return [];
    const w = Math.max(...keys.map((k) => k.length));
    return [s.bold("Outputs:"), ...keys.map((k) => `    ${pad(k, w)}: ${showValue(outputs[k])}`)];
}
