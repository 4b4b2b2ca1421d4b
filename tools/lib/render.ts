// Text and Mermaid output of the offline plan. Pure: a report in, strings out.

import { AccessMatrix, AccessRow, Principal } from "./matrix";
import { CapturedResource, ResourceOptions, SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "./program";

export type EnforcementLevel = "mandatory" | "remediate" | "advisory" | "disabled";
export const LEVEL_ORDER: EnforcementLevel[] = ["mandatory", "remediate", "advisory", "disabled"];

export type Phase = "preview" | "update";

export interface Violation {
    policy: string;
    description?: string;
    enforcementLevel: EnforcementLevel | string;
    /** The offending resource; the root stack's URN for stack-wide findings. */
    urn: string;
    message: string;
    /** The phases (preview / update) in which the pack reported it. */
    phases: Phase[];
}

/** What the tree needs of a captured resource. */
export type TreeResource = Pick<CapturedResource, "urn" | "type" | "name" | "parent" | "custom" | "external"> & {
    options?: Partial<Pick<ResourceOptions, "protect" | "retainOnDelete">>;
};

export interface PlanReport {
    project: string;
    stack: string;
    /** Display path of the program directory. */
    program: string;
    region: string;
    account: string;
    /** The phases run: preview (unknown outputs), update (known outputs), or both. */
    phases: Phase[];
    resources: TreeResource[];
    outputs: Record<string, unknown>;
    matrix: AccessMatrix;
    /** Which phase's inputs the matrix was built from. */
    matrixPhase: Phase;
    violations: Violation[];
    /** `dir`: where the pack was started from. */
    pack: { name: string; version?: string; policies: number; dir?: string };
    warnings: string[];
    exitCode: number;
    durationMs?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Colour

export interface Style {
    bold(s: string): string;
    dim(s: string): string;
    red(s: string): string;
    yellow(s: string): string;
    green(s: string): string;
    cyan(s: string): string;
    magenta(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOUR: Style = { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39), magenta: wrap(35, 39) };
const id = (s: string) => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id, magenta: id };

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return PLAIN;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return COLOUR;
    return stream.isTTY ? COLOUR : PLAIN;
}

const visibleLength = (s: string) => s.replace(/\u001b\[\d+m/g, "").length;
const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - visibleLength(s)));

// ---------------------------------------------------------------------------------------------------------
// Resource tree, like `pulumi preview`

interface TreeLine {
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

function renderTree(report: PlanReport, s: Style): string[] {
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
        out.push(` ${sign}  ${pad(s.dim(prefix) + r.type, typeWidth)}${pad(r.name, nameWidth)}${pad(plan, 8)}${info.length ? s.dim(info.map((x) => `[${x}]`).join(" ")) : ""}`.trimEnd());
    }
    return out;
}

function showValue(v: unknown): string {
    if (v === UNKNOWN_PLACEHOLDER) return "output<string>";
    if (v === SECRET_PLACEHOLDER) return "[secret]";
    if (typeof v === "string") return JSON.stringify(v);
    return JSON.stringify(v);
}

function renderOutputs(outputs: Record<string, unknown>, s: Style): string[] {
    const keys = Object.keys(outputs).sort();
    if (keys.length === 0) return [];
    const w = Math.max(...keys.map((k) => k.length));
    return [s.bold("Outputs:"), ...keys.map((k) => `    ${pad(k, w)}: ${showValue(outputs[k])}`)];
}

// ---------------------------------------------------------------------------------------------------------
// Access matrix

function principalLabel(p: Principal | undefined, id: string): string {
    if (!p) return id;
    switch (p.kind) {
        case "user":
        case "role":
        case "group":
            return `${p.kind} ${p.name}`;
        case "account":
            return `account ${p.name}`;
        case "service":
            return `service ${p.name}`;
        case "federated":
            return `federated ${p.name}`;
        case "anyone":
            return "anyone (*)";
        default:
            return p.name === p.id ? p.id : `${p.name}`;
    }
}

function wrapList(items: string[], width: number, indent: string): string[] {
    const out: string[] = [];
    let line = "";
    for (const [i, item] of items.entries()) {
        const piece = item + (i < items.length - 1 ? "," : "");
        if (line && line.length + 1 + piece.length > width) {
            out.push(indent + line);
            line = piece;
        } else line = line ? `${line} ${piece}` : piece;
    }
    if (line) out.push(indent + line);
    return out;
}

