// The offline plan as text: heading and warnings, tree, outputs, access matrix, verdicts, and a summary line.

import { renderMatrix } from "./access";
import { DEFAULT_WIDTH, PLAIN, Style } from "./style";
import { renderOutputs, renderTree } from "./tree";
import { LEVEL_ORDER, PlanReport } from "./types";
import { renderViolations } from "./verdicts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function summaryLine(report: PlanReport): string {
    const count = (level: string) => report.violations.filter((v) => v.enforcementLevel === level).length;
    const managed = report.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
    const people = new Set(report.matrix.rows.map((r) => r.principal)).size;
    const extra = LEVEL_ORDER.slice(1)
        .filter((l) => count(l) > 0)
        .map((l) => `${count(l)} ${l}`);
    const pending = report.matrix.pending.length > 0 ? `, ${plural(report.matrix.pending.length, "document")} not readable` : "";
    const verdict = count("mandatory") > 0 ? "would be refused" : "would pass";
    return (
        `Summary: ${plural(managed, "resource")} to create, ${plural(people, "principal")} with ` +
        `${plural(report.matrix.rows.length, "access row")}${pending}; ` +
        `${plural(count("mandatory"), "mandatory violation")}${extra.length ? ` (+ ${extra.join(", ")})` : ""}; ` +
        `${report.phases.join(" + ")} ${verdict}` +
        (report.durationMs !== undefined ? ` [${(report.durationMs / 1000).toFixed(1)} s]` : "")
    );
}

/** `width`: where long lines wrap (the terminal's width; DEFAULT_WIDTH off a terminal). */
export function renderText(report: PlanReport, s: Style = PLAIN, width: number = DEFAULT_WIDTH): string {
    const phaseText =
        report.phases.length > 1
            ? "preview, then update with known outputs"
            : report.phases[0] === "update"
              ? "update semantics (outputs known)"
              : "preview semantics (computed outputs unknown)";
    const head = [
        s.bold(`Offline plan of ${report.project} (${report.program}), stack ${report.stack}`),
        s.dim(`  mocks: account ${report.account}, region ${report.region}; ${phaseText}; no cloud, no Pulumi CLI`),
    ];
    const warnings = report.warnings.map((w) => s.yellow(`warning: ${w}`));
    const sections = [
        [...head, ...warnings],
        renderTree(report, s),
        renderOutputs(report.outputs, s),
        renderMatrix(report, s, width),
        renderViolations(report, s, width),
        [report.exitCode === 0 ? s.green(summaryLine(report)) : s.red(summaryLine(report))],
    ].filter((sec) => sec.length > 0);
    return sections.map((sec) => sec.join("\n")).join("\n\n") + "\n";
}
