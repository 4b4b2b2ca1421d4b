#!/usr/bin/env node
// `kinesis-access`, the package's command: the offline plan and the IAM policy linter on the user's own program.
//
//   npx kinesis-access plan [--program DIR] [options]   the offline plan (what `npm start` runs on index.ts here)
//   npx kinesis-access lint [--kind KIND] FILE.json…    the policy pack's document rules on policy files
//   npx kinesis-access pack                             prints the policy pack directory, for `pulumi preview --policy-pack`

import * as path from "path";
import { defaultPolicyPack } from "./lib/fresh";
import { PACKAGE_ROOT } from "./lib/program";

export const CLI_USAGE = `Usage: kinesis-access <command> [options]

Commands:
  plan [--program DIR] [options]    run a Pulumi program offline under mocks and check it with the policy pack
                                    (default program: the current directory; kinesis-access plan --help for options)
  lint [--kind KIND] FILE.json...   check IAM policy JSON files with the policy pack's document rules
  pack                              print the policy pack's directory: pulumi preview --policy-pack "$(npx kinesis-access pack)"
  help                              this text`;

const COMMANDS = ["plan", "lint", "pack", "help"];

export async function cli(
    argv: readonly string[],
    cwd: string = process.env.INIT_CWD || process.cwd(),
): Promise<number | "running"> {
    const [command, ...rest] = argv;
    switch (command) {
        case "plan": {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for the subcommand that needs it
            const { runAsProcess } = require("./plan") as typeof import("./plan");
            runAsProcess(rest, {
                command: "kinesis-access plan",
                defaultProgram: path.resolve(cwd),
                programText: "the current directory",
            });
            return "running";
        }
        case "lint": {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for the subcommand that needs it
            const { main } = require("./lint-policy") as typeof import("./lint-policy");
            return main(rest);
        }
        case "pack":
            process.stdout.write(defaultPolicyPack(PACKAGE_ROOT) + "\n");
            return 0;
        case undefined:
        case "help":
        case "-h":
        case "--help":
            process.stdout.write(CLI_USAGE + "\n");
            return command === undefined ? 2 : 0;
        default:
            process.stderr.write(
                `error: unknown command "${command}" (commands: ${COMMANDS.join(", ")})\n${CLI_USAGE.split("\n")[0]}\n`,
            );
            return 2;
    }
}

if (require.main === module) {
    cli(process.argv.slice(2)).then(
        (code) => {
            if (code !== "running") process.exitCode = code;
        },
        (e) => {
            process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
            process.exitCode = 2;
        },
    );
}
