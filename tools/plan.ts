// `npm start`: what `pulumi preview --policy-pack policypack` (and then `pulumi up`) would show, offline.
//
// Runs a Pulumi TypeScript program under mocks (no CLI, no provider plugin, no cloud account), sends every
// registered resource to the real policy pack over the analyzer protocol, started exactly as the Pulumi CLI
// starts it, and prints the resource tree, the access matrix and the policy verdicts.

import { PACKAGE_ROOT, ProgramError } from "./lib/program";
import { PlanArgs, parseArgs, usage, UsageError } from "./lib/plan/args";
import { divertStdout } from "./lib/plan/output";
import { closeRunningPack, PlanDeps, plan, Reported } from "./lib/plan/phases";

export { parseArgs, usage, USAGE, UsageError } from "./lib/plan/args";
export type { PlanArgs } from "./lib/plan/args";
export { planJson } from "./lib/plan/output";
export type { PlanOutput } from "./lib/plan/output";
export { durationSeconds, toPackResource } from "./lib/plan/pack";
export type { PackClient, StartPack } from "./lib/plan/pack";
export { plan } from "./lib/plan/phases";
export type { PlanDeps, PlanOutcome } from "./lib/plan/phases";

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
            void closeRunningPack().finally(exit);
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
