// The child-process helpers the scenarios and the emulators share: logs to files under .work/logs/, bounded waits,
// SIGTERM then SIGKILL, stop on exit; and a free port on 127.0.0.1.
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

export const WORK = path.join(__dirname, ".work");
export const LOGS = path.join(WORK, "logs");

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A child process whose stdout/stderr go to log files and are kept (tail) in memory, split into lines. */
export class Child {
    readonly proc: ChildProcess;
    readonly lines: string[] = [];
    private tailText = "";
    exitCode: number | null = null;
    exitSignal: NodeJS.Signals | null = null;
    readonly exited: Promise<void>;

    constructor(
        readonly name: string,
        command: string,
        args: string[],
        opts: { env: NodeJS.ProcessEnv; cwd?: string; onLine?: (line: string) => void },
    ) {
        fs.mkdirSync(LOGS, { recursive: true });
        const out = fs.createWriteStream(path.join(LOGS, `${name}.out.log`));
        const err = fs.createWriteStream(path.join(LOGS, `${name}.err.log`));
        this.proc = spawn(command, args, { env: opts.env, cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
        guard();
        live.add(this);
        let partial = "";
        this.proc.stdout!.on("data", (b: Buffer) => {
            out.write(b);
            this.keep(b);
            const parts = (partial + b.toString("utf8")).split("\n");
            partial = parts.pop()!;
            for (const l of parts) {
                const line = l.replace(/\r$/, "");
                this.lines.push(line);
                opts.onLine?.(line);
            }
        });
        this.proc.stderr!.on("data", (b: Buffer) => {
            err.write(b);
            this.keep(b);
        });
        this.exited = new Promise((resolve) => {
            let finished = false;
            const done = (code: number | null, signal: NodeJS.Signals | null) => {
                if (finished) return;
                finished = true;
                this.exitCode = code;
                this.exitSignal = signal;
                live.delete(this);
                out.end();
                err.end();
                resolve();
            };
            // "close" comes after the last line of output; a grandchild that keeps the pipes open delays it 2 s at most.
            this.proc.on("close", done);
            this.proc.on("exit", (code, signal) => setTimeout(() => done(code, signal), 2000).unref());
            this.proc.on("error", (e) => {
                this.keep(Buffer.from(`spawn error: ${e.message}\n`));
                done(-1, null);
            });
        });
    }

    get running(): boolean {
        return this.exitCode === null && this.exitSignal === null;
    }

    private keep(b: Buffer) {
        this.tailText = (this.tailText + b.toString("utf8")).slice(-8000);
    }

    /** The last lines of stdout and stderr together, for error messages. */
    tail(lines = 25): string {
        return (
            `--- ${this.name} (${this.running ? "running" : `exited ${this.exitCode ?? this.exitSignal}`}), last output:\n` +
            this.tailText
                .split("\n")
                .filter((l) => !/^\s+at |^\s+\.\.\. \d+ more/.test(l))
                .slice(-lines)
                .join("\n")
        ); // Java stack frames crowd out the message
    }

    kill(signal: NodeJS.Signals) {
        if (this.running) this.proc.kill(signal);
    }

    /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
    async stop(graceMs = 5000): Promise<void> {
        if (!this.running) return;
        this.kill("SIGTERM");
        if (await within(this.exited, graceMs)) return;
        this.kill("SIGKILL");
        await within(this.exited, 2000);
    }
}

const live = new Set<Child>();
let guarded = false;
// A crashing or interrupted runner must not leave emulators or workers behind (installed with the first child).
function guard() {
    if (guarded) return;
    guarded = true;
    process.on("exit", () => {
        for (const c of live) c.kill("SIGKILL");
    });
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
        process.once(sig, () => {
            for (const c of live) c.kill("SIGKILL");
            process.exit(130);
        });
    }
}

async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const t = new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), ms);
    });
    const ok = await Promise.race([p.then(() => true), t]);
    clearTimeout(timer);
    return ok;
}

/**
 * Polls `check` every `everyMs` until it returns true; at most `tries` times and `totalMs`. On failure throws an error
 * that says what was awaited and what `seen()` reports. A check that throws is retried, unless its error has `fatal`.
 */
export async function poll(
    what: string,
    check: () => boolean | Promise<boolean>,
    o: { totalMs: number; everyMs?: number; seen?: () => string },
): Promise<number> {
    const every = o.everyMs ?? 100;
    const tries = Math.ceil(o.totalMs / every) + 1;
    const start = Date.now();
    let last = "";
    for (let i = 0; i < tries && Date.now() - start <= o.totalMs; i++) {
        try {
            if (await check()) return Date.now() - start;
            last = "";
        } catch (e) {
            if ((e as { fatal?: boolean }).fatal) throw e;
            last = ` (last check threw: ${(e as Error).message})`;
        }
        await sleep(every);
    }
    throw new Error(`timed out after ${Date.now() - start} ms waiting for ${what}${last}${o.seen ? `; seen: ${o.seen()}` : ""}`);
}
