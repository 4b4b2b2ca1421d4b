// The components' benchmark worker (bench/workers/components.ts), one fresh process per run.

import { spawn } from "node:child_process";
import * as path from "node:path";
import { ROOT, WORKER } from "./context";

export interface WorkerResult {
    variant: string;
    n: number;
    ms: number;
    cpuMs: number;
    peakRssMb: number;
    growthMb: number;
    registrations: number;
}

/** One fresh worker process; its last stdout line is JSON. */
export function runWorker(args: string[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["--expose-gc", "-r", path.join(__dirname, "register.js"), WORKER, ...args], {
            cwd: ROOT,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.on("exit", (code) => {
            const last = stdout.trim().split("\n").pop() ?? "";
            if (code !== 0 || !last)
                return reject(new Error(`worker ${args.join(" ")} failed (${code}):\n${stderr.slice(-3000)}`));
            resolve(JSON.parse(last));
        });
    });
}
