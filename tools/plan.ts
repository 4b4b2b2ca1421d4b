// `npm start`: what `pulumi preview --policy-pack policypack` (and then `pulumi up`) would show, offline.
//
// Runs a Pulumi TypeScript program under mocks (no CLI, no provider plugin, no cloud account), sends every
// registered resource to the real policy pack over the analyzer protocol, started exactly as the Pulumi CLI
// starts it, and prints the resource tree, the access matrix and the policy verdicts.

import * as fs from "fs";
import * as path from "path";
import { accessJson, buildAccessMatrix } from "./lib/matrix";
import { MOCK_ACCOUNT, partitionOf } from "./lib/mocks";
import { CapturedResource, PACKAGE_ROOT, ProgramError, ProgramRun, runProgram } from "./lib/program";
import { Phase, PlanJson, PlanReport, renderMermaid, renderText, styleFor, Violation } from "./lib/render";

export const USAGE = `Usage: npm start -- [options]

Runs a Pulumi program offline under mocks and checks it with the policy pack.

Options:
  --program DIR       the Pulumi program to plan (default: this repository, index.ts)
  --stack NAME        stack whose Pulumi.<NAME>.yaml config to use (default: dev)
  --up                update semantics only: every output known (mock ARNs and ids)
  --preview           preview semantics only: outputs computed at create stay unknown
                      (default: both, preview then update, as \`pulumi up\` checks both)
  --json              write one JSON document {resources, access, violations} to stdout, nothing else
  --mermaid FILE      write a Mermaid flowchart of principals, streams and tables to FILE
  --policy-pack DIR   the policy pack to run (default: policypack/)
  --no-color          never colour the output (colour is used only on a terminal anyway)
  -h, --help          this text

Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 a program or usage error.`;

export interface PlanArgs {
    program: string;
    stack: string;
    phases: Phase[];
    json: boolean;
    mermaid?: string;
    policyPack: string;
    color: boolean;
    help: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): PlanArgs {
    const args: PlanArgs = { program: PACKAGE_ROOT, stack: "dev", phases: ["preview", "update"], json: false, policyPack: path.join(PACKAGE_ROOT, "policypack"), color: true, help: false };
    let up = false;
    let preview = false;
    for (let i = 0; i < argv.length; i++) {
        const raw = argv[i];
        const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
        const flag = eq > 0 ? raw.slice(0, eq) : raw;
        const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
        const value = () => {
            if (inline !== undefined) return inline;
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case "--program":
                args.program = path.resolve(value());
                break;
            case "--stack":
                args.stack = value();
                break;
            case "--up":
                up = true;
                break;
            case "--preview":
                preview = true;
                break;
            case "--json":
                args.json = true;
                break;
            case "--mermaid":
                args.mermaid = path.resolve(value());
                break;
            case "--policy-pack":
                args.policyPack = path.resolve(value());
                break;
            case "--no-color":
            case "--no-colour":
                args.color = false;
                break;
            case "-h":
            case "--help":
                args.help = true;
                break;
            default:
                throw new UsageError(raw.startsWith("-") ? `unknown option ${raw}` : `unexpected argument "${raw}" (a program directory goes after --program)`);
        }
    }
    if (up && preview) throw new UsageError("--up and --preview exclude each other (give neither for both phases)");
    if (up) args.phases = ["update"];
    if (preview) args.phases = ["preview"];
    return args;
}

// ---------------------------------------------------------------------------------------------------------
// The policy pack, through the analyzer client

export interface PackResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    inputs: Record<string, unknown>;
    options?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
    dependencies?: string[];
    provider?: string;
}

export interface PackViolation {
    policyName: string;
    description?: string;
    message: string;
    urn?: string;
    enforcementLevel: string;
}

export interface PackClient {
    getAnalyzerInfo(): Promise<{ name: string; version?: string; policies?: unknown[] }>;
    configure?(config: Record<string, unknown>): Promise<unknown>;
    analyze(resource: PackResource): Promise<PackViolation[]>;
    analyzeStack(resources: PackResource[]): Promise<PackViolation[]>;
    close(): Promise<void> | void;
}

export type StartPack = (packDir: string, opts?: Record<string, unknown>) => Promise<PackClient>;

