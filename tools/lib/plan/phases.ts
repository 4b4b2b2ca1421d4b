// The plan itself: start the pack, run the program once per phase (preview, update) while it starts, send each
// run's resources to the pack, and put the violations, the resource tree and the access matrix in one report.

import * as fs from "fs";
import * as path from "path";
import { start as startAnalyzer, Violation as PackViolation } from "../analyzer";
import type { AnalyzerInfo } from "../analyzer";
import { buildAccessMatrix } from "../matrix";
import { MOCK_ACCOUNT, partitionOf } from "../mocks";
import { readPolicyPackConfig } from "../packConfig";
import { CapturedResource, ProgramError, ProgramRun, readStackConfig, resolveEntry, runProgram, typeCheck } from "../program";
import { Phase, PlanReport, Violation } from "../render";
import { PlanArgs, userCwd } from "./args";
import { PlanOutput, writeOutput } from "./output";
import { analyzeRun, configurePack, PackClient, StartPack } from "./pack";

export interface PlanOutcome {
    exitCode: number;
    report?: PlanReport;
}

export const display = (p: string) => {
    const rel = path.relative(userCwd(), p);
    return rel === "" ? "." : rel.startsWith("..") ? p : rel;
};

export interface PlanDeps {
    /** How to start the pack; default: tools/lib/analyzer's start (the real analyzer protocol). */
    startPack?: StartPack;
}

/** Closes the pack of the plan in progress: the CLI calls it when interrupted, so no pack process outlives it. */
let shutdown: (() => Promise<void>) | undefined;

/** Closes the pack of the plan in progress, if any (see `shutdown`). */
export const closeRunningPack = (): Promise<void> => shutdown?.() ?? Promise.resolve();

/** An error already written to stderr. */
export class Reported extends Error {}

type Runs = Partial<Record<Phase, ProgramRun>>;

export async function plan(args: PlanArgs, out: PlanOutput, deps: PlanDeps = {}): Promise<PlanOutcome> {
    const started = Date.now();
    if (!deps.startPack && !fs.existsSync(path.join(args.policyPack, "PulumiPolicy.yaml"))) {
        throw new ProgramError(`--policy-pack: no policy pack in ${display(args.policyPack)} (no PulumiPolicy.yaml)`);
    }
    // Problems with the program's directory and configuration are reported before anything is started.
    if (!fs.existsSync(args.program) || !fs.statSync(args.program).isDirectory())
        throw new ProgramError(`program directory not found: ${display(args.program)}`);
    const cfg = readStackConfig(path.resolve(args.program), args.stack);
    const packConfig = args.policyPackConfig ? readPolicyPackConfig(args.policyPackConfig) : undefined;
    // The pack takes a while to start (the CLI's way type-checks it): start it now, run the program meanwhile.
    const packStarting = (deps.startPack ?? startAnalyzer)(args.policyPack, {
        project: cfg.project,
        stack: args.stack,
        organization: "organization",
        dryRun: args.phases.includes("preview"),
        config: cfg.values,
    });
    packStarting.catch(() => undefined);
    shutdown = async () => {
        const p = await packStarting.catch(() => undefined);
        if (p) await Promise.resolve(p.close()).catch(() => undefined);
    };
    let pack: PackClient | undefined;
    try {
        // As `pulumi preview`: a TypeScript program is type-checked before it runs (while the pack starts).
        typeCheck(args.program, resolveEntry(path.resolve(args.program), cfg.main), cfg.runtime, {
            transpileOnly: args.transpileOnly,
        });
        const runs: Runs = {};
        for (const phase of args.phases) {
            runs[phase] = await runProgram({ dir: args.program, stack: args.stack, preview: phase === "preview" });
        }
        try {
            pack = await packStarting;
        } catch (e) {
            throw new ProgramError(`policy pack ${display(args.policyPack)} did not start: ${firstLine(e)}`);
        }
        const info = await pack.getAnalyzerInfo();
        const configWarnings = packConfig ? await configurePack(pack, info, packConfig) : [];

        const violations = await collectViolations(pack, args.phases, runs);
        const { report, matrixRun } = buildReport(args, runs, violations, info, configWarnings, started);
        writeOutput(args, out, report, matrixRun);
        return { exitCode: report.exitCode, report };
    } catch (e) {
        if (out.stderr && e instanceof ProgramError) {
            out.stderr.write(`error: ${e.message}\n`);
            throw new Reported(e.message);
        }
        throw e;
    } finally {
        // A failed program still waits for the pack to finish starting, so that its process is never left behind.
        const p = pack ?? (await packStarting.catch(() => undefined));
        if (p) await Promise.resolve(p.close()).catch(() => undefined);
    }
}

