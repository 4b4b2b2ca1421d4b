// The Mermaid flowchart: principals, streams and tables, one edge per access row that touches a stream or a table
// (actions grouped by service), denies dashed and red, wildcards thick and red, and table → stream replication.

import { UNKNOWN_PLACEHOLDER } from "../program";
import type { AccessRow, Principal } from "../matrix";
import { principalLabel } from "./access";
import { PlanReport } from "./types";

interface Node {
    id: string;
    label: string;
    shape: "principal" | "stream" | "table" | "any";
    /** Declared by the stack (streams and tables) rather than only named in a policy. */
    managed?: boolean;
}

interface Edge {
    from: Node;
    to: Node;
    label: string;
    deny: boolean;
    wildcard: boolean;
}

type GraphResource = { type: string; urn: string; inputs: Record<string, unknown> };

const STREAM_RE = /^arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/([^/]+)(\/.*)?$/;
const TABLE_RE = /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+)(\/.*)?$/;

const mermaidText = (s: string) => s.replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));

/** The graph's nodes, numbered per shape in the order they are first met. */
class Nodes {
    readonly all = new Map<string, Node>();
    private counters = { p: 0, s: 0, t: 0, a: 0 };

    get(key: string, label: string, shape: Node["shape"]): Node {
        let n = this.all.get(key);
        if (!n) {
            const prefix = shape === "principal" ? "p" : shape === "stream" ? "s" : shape === "table" ? "t" : "a";
            n = { id: `${prefix}${this.counters[prefix]++}`, label, shape };
            this.all.set(key, n);
        }
        return n;
    }

    /** The stream or table an ARN names (or "any" for wildcards), with the sub-resource it names. */
    target(arn: string, actions: readonly string[]): { node: Node; sub?: string } | undefined {
        let m = STREAM_RE.exec(arn);
        if (m)
            return {
                node: m[1].includes("*")
                    ? this.get("stream:*", "any stream", "any")
                    : this.get(`stream:${m[1]}`, `stream ${m[1]}`, "stream"),
                sub: m[2],
            };
        m = TABLE_RE.exec(arn);
        if (m)
            return {
                node: m[1].includes("*")
                    ? this.get("table:*", "any table", "any")
                    : this.get(`table:${m[1]}`, `table ${m[1]}`, "table"),
                sub: m[2],
            };
        if (arn === "*" && actions.some((a) => /^(kinesis|dynamodb|\*)/i.test(a)))
            return { node: this.get("*", "any resource (*)", "any") };
        return undefined;
    }
}

const knownName = (v: unknown) => (typeof v === "string" && v !== UNKNOWN_PLACEHOLDER ? v : undefined);

function actionText(actions: readonly string[]): string {
    const byService = new Map<string, string[]>();
    for (const a of actions) {
        const [svc, act] = a.includes(":") ? [a.slice(0, a.indexOf(":")), a.slice(a.indexOf(":") + 1)] : ["", a];
        byService.set(svc, [...(byService.get(svc) ?? []), act]);
    }
    return [...byService].map(([svc, acts]) => (svc ? `${svc}: ${acts.join(", ")}` : acts.join(", "))).join("<br/>");
}