function loadAnalyzer(): StartPack {
    // tools/lib/analyzer.ts starts the pack as the CLI does: node @pulumi/pulumi/cmd/run-policy-pack.
    const mod = require("./lib/analyzer") as Record<string, unknown>;
    const start = (mod.start ?? mod.startAnalyzer ?? mod.startPolicyPack) as StartPack | undefined;
    if (typeof start !== "function") throw new Error("tools/lib/analyzer does not export start(packDir, opts)");
    return start;
}

export function toPackResource(r: CapturedResource): PackResource {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        ...(r.parent ? { parent: r.parent } : {}),
        inputs: r.wireInputs,
        options: {
            protect: r.options.protect ?? false,
            retainOnDelete: r.options.retainOnDelete ?? false,
            ignoreChanges: r.options.ignoreChanges,
            deleteBeforeReplace: r.options.deleteBeforeReplace ?? false,
            deleteBeforeReplaceDefined: r.options.deleteBeforeReplace !== undefined,
            additionalSecretOutputs: r.options.additionalSecretOutputs,
            aliases: r.options.aliases,
            ...(r.options.customTimeouts ? { customTimeouts: r.options.customTimeouts } : {}),
            ...(r.options.provider ? { provider: r.options.provider } : {}),
            dependsOn: r.options.dependsOn,
        },
        propertyDependencies: r.propertyDependencies,
        dependencies: r.options.dependsOn,
        ...(r.options.provider ? { provider: r.options.provider } : {}),
    };
}

/** Analyze each resource, then the whole stack, as the engine does during a preview or an update. */
async function analyzeRun(pack: PackClient, run: ProgramRun): Promise<PackViolation[]> {
    const resources = run.resources.map(toPackResource);
    const perResource = await Promise.all(resources.map((r) => pack.analyze(r)));
    const stack = await pack.analyzeStack(resources);
    return [...perResource.flat(), ...stack];
}

// ---------------------------------------------------------------------------------------------------------
// Main

export interface PlanOutcome {
    exitCode: number;
    report?: PlanReport;
}

const display = (p: string) => {
    const rel = path.relative(process.cwd(), p);
    return rel === "" ? "." : rel.startsWith("..") ? p : rel;
};

async function withPack<T>(startPack: StartPack, packDir: string, body: (pack: Promise<PackClient>) => Promise<T>): Promise<T> {
    const pack = startPack(packDir, {});
    // Started before the program runs (it takes a moment to load); a failed start surfaces when awaited.
    pack.catch(() => undefined);
    try {
        return await body(pack);
    } finally {
        const p = await pack.catch(() => undefined);
        if (p) await Promise.resolve(p.close()).catch(() => undefined);
    }
}

export interface PlanDeps {
    /** How to start the pack; default: tools/lib/analyzer's start (the real analyzer protocol). */
    startPack?: StartPack;
}