/** Long messages wrapped at spaces, each line indented. */
export function wrapText(text: string, width: number, indent: string): string[] {
    const out: string[] = [];
    let line = "";
    for (const word of text.split(/ +/)) {
        if (line && line.length + 1 + word.length > width) {
            out.push(indent + line);
            line = word;
        } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(indent + line);
    return out;
}

export function conditionText(c: AccessRow["conditions"]): string {
    if (!c) return "";
    return Object.entries(c)
        .flatMap(([op, kv]) => Object.entries(kv).map(([k, v]) => `${op} ${k} = ${Array.isArray(v) ? `[${v.join(", ")}]` : v}`))
        .join(" and ");
}

function renderMatrix(report: PlanReport, s: Style): string[] {
    const m = report.matrix;
    const principals = new Map(m.principals.map((p) => [p.id, p]));
    const when = report.phases.length > 1 || report.matrixPhase === "update" ? (report.matrixPhase === "update" ? "as granted after update" : "at preview") : "at preview";
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
        const p = principals.get(pid);
        const label = principalLabel(p, pid);
        out.push(`  ${s.bold(label)}${label === pid ? "" : s.dim(`  ${pid}`)}`);
        for (const r of rows) {
            const eff = r.effect === "Deny" ? s.red("Deny ") : s.green("Allow");
            const res = r.resources.length === 0 ? "(no resource)" : r.resources.join(", ");
            out.push(`    ${eff}  ${r.notResources ? "everything except " : ""}${res}`);
            const actions = r.notActions ? ["every action except:", ...r.actions] : r.actions;
            out.push(...wrapList(actions, 96, "             "));
            const cond = conditionText(r.conditions);
            if (cond) out.push(`             ${s.yellow("if")} ${cond}`);
            out.push(s.dim(`             via ${r.sources.join("; ")}`));
        }
        for (const d of pend) out.push(`    ${s.yellow("?    ")}  ${d.source}: ${pendingText(d.reason, d.detail)}`);
    }
    const orphan = m.pending.filter((p) => p.principals.length === 0);
    for (const d of orphan) out.push(`  ${s.yellow("?")} ${d.source}: ${pendingText(d.reason, d.detail)}`);
    return out;
}

function pendingText(reason: string, detail?: string): string {
    switch (reason) {
        case "unknown":
            return "document unknown at preview (it uses outputs computed at create); judged at update (the default runs both, or --up)";
        case "secret":
            return "document is a secret: not shown";
        case "unparsable":
            return `document is not valid JSON${detail ? ` (${detail})` : ""}`;
        default:
            return detail ?? "contents not known offline";
    }
}

// ---------------------------------------------------------------------------------------------------------
// Policy verdicts

function resourceLabel(report: PlanReport, urn: string): string {
    const r = report.resources.find((x) => x.urn === urn);
    if (!r) return urn || "(stack)";
    return `${r.type}  ${r.name}`;
}

function renderViolations(report: PlanReport, s: Style): string[] {
    const pack = `${report.pack.name}${report.pack.version ? ` ${report.pack.version}` : ""}`;
    const out = [s.bold(`Policy verdicts (${pack}, ${report.pack.policies} policies${report.pack.dir ? `, from ${report.pack.dir}` : ""})`)];
    if (report.violations.length === 0) {
        out.push(`    ${s.green("no violations")}`);
        return out;
    }
    const levels = [...LEVEL_ORDER, ...new Set(report.violations.map((v) => v.enforcementLevel).filter((l) => !LEVEL_ORDER.includes(l as EnforcementLevel)))];
    for (const level of levels) {
        const vs = report.violations.filter((v) => v.enforcementLevel === level);
        if (vs.length === 0) continue;
        const colour = level === "mandatory" ? s.red : level === "advisory" ? s.yellow : s.magenta;
        out.push(`  ${colour(s.bold(`${level} (${vs.length})`))}`);
        for (const v of vs) {
            const phase = report.phases.length > 1 && !v.phases.includes("preview") ? s.dim("  [found at update]") : "";
            out.push(`    ${colour(level === "mandatory" ? "✗" : "!")} ${s.bold(v.policy)}  ${resourceLabel(report, v.urn)}${phase}`);
            for (const line of v.message.split("\n").filter((l) => l.trim() !== "")) out.push(...wrapText(line, 110, "        "));
        }
    }
    return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function summaryLine(report: PlanReport): string {
    const count = (level: string) => report.violations.filter((v) => v.enforcementLevel === level).length;
    const managed = report.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
    const people = new Set(report.matrix.rows.map((r) => r.principal)).size;
    const extra = LEVEL_ORDER.slice(1).filter((l) => count(l) > 0).map((l) => `${count(l)} ${l}`);
    const pending = report.matrix.pending.length > 0 ? `, ${plural(report.matrix.pending.length, "document")} not readable` : "";
    const verdict = count("mandatory") > 0 ? "would be refused" : "would pass";
    return (
        `Summary: ${plural(managed, "resource")} to create, ${plural(people, "principal")} with ${plural(report.matrix.rows.length, "access row")}${pending}; ` +
        `${plural(count("mandatory"), "mandatory violation")}${extra.length ? ` (+ ${extra.join(", ")})` : ""}; ` +
        `${report.phases.join(" + ")} ${verdict}${report.durationMs !== undefined ? ` [${(report.durationMs / 1000).toFixed(1)} s]` : ""}`
    );
}

export function renderText(report: PlanReport, s: Style = PLAIN): string {
    const phaseText = report.phases.length > 1 ? "preview, then update with known outputs" : report.phases[0] === "update" ? "update semantics (outputs known)" : "preview semantics (computed outputs unknown)";
    const head = [
        s.bold(`Offline plan of ${report.project} (${report.program}), stack ${report.stack}`),
        s.dim(`  mocks: account ${report.account}, region ${report.region}; ${phaseText}; no cloud, no Pulumi CLI`),
    ];
    const warnings = report.warnings.map((w) => s.yellow(`warning: ${w}`));
    const sections = [
        [...head, ...warnings],
        renderTree(report, s),
        renderOutputs(report.outputs, s),
        renderMatrix(report, s),
        renderViolations(report, s),
        [report.exitCode === 0 ? s.green(summaryLine(report)) : s.red(summaryLine(report))],
    ].filter((sec) => sec.length > 0);
    return sections.map((sec) => sec.join("\n")).join("\n\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------------
// JSON

export interface PlanJson {
    resources: { urn: string; type: string; name: string; parent: string | null; inputs: Record<string, unknown> }[];
    access: { principal: string; effect: "Allow" | "Deny"; actions: string[]; resources: string[]; conditions: Record<string, unknown> | null }[];
    violations: { policy: string; enforcementLevel: string; urn: string; message: string }[];
}

// ---------------------------------------------------------------------------------------------------------
// Mermaid

interface Node {
    id: string;
    label: string;
    shape: "principal" | "stream" | "table" | "any";
    /** Declared by the stack (streams and tables) rather than only named in a policy. */
    managed?: boolean;
}

const STREAM_RE = /^arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/([^/]+)(\/.*)?$/;
const TABLE_RE = /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+)(\/.*)?$/;

const mermaidText = (s: string) => s.replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));

