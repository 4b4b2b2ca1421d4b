// `npm start`: what `pulumi preview --policy-pack policypack` (and then `pulumi up`) would show, offline.
//
// Runs a Pulumi TypeScript program under mocks (no CLI, no provider plugin, no cloud account), sends every
// registered resource to the real policy pack over the analyzer protocol, started exactly as the Pulumi CLI
// starts it, and prints the resource tree, the access matrix and the policy verdicts.

import * as fs from "fs";
import * as path from "path";
import {
    AnalyzerClient,
    AnalyzerInfo,
    AnalyzerResource,
    start as startAnalyzer,
    StartOptions,
    Violation as PackViolation,
} from "./lib/analyzer";
import { accessJson, buildAccessMatrix } from "./lib/matrix";
import { MOCK_ACCOUNT, partitionOf } from "./lib/mocks";
import {
    CapturedResource,
    PACKAGE_ROOT,
    ProgramError,
    ProgramRun,
    readStackConfig,
    resolveEntry,
    runProgram,
    typeCheck,
} from "./lib/program";
import { Phase, PlanJson, PlanReport, renderMermaid, renderText, styleFor, Violation, widthFor } from "./lib/render";
import { defaultPolicyPack } from "./lib/fresh";
import { configErrorText, readPolicyPackConfig, reconcilePolicyPackConfig } from "./lib/packConfig";

/** The usage text; `command` is how the user runs the plan (`npm start --` here, `npx kinesis-access plan` installed). */
export const usage = (command = "npm start --", program = "this repository, index.ts") => `Usage: ${command} [options]

Runs a Pulumi program offline under mocks and checks it with the policy pack.

Options:
  --program DIR       the Pulumi program to plan (default: ${program})
  --stack NAME        stack whose Pulumi.<NAME>.yaml config to use (default: dev)
  --up                update semantics only: every output known (mock ARNs and ids)
  --preview           preview semantics only: outputs computed at create stay unknown
                      (default: both, preview then update, as \`pulumi up\` checks both)
  --json              write one JSON document to stdout, nothing else: {phases, inputsPhase, exitCode,
                      warnings, resources, access, violations}, inputs as of the last phase run
  --mermaid FILE      write a Mermaid flowchart of principals, streams and tables to FILE
  --policy-pack DIR   the policy pack to run (default: policypack/dist when built from the current
                      sources, else policypack/)
  --policy-pack-config FILE
                      the pack's configuration, the JSON pulumi preview --policy-pack-config takes:
                      {"<policy>": "<level>" | {"enforcementLevel": …, "<option>": …}, "all": "<level>"}
  --transpile-only    do not type-check the program first (pulumi preview type-checks a TypeScript
                      program unless Pulumi.yaml has runtime.options.typescript: false, its tsconfig
                      noCheck, or PULUMI_NODEJS_TRANSPILE_ONLY=true; so does the plan)
  --no-color          never colour the output (colour is used only on a terminal anyway)
  -h, --help          this text

Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 a program or usage error.
With npm, \`npm -s start -- --json\` keeps npm's own banner off stdout.`;

export const USAGE = usage();

export interface PlanArgs {
    program: string;
    stack: string;
    phases: Phase[];
    json: boolean;
    mermaid?: string;
    policyPack: string;
    /** The JSON file of --policy-pack-config, if given. */
    policyPackConfig?: string;
    color: boolean;
    help: boolean;
    /** --transpile-only: run the program without type-checking it first. */
    transpileOnly: boolean;
}

export class UsageError extends Error {}

/** Where the user ran `npm start` from: npm runs scripts in the package root and says so in INIT_CWD. */
const userCwd = () => process.env.INIT_CWD || process.cwd();