export async function plan(args: PlanArgs, out: { stdout: { write(s: string): unknown; isTTY?: boolean } }, deps: PlanDeps = {}): Promise<PlanOutcome> {
    const started = Date.now();
    let startPack: StartPack;
    if (deps.startPack) startPack = deps.startPack;
    else {
        if (!fs.existsSync(path.join(args.policyPack, "PulumiPolicy.yaml")) && !fs.existsSync(path.join(args.policyPack, "package.json"))) {
            throw new ProgramError(`--policy-pack: no policy pack in ${display(args.policyPack)}`);
        }
        try {
            startPack = loadAnalyzer();
        } catch (e) {
            throw new ProgramError(`the analyzer client is not available: ${(e as Error).message.split("\n")[0]}`);
        }
    }
    return withPack(startPack, args.policyPack, async (packPromise) => {
        const runs: Partial<Record<Phase, ProgramRun>> = {};
        for (const phase of args.phases) {
            runs[phase] = await runProgram({ dir: args.program, stack: args.stack, preview: phase === "preview" });
        }
        let pack: PackClient;
        try {
            pack = await packPromise;
        } catch (e) {
            throw new ProgramError(`policy pack ${display(args.policyPack)} did not start: ${(e as Error).message.split("\n")[0]}`);
        }
        const info = await pack.getAnalyzerInfo();
        if (pack.configure) await pack.configure({});

        const violations: Violation[] = [];
        for (const phase of args.phases) {
            const run = runs[phase]!;
            const stackUrn = run.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
            let found: PackViolation[];
            try {
                found = await analyzeRun(pack, run);
            } catch (e) {
                throw new ProgramError(`policy pack failed during ${phase}: ${(e as Error).message.split("\n")[0]}`);
            }
            for (const v of found) {
                const urn = v.urn || stackUrn;
                const existing = violations.find((x) => x.policy === v.policyName && x.urn === urn && x.message === v.message);
                if (existing) {
                    if (!existing.phases.includes(phase)) existing.phases.push(phase);
                    continue;
                }
                violations.push({ policy: v.policyName, description: v.description, enforcementLevel: String(v.enforcementLevel).toLowerCase(), urn, message: v.message, phases: [phase] });
            }
        }

        const treeRun = runs.preview ?? runs.update!;
        const matrixPhase: Phase = runs.update ? "update" : "preview";
        const matrixRun = runs[matrixPhase]!;
        const matrix = buildAccessMatrix(matrixRun.resources, { partition: partitionOf(matrixRun.region), account: MOCK_ACCOUNT });
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
            pack: { name: info.name, version: info.version, policies: Array.isArray(info.policies) ? info.policies.length : 0 },
            warnings: [...new Set(args.phases.flatMap((p) => runs[p]!.warnings))],
            exitCode: mandatory ? 1 : 0,
            durationMs: Date.now() - started,
        };

        if (args.mermaid) {
            fs.mkdirSync(path.dirname(args.mermaid), { recursive: true });
            fs.writeFileSync(args.mermaid, renderMermaid(report, matrixRun.resources));
        }
        if (args.json) {
            out.stdout.write(JSON.stringify(planJson(report, treeRun), null, 2) + "\n");
        } else {
            const style = args.color ? styleFor(out.stdout) : styleFor({ isTTY: false }, {});
            out.stdout.write(renderText(report, style));
        }
        return { exitCode: report.exitCode, report };
    });
}

function sortViolations(vs: Violation[], resources: readonly CapturedResource[]): Violation[] {
    const order = new Map(resources.map((r, i) => [r.urn, i]));
    const level = (l: string) => ["mandatory", "remediate", "advisory", "disabled"].indexOf(l);
    return [...vs].sort((a, b) => level(a.enforcementLevel) - level(b.enforcementLevel) || (order.get(a.urn) ?? -1) - (order.get(b.urn) ?? -1) || a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message));
}

export function planJson(report: PlanReport, run: ProgramRun): PlanJson {
    return {
        resources: run.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, inputs: r.inputs })),
        access: accessJson(report.matrix),
        violations: report.violations.map((v) => ({ policy: v.policy, enforcementLevel: v.enforcementLevel, urn: v.urn, message: v.message })),
    };
}

/** In --json mode, whatever the program prints goes to stderr: stdout carries the one document. */
function divertStdout(): () => void {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
    return () => {
        process.stdout.write = write;
    };
}

export async function main(argv: readonly string[]): Promise<number> {
    let args: PlanArgs;
    try {
        args = parseArgs(argv);
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n${USAGE.split("\n")[0]} (--help for options)\n`);
        return 2;
    }
    if (args.help) {
        process.stdout.write(USAGE + "\n");
        return 0;
    }
    const restore = args.json ? divertStdout() : () => undefined;
    const stdout = { write: (s: string) => (restore(), process.stdout.write(s)), isTTY: process.stdout.isTTY };
    try {
        const { exitCode } = await plan(args, { stdout });
        return exitCode;
    } catch (e) {
        restore();
        if (e instanceof ProgramError || e instanceof UsageError) {
            process.stderr.write(`error: ${e.message}\n`);
            return 2;
        }
        process.stderr.write(`error: offline plan failed: ${(e as Error).stack ?? e}\n`);
        return 2;
    } finally {
        restore();
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            // Flush, then exit: the program under mocks may leave timers or handles behind.
            process.stdout.write("", () => process.exit(code));
        },
        (e) => {
            process.stderr.write(`error: ${e}\n`);
            process.exit(2);
        },
    );
}
