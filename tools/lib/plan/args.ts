// The offline plan's command line: its usage text and its options.

import * as path from "path";
import { defaultPolicyPack } from "../fresh";
import { PACKAGE_ROOT } from "../program";
import type { Phase } from "../render";

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
export const userCwd = () => process.env.INIT_CWD || process.cwd();

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