/** Every phase's violations, once each: one found in both phases lists both. */
async function collectViolations(pack: PackClient, phases: readonly Phase[], runs: Runs): Promise<Violation[]> {
    const violations: Violation[] = [];
    for (const phase of phases) {
        const run = runs[phase]!;
        const stackUrn = run.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
        let found: PackViolation[];
        try {
            found = await analyzeRun(pack, run);
        } catch (e) {
            throw new ProgramError(`policy pack failed during ${phase}: ${firstLine(e)}`);
        }
        for (const v of found) {
            const urn = v.urn || stackUrn;
            const existing = violations.find((x) => x.policy === v.policyName && x.urn === urn && x.message === v.message);
            if (existing) {
                if (!existing.phases.includes(phase)) existing.phases.push(phase);
                continue;
            }
            violations.push({
                policy: v.policyName,
                description: v.description,
                enforcementLevel: v.enforcementLevel,
                urn,
                message: v.message,
                phases: [phase],
            });
        }
    }
    return violations;
}

/** The report: the tree as of the first phase run, the matrix and outputs as of update when it ran. */
function buildReport(
    args: PlanArgs,
    runs: Runs,
    violations: Violation[],
    info: AnalyzerInfo,
    configWarnings: string[],
    started: number,
): { report: PlanReport; matrixRun: ProgramRun } {
    const treeRun = runs.preview ?? runs.update!;
    const matrixPhase: Phase = runs.update ? "update" : "preview";
    const matrixRun = runs[matrixPhase]!;
    const matrix = buildAccessMatrix(matrixRun.resources, {
        partition: partitionOf(matrixRun.region),
        account: MOCK_ACCOUNT,
    });
    const mandatory = violations.some((v) => v.enforcementLevel === "mandatory");
    const report: PlanReport = {
        project: treeRun.project,
        stack: treeRun.stack,
        program: display(treeRun.dir),
        region: treeRun.region,
        account: MOCK_ACCOUNT,
        phases: args.phases,
        resources: treeRun.resources,
        outputs: matrixRun.outputs,
        matrix,
        matrixPhase,
        violations: sortViolations(violations, treeRun.resources),
        pack: { name: info.name, version: info.version, policies: info.policies.length, dir: display(args.policyPack) },
        warnings: [...new Set([...configWarnings, ...args.phases.flatMap((p) => runs[p]!.warnings)])],
        exitCode: mandatory ? 1 : 0,
        durationMs: Date.now() - started,
    };
    return { report, matrixRun };
}

const firstLine = (e: unknown) => String(e instanceof Error ? e.message : e).split("\n")[0];

function sortViolations(vs: Violation[], resources: readonly CapturedResource[]): Violation[] {
    const order = new Map(resources.map((r, i) => [r.urn, i]));
    const level = (l: string) => ["mandatory", "remediate", "advisory", "disabled"].indexOf(l);
    return [...vs].sort(
        (a, b) =>
            level(a.enforcementLevel) - level(b.enforcementLevel) ||
            (order.get(a.urn) ?? -1) - (order.get(b.urn) ?? -1) ||
            a.policy.localeCompare(b.policy) ||
            a.message.localeCompare(b.message),
    );
}