function rowEdges(row: AccessRow, nodes: Nodes, principals: Map<string, Principal>): Edge[] {
    if (row.notResources) return [];
    const targets = new Map<Node, Set<string>>();
    for (const res of row.resources) {
        const t = nodes.target(res, row.actions);
        if (!t) continue;
        const subs = targets.get(t.node) ?? new Set<string>();
        if (t.sub) subs.add(t.sub.replace(/^\//, ""));
        targets.set(t.node, subs);
    }
    if (targets.size === 0) return [];
    const from = nodes.get(
        `principal:${row.principal}`,
        principalLabel(principals.get(row.principal), row.principal),
        "principal",
    );
    const text = actionText(row.actions);
    const deny = row.effect === "Deny";
    const wildcard = !deny && (!!row.notActions || row.actions.some((a) => a.includes("*")));
    const cond = row.conditions
        ? "<br/>if " +
          Object.values(row.conditions)
              .flatMap((kv) => Object.keys(kv))
              .join(", ")
        : "";
    return [...targets].map(([to, subs]) => {
        const sub = subs.size > 0 ? ` (${[...subs].join(", ")})` : "";
        return {
            from,
            to,
            label: `${deny ? "DENY " : ""}${row.notActions ? "all but " : ""}${text}${sub}${cond}`,
            deny,
            wildcard,
        };
    });
}

/** Kinesis Data Streams for DynamoDB: table → stream. */
function replicationEdges(resources: readonly GraphResource[], nodes: Nodes): { from: Node; to: Node }[] {
    const out: { from: Node; to: Node }[] = [];
    for (const r of resources) {
        if (r.type !== "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination") continue;
        const table = knownName(r.inputs.tableName);
        const stream = typeof r.inputs.streamArn === "string" ? STREAM_RE.exec(r.inputs.streamArn)?.[1] : undefined;
        if (table && stream)
            out.push({
                from: nodes.get(`table:${table}`, `table ${table}`, "table"),
                to: nodes.get(`stream:${stream}`, `stream ${stream}`, "stream"),
            });
    }
    return out;
}

const shapeOf = (n: Node) => {
    const l = `"${mermaidText(n.label)}"`;
    return n.shape === "principal"
        ? `${n.id}([${l}])`
        : n.shape === "stream"
          ? `${n.id}[[${l}]]`
          : n.shape === "table"
            ? `${n.id}[(${l})]`
            : `${n.id}{{${l}}}`;
};

const CLASS_DEFS = [
    "  classDef principal fill:#e8f0fe,stroke:#1a73e8,color:#0b2e6f",
    "  classDef stream fill:#fff4e5,stroke:#e37400,color:#5f2b00",
    "  classDef table fill:#e6f4ea,stroke:#188038,color:#0d3b1e",
    "  classDef any fill:#f1f3f4,stroke:#5f6368,color:#202124",
    "  classDef external stroke-dasharray:4 3",
];

function draw(all: Node[], edges: Edge[], replication: { from: Node; to: Node }[]): string[] {
    const lines = ["flowchart LR"];
    const group = (title: string, id: string, ns: Node[]) => {
        if (ns.length === 0) return;
        lines.push(`  subgraph ${id}["${title}"]`, ...ns.map((n) => `    ${shapeOf(n)}`), "  end");
    };
    group(
        "Principals",
        "principals",
        all.filter((n) => n.shape === "principal"),
    );
    group(
        "Streams and tables",
        "data",
        all.filter((n) => n.shape !== "principal"),
    );
    for (const e of edges) {
        const label = e.label.split("<br/>").map(mermaidText).join("<br/>");
        lines.push(e.deny ? `  ${e.from.id} -. "${label}" .-> ${e.to.id}` : `  ${e.from.id} -->|"${label}"| ${e.to.id}`);
    }
    for (const e of replication) lines.push(`  ${e.from.id} ==>|"Kinesis Data Streams for DynamoDB"| ${e.to.id}`);
    lines.push(...CLASS_DEFS);
    for (const kind of ["principal", "stream", "table", "any"] as const) {
        const ids = all.filter((n) => n.shape === kind).map((n) => n.id);
        if (ids.length > 0) lines.push(`  class ${ids.join(",")} ${kind}`);
    }
    // Streams and tables only named in policies (KCL's lease tables, say) are drawn dashed.
    const external = all.filter((n) => (n.shape === "stream" || n.shape === "table") && !n.managed).map((n) => n.id);
    if (external.length > 0) lines.push(`  class ${external.join(",")} external`);
    const indexes = (pick: (e: Edge) => boolean) => edges.flatMap((e, i) => (pick(e) ? [i] : []));
    const deny = indexes((e) => e.deny);
    const wildcard = indexes((e) => e.wildcard);
    if (deny.length > 0) lines.push(`  linkStyle ${deny.join(",")} stroke:#d93025,color:#d93025,stroke-dasharray:5 4`);
    if (wildcard.length > 0) lines.push(`  linkStyle ${wildcard.join(",")} stroke:#d93025,stroke-width:3px`);
    return lines;
}

/** The flowchart of the report's matrix; `resources` adds the stack's streams and tables, even those nobody is granted. */
export function renderMermaid(report: PlanReport, resources: readonly GraphResource[] = []): string {
    const nodes = new Nodes();
    for (const r of resources) {
        const name = knownName(r.inputs.name);
        if (r.type === "aws:kinesis/stream:Stream" && name)
            nodes.get(`stream:${name}`, `stream ${name}`, "stream").managed = true;
        if (r.type === "aws:dynamodb/table:Table" && name) nodes.get(`table:${name}`, `table ${name}`, "table").managed = true;
    }
    const principals = new Map(report.matrix.principals.map((p) => [p.id, p]));
    const edges = report.matrix.rows.flatMap((row) => rowEdges(row, nodes, principals));
    const replication = replicationEdges(resources, nodes);
    return draw([...nodes.all.values()], edges, replication).join("\n") + "\n";
}