export function parseArgs(argv: readonly string[], defaultProgram: string = PACKAGE_ROOT): PlanArgs {
    const args: PlanArgs = {
        program: defaultProgram,
        stack: "dev",
        phases: ["preview", "update"],
        json: false,
        policyPack: defaultPolicyPack(PACKAGE_ROOT),
        color: true,
        help: false,
        transpileOnly: false,
    };
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
                args.program = path.resolve(userCwd(), value());
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
                args.mermaid = path.resolve(userCwd(), value());
                break;
            case "--policy-pack":
                args.policyPack = path.resolve(userCwd(), value());
                break;
            case "--policy-pack-config":
                args.policyPackConfig = path.resolve(userCwd(), value());
                break;
            case "--transpile-only":
                args.transpileOnly = true;
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
                throw new UsageError(
                    raw.startsWith("-")
                        ? `unknown option ${raw}`
                        : `unexpected argument "${raw}" (a program directory goes after --program)`,
                );
        }
    }
    if (up && preview) throw new UsageError("--up and --preview exclude each other (give neither for both phases)");
    if (!/^[A-Za-z0-9_.-]+$/.test(args.stack))
        throw new UsageError(`--stack: "${args.stack}" is not a valid stack name (letters, digits, _ . -)`);
    if (up) args.phases = ["update"];
    if (preview) args.phases = ["preview"];
    return args;
}

// ---------------------------------------------------------------------------------------------------------
// The policy pack, through the analyzer client (tools/lib/analyzer: the pack started as the CLI starts it)

export type PackClient = Pick<AnalyzerClient, "getAnalyzerInfo" | "configure" | "analyze" | "analyzeStack" | "close">;
export type StartPack = (packDir: string, opts: StartOptions) => Promise<PackClient>;

/** Go-style durations ("5m", "1h30m", "90s") → seconds, as the analyzer protocol carries custom timeouts. */
export function durationSeconds(d: string | undefined): number | undefined {
    if (!d) return undefined;
    const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
    let total = 0;
    let matched = "";
    for (const m of d.matchAll(re)) {
        total += Number(m[1]) * (m[2] === "h" ? 3600 : m[2] === "m" ? 60 : m[2] === "s" ? 1 : 0.001);
        matched += m[0];
    }
    return matched === d ? total : undefined;
}

export function toPackResource(r: CapturedResource): AnalyzerResource {
    const o = r.options;
    const timeouts = o.customTimeouts
        ? {
              create: durationSeconds(o.customTimeouts.create),
              update: durationSeconds(o.customTimeouts.update),
              delete: durationSeconds(o.customTimeouts.delete),
          }
        : undefined;
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        ...(r.parent ? { parent: r.parent } : {}),
        // The wire form: the engine's unknown sentinel and secret envelopes, exactly what a preview sends.
        inputs: r.wireInputs,
        options: {
            protect: o.protect ?? false,
            retainOnDelete: o.retainOnDelete ?? false,
            ignoreChanges: o.ignoreChanges,
            ...(o.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: o.deleteBeforeReplace } : {}),
            additionalSecretOutputs: o.additionalSecretOutputs,
            aliases: o.aliases.filter((a): a is string => typeof a === "string"),
            ...(timeouts ? { customTimeouts: timeouts } : {}),
        },
        dependencies: o.dependsOn,
        propertyDependencies: r.propertyDependencies,
    };
}

/**
 * Analyze each resource the program registers (its inputs, as the engine checks every step before it runs),
 * then AnalyzeStack with every resource's state (inputs plus what the provider computed: unknown at preview),
 * as the engine does at the end of a preview or an update. Reads of existing resources are only in the stack.
 */
async function analyzeRun(pack: PackClient, run: ProgramRun): Promise<PackViolation[]> {
    const managed = run.resources.filter((r) => !r.external);
    // Analyze's diagnostics may leave the URN out: the engine knows which resource it asked about.
    const perResource = await Promise.all(
        managed.map(async (r) => (await pack.analyze(toPackResource(r))).map((v) => ({ ...v, urn: v.urn || r.urn }))),
    );
    const stack = await pack.analyzeStack(
        run.resources.map((r) => ({ ...toPackResource(r), inputs: r.custom && r.wireOutputs ? r.wireOutputs : r.wireInputs })),
    );
    return [...perResource.flat(), ...stack];
}

