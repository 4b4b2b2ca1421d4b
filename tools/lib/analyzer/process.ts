// Starting the pack's process as the CLI does: run-policy-pack in the pack directory, the port on its first line.

import { ChildProcess, spawn } from "node:child_process";
import type { StartOptions } from "./types";

export interface PackProcess {
    child: ChildProcess;
    exited: Promise<number | null>;
    /** What the pack has written to stderr so far. */
    stderr(): string;
}

/** Spawns run-policy-pack in `dir` with the environment the CLI gives it. */
export function spawnPack(
    dir: string,
    engineAddress: string,
    opts: StartOptions & { project: string; stack: string; dryRun: boolean },
): PackProcess {
    const { project, stack, dryRun } = opts;
    const env: Record<string, string> = { ...(process.env as Record<string, string>), ...opts.env };
    const set = (k: string, v: string | undefined) => {
        if (v) env[k] = v;
    };
    set("PULUMI_CONFIG", opts.config && Object.keys(opts.config).length > 0 ? JSON.stringify(opts.config) : undefined);
    for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
        set(`${prefix}ORGANIZATION`, opts.organization);
        set(`${prefix}PROJECT`, project);
        set(`${prefix}STACK`, stack);
        set(`${prefix}DRY_RUN`, String(dryRun));
    }
    // The `pulumi-analyzer-policy` shim resolves run-policy-pack from the pack directory.
    const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
    const child = spawn(process.execPath, [runPolicyPack, engineAddress, "."], {
        cwd: dir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, exited, stderr: () => stderr };
}

export function readPort(
    child: ChildProcess,
    exited: Promise<number | null>,
    timeoutMs: number,
    stderr: () => string,
): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        const timer = setTimeout(
            () => reject(new Error(`policy pack did not print its port within ${timeoutMs} ms\n${stderr()}`)),
            timeoutMs,
        );
        child.stdout!.setEncoding("utf8").on("data", (d: string) => {
            out += d;
            const nl = out.indexOf("\n");
            if (nl < 0) return;
            clearTimeout(timer);
            const port = Number(out.slice(0, nl).trim());
            if (Number.isInteger(port) && port > 0) resolve(port);
            else reject(new Error(`policy pack printed "${out.slice(0, nl)}" instead of its port\n${stderr()}`));
        });
        void exited.then((code) => {
            clearTimeout(timer);
            reject(new Error(`policy pack exited (code ${code}) before printing its port\n${stderr()}`));
        });
    });
}
