// What the plan writes: the Mermaid file, the --json document or the text report; and stdout kept for the document.

import * as fs from "fs";
import * as path from "path";
import { accessJson } from "../matrix";
import type { ProgramRun } from "../program";
import { PlanJson, PlanReport, renderMermaid, renderText, styleFor, widthFor } from "../render";
import type { PlanArgs } from "./args";

export interface PlanOutput {
    stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
    /** Errors are reported here as soon as they happen (the pack may still need a moment to shut down). */
    stderr?: { write(s: string): unknown };
}

/** Writes --mermaid's file, then the report to stdout: the --json document or the text. */
export function writeOutput(args: PlanArgs, out: PlanOutput, report: PlanReport, matrixRun: ProgramRun): void {
    if (args.mermaid) {
        fs.mkdirSync(path.dirname(args.mermaid), { recursive: true });
        fs.writeFileSync(args.mermaid, renderMermaid(report, matrixRun.resources));
    }
    if (args.json) {
        out.stdout.write(JSON.stringify(planJson(report, matrixRun), null, 2) + "\n");
    } else {
        const style = args.color ? styleFor(out.stdout) : styleFor({ isTTY: false }, {});
        out.stdout.write(renderText(report, style, widthFor(out.stdout)));
    }
}

/** The --json document: resources and access as of the last phase run (update by default: documents known). */
export function planJson(report: PlanReport, run: ProgramRun): PlanJson {
    return {
        phases: report.phases,
        inputsPhase: report.phases[report.phases.length - 1],
        exitCode: report.exitCode,
        warnings: report.warnings,
        resources: run.resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent ?? null,
            inputs: r.inputs,
        })),
        access: accessJson(report.matrix),
        violations: report.violations.map((v) => ({
            policy: v.policy,
            enforcementLevel: v.enforcementLevel,
            urn: v.urn,
            message: v.message,
            phases: v.phases,
        })),
    };
}

/** In --json mode, whatever the program prints goes to stderr: stdout carries the one document. */
export function divertStdout(): () => void {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
        (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
    return () => {
        process.stdout.write = write;
    };
}