// ---------------------------------------------------------------------------------------------------------
// Main

export interface PlanOutcome {
    exitCode: number;
    report?: PlanReport;
}

const display = (p: string) => {
    const rel = path.relative(userCwd(), p);
    return rel === "" ? "." : rel.startsWith("..") ? p : rel;
};

export interface PlanDeps {
    /** How to start the pack; default: tools/lib/analyzer's start (the real analyzer protocol). */
    startPack?: StartPack;
}

export interface PlanOutput {
    stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
    /** Errors are reported here as soon as they happen (the pack may still need a moment to shut down). */
    stderr?: { write(s: string): unknown };
}

/** Closes the pack of the plan in progress: the CLI calls it when interrupted, so no pack process outlives it. */
let shutdown: (() => Promise<void>) | undefined;

/** An error already written to stderr. */
class Reported extends Error {}

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
        const runs: Partial<Record<Phase, ProgramRun>> = {};
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

        const violations: Violation[] = [];
        for (const phase of args.phases) {
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

/** Sends --policy-pack-config to the pack as the CLI does, after the CLI's schema checks; warns of unknown policies. */
async function configurePack(
    pack: PackClient,
    info: AnalyzerInfo,
    given: ReturnType<typeof readPolicyPackConfig>,
): Promise<string[]> {
    const result = reconcilePolicyPackConfig(info, given);
    if ("errors" in result) throw new ProgramError(configErrorText(info, result.errors));
    await pack.configure(result.config);
    const names = new Set(info.policies.map((p) => p.name));
    return Object.keys(given)
        .filter((k) => k !== "all" && !names.has(k))
        .map((k) => `--policy-pack-config: "${k}" is not a policy of ${info.name} (ignored, as pulumi preview ignores it)`);
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
function divertStdout(): () => void {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
        (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
    return () => {
        process.stdout.write = write;
    };
}

/** How main() is run: by `npm start` on this repository's program, or by the installed command on the user's. */
export interface Invocation {
    command: string;
    defaultProgram: string;
    programText: string;
}

const NPM_START: Invocation = { command: "npm start --", defaultProgram: PACKAGE_ROOT, programText: "this repository, index.ts" };

export async function main(argv: readonly string[], deps: PlanDeps = {}, how: Invocation = NPM_START): Promise<number> {
    let args: PlanArgs;
    const text = usage(how.command, how.programText);
    try {
        args = parseArgs(argv, how.defaultProgram);
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n${text.split("\n")[0]} (--help for options)\n`);
        return 2;
    }
    if (args.help) {
        process.stdout.write(text + "\n");
        return 0;
    }
    const restore = args.json ? divertStdout() : () => undefined;
    const stdout = {
        write: (s: string) => (restore(), process.stdout.write(s)),
        isTTY: process.stdout.isTTY,
        columns: process.stdout.columns,
    };
    try {
        const { exitCode } = await plan(args, { stdout, stderr: process.stderr }, deps);
        return exitCode;
    } catch (e) {
        restore();
        if (e instanceof Reported) return 2;
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

/** Runs main() as the process: closes the pack when interrupted, exits with main()'s code. */
export function runAsProcess(argv: readonly string[], how: Invocation = NPM_START): void {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        process.once(signal, () => {
            process.stderr.write(`error: interrupted (${signal})\n`);
            const exit = () => process.exit(signal === "SIGINT" ? 130 : 143);
            setTimeout(exit, 3000).unref();
            void (shutdown?.() ?? Promise.resolve()).finally(exit);
        });
    }
    main(argv, {}, how).then(
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

if (require.main === module) runAsProcess(process.argv.slice(2));