/**
 * Principals, streams and tables, with one edge per access row that touches a stream or a table (actions
 * grouped by service), denies dashed and red, and table → stream replication.
 */
export function renderMermaid(report: PlanReport, resources: readonly { type: string; urn: string; inputs: Record<string, unknown> }[] = []): string {
    const nodes = new Map<string, Node>();
    const counters = { p: 0, s: 0, t: 0, a: 0 };
    const node = (key: string, label: string, shape: Node["shape"]) => {
        let n = nodes.get(key);
        if (!n) {
            const prefix = shape === "principal" ? "p" : shape === "stream" ? "s" : shape === "table" ? "t" : "a";
            n = { id: `${prefix}${counters[prefix]++}`, label, shape };
            nodes.set(key, n);
        }
        return n;
    };
    // Streams and tables of the stack, even those nobody is granted.
    for (const r of resources) {
        const name = typeof r.inputs.name === "string" && r.inputs.name !== UNKNOWN_PLACEHOLDER ? r.inputs.name : undefined;
        if (r.type === "aws:kinesis/stream:Stream" && name) node(`stream:${name}`, `stream ${name}`, "stream").managed = true;
        if (r.type === "aws:dynamodb/table:Table" && name) node(`table:${name}`, `table ${name}`, "table").managed = true;
    }
    const principals = new Map(report.matrix.principals.map((p) => [p.id, p]));
    const edges: { from: Node; to: Node; label: string; deny: boolean; wildcard: boolean }[] = [];
    const targetOf = (arn: string, actions: string[]): { node: Node; sub?: string } | undefined => {
        let m = STREAM_RE.exec(arn);
        if (m) return m[1].includes("*") ? { node: node("stream:*", "any stream", "any"), sub: m[2] } : { node: node(`stream:${m[1]}`, `stream ${m[1]}`, "stream"), sub: m[2] };
        m = TABLE_RE.exec(arn);
        if (m) return m[1].includes("*") ? { node: node("table:*", "any table", "any"), sub: m[2] } : { node: node(`table:${m[1]}`, `table ${m[1]}`, "table"), sub: m[2] };
        if (arn === "*" && actions.some((a) => /^(kinesis|dynamodb|\*)/i.test(a))) return { node: node("*", "any resource (*)", "any") };
        return undefined;
    };
    for (const row of report.matrix.rows) {
        if (row.notResources) continue;
        const targets = new Map<Node, Set<string>>();
        for (const res of row.resources) {
            const t = targetOf(res, row.actions);
            if (!t) continue;
            const subs = targets.get(t.node) ?? new Set<string>();
            if (t.sub) subs.add(t.sub.replace(/^\//, ""));
            targets.set(t.node, subs);
        }
        if (targets.size === 0) continue;
        const p = principals.get(row.principal);
        const from = node(`principal:${row.principal}`, principalLabel(p, row.principal), "principal");
        const actions = row.actions;
        const byService = new Map<string, string[]>();
        for (const a of actions) {
            const [svc, act] = a.includes(":") ? [a.slice(0, a.indexOf(":")), a.slice(a.indexOf(":") + 1)] : ["", a];
            byService.set(svc, [...(byService.get(svc) ?? []), act]);
        }
        const actionText = [...byService].map(([svc, acts]) => (svc ? `${svc}: ${acts.join(", ")}` : acts.join(", "))).join("<br/>");
        for (const [to, subs] of targets) {
            const sub = subs.size > 0 ? ` (${[...subs].join(", ")})` : "";
            const cond = row.conditions ? "<br/>if " + Object.values(row.conditions).flatMap((kv) => Object.keys(kv)).join(", ") : "";
            edges.push({ from, to, label: `${row.effect === "Deny" ? "DENY " : ""}${row.notActions ? "all but " : ""}${actionText}${sub}${cond}`, deny: row.effect === "Deny", wildcard: row.effect === "Allow" && (!!row.notActions || actions.some((a) => a.includes("*"))) });
        }
    }
    // Kinesis Data Streams for DynamoDB: table → stream.
    const replication: { from: Node; to: Node }[] = [];
    for (const r of resources) {
        if (r.type !== "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination") continue;
        const table = typeof r.inputs.tableName === "string" ? r.inputs.tableName : undefined;
        const stream = typeof r.inputs.streamArn === "string" ? STREAM_RE.exec(r.inputs.streamArn)?.[1] : undefined;
        if (table && stream && table !== UNKNOWN_PLACEHOLDER) replication.push({ from: node(`table:${table}`, `table ${table}`, "table"), to: node(`stream:${stream}`, `stream ${stream}`, "stream") });
    }

    const lines = ["flowchart LR"];
    const shape = (n: Node) => {
        const l = `"${mermaidText(n.label)}"`;
        return n.shape === "principal" ? `${n.id}([${l}])` : n.shape === "stream" ? `${n.id}[[${l}]]` : n.shape === "table" ? `${n.id}[(${l})]` : `${n.id}{{${l}}}`;
    };
    const all = [...nodes.values()];
    const group = (title: string, id: string, ns: Node[]) => {
        if (ns.length === 0) return;
        lines.push(`  subgraph ${id}["${title}"]`);
        for (const n of ns) lines.push(`    ${shape(n)}`);
        lines.push("  end");
    };
    group("Principals", "principals", all.filter((n) => n.shape === "principal"));
    group("Streams and tables", "data", all.filter((n) => n.shape !== "principal"));
    let index = 0;
    const denyEdges: number[] = [];
    const wildcardEdges: number[] = [];
    for (const e of edges) {
        const label = e.label.split("<br/>").map(mermaidText).join("<br/>");
        lines.push(e.deny ? `  ${e.from.id} -. "${label}" .-> ${e.to.id}` : `  ${e.from.id} -->|"${label}"| ${e.to.id}`);
        if (e.deny) denyEdges.push(index);
        if (e.wildcard) wildcardEdges.push(index);
        index++;
    }
    for (const e of replication) {
        lines.push(`  ${e.from.id} ==>|"Kinesis Data Streams for DynamoDB"| ${e.to.id}`);
        index++;
    }
    lines.push("  classDef principal fill:#e8f0fe,stroke:#1a73e8,color:#0b2e6f");
    lines.push("  classDef stream fill:#fff4e5,stroke:#e37400,color:#5f2b00");
    lines.push("  classDef table fill:#e6f4ea,stroke:#188038,color:#0d3b1e");
    lines.push("  classDef any fill:#f1f3f4,stroke:#5f6368,color:#202124");
    lines.push("  classDef external stroke-dasharray:4 3");
    for (const kind of ["principal", "stream", "table", "any"] as const) {
        const ids = all.filter((n) => n.shape === kind).map((n) => n.id);
        if (ids.length > 0) lines.push(`  class ${ids.join(",")} ${kind}`);
    }
    // Streams and tables only named in policies (KCL's lease tables, say) are drawn dashed.
    const external = all.filter((n) => (n.shape === "stream" || n.shape === "table") && !n.managed).map((n) => n.id);
    if (external.length > 0) lines.push(`  class ${external.join(",")} external`);
    if (denyEdges.length > 0) lines.push(`  linkStyle ${denyEdges.join(",")} stroke:#d93025,color:#d93025,stroke-dasharray:5 4`);
    if (wildcardEdges.length > 0) lines.push(`  linkStyle ${wildcardEdges.join(",")} stroke:#d93025,stroke-width:3px`);
    return lines.join("\n") + "\n";
}
