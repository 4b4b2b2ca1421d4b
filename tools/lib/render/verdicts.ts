// The policy verdicts as text, by enforcement level; a wildcard's expansion is cut to the actions that matter.

import { Style, wrapText } from "./style";
import { EnforcementLevel, LEVEL_ORDER, PlanReport, Violation } from "./types";

/** How many of the actions a wildcard grants beyond its profile the text names (the JSON has them all). */
export const WILDCARD_SHOWN = 5;

/** Actions that delete or change something come first, in this order: they are what an over-grant costs. */
const VERBS = [
    "Delete",
    "Deregister",
    "Remove",
    "Disable",
    "Stop",
    "Decrease",
    "Merge",
    "Split",
    "Update",
    "Put",
    "Create",
    "Register",
    "Start",
].concat(["Increase", "Enable", "Add", "Untag", "Tag", "Associate", "Inject"]);
const rank = (action: string) => {
    const verb = action.slice(action.indexOf(":") + 1);
    const i = VERBS.findIndex((v) => verb.startsWith(v));
    return i < 0 ? VERBS.length : i;
};

/**
 * The pack says which actions a wildcard expands to, all of them, and which ones a profile needs. For people: how
 * many it expands to, how many of those no profile needs, and the first few of them, those that change things first.
 */
export function condenseWildcard(message: string): string {
    const m = /which expands to (\d+) actions: ([^ ]+(?:, [^ ,]+)*)\./.exec(message);
    if (!m) return message;
    const all = m[2].split(", ");
    const needed = new Set([...message.matchAll(/profile \S+ needs only: ([^.]+)\./g)].flatMap((x) => x[1].split(", ")));
    const extra = all.filter((a) => !needed.has(a));
    const ranked = [...extra].sort((a, b) => rank(a) - rank(b));
    const shown = ranked.slice(0, WILDCARD_SHOWN).join(", ");
    const more = extra.length > WILDCARD_SHOWN ? `, and ${extra.length - WILDCARD_SHOWN} more (--json lists them all)` : "";
    const beyond =
        needed.size > 0 ? `${extra.length} of them beyond what the profile needs` : `all ${extra.length} of them unlisted`;
    return message.replace(m[0], `which expands to ${m[1]} actions, ${beyond}: ${shown}${more}.`);
}

function resourceLabel(report: PlanReport, urn: string): string {
    const r = report.resources.find((x) => x.urn === urn);
    if (!r) return urn || "(stack)";
    return `${r.type}  ${r.name}`;
}

function renderViolation(report: PlanReport, v: Violation, s: Style, width: number): string[] {
    const level = v.enforcementLevel;
    const colour = level === "mandatory" ? s.red : level === "advisory" ? s.yellow : s.magenta;
    const phase = report.phases.length > 1 && !v.phases.includes("preview") ? s.dim("  [found at update]") : "";
    const out = [
        `    ${colour(level === "mandatory" ? "✗" : "!")} ${s.bold(v.policy)}  ` + `${resourceLabel(report, v.urn)}${phase}`,
    ];
    for (const line of condenseWildcard(v.message).split("\n"))
        if (line.trim() !== "") out.push(...wrapText(line, width - 8, "        "));
    return out;
}

export function renderViolations(report: PlanReport, s: Style, width: number): string[] {
    const pack = `${report.pack.name}${report.pack.version ? ` ${report.pack.version}` : ""}`;
    const out = [
        s.bold(
            `Policy verdicts (${pack}, ${report.pack.policies} policies${report.pack.dir ? `, from ${report.pack.dir}` : ""})`,
        ),
    ];
    if (report.violations.length === 0) {
        out.push(`    ${s.green("no violations")}`);
        return out;
    }
    const levels = [
        ...LEVEL_ORDER,
        ...new Set(report.violations.map((v) => v.enforcementLevel).filter((l) => !LEVEL_ORDER.includes(l as EnforcementLevel))),
    ];
    for (const level of levels) {
        const vs = report.violations.filter((v) => v.enforcementLevel === level);
        if (vs.length === 0) continue;
        const colour = level === "mandatory" ? s.red : level === "advisory" ? s.yellow : s.magenta;
        out.push(`  ${colour(s.bold(`${level} (${vs.length})`))}`);
        for (const v of vs) out.push(...renderViolation(report, v, s, width));
    }
    return out;
}
