// Starts kinesis-local (npm) and moto's server (PyPI, virtualenv under .work/) on 127.0.0.1, and the child-process
// helpers the scenarios share: logs to files under .work/logs/, bounded waits, SIGTERM then SIGKILL, stop on exit.
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

export const WORK = path.join(__dirname, ".work");
export const LOGS = path.join(WORK, "logs");
export const VENV = path.join(WORK, "venv");
export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

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

async function httpOk(url: string): Promise<boolean> {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
}

/** Creates the moto virtualenv when absent. Needs PyPI: call it outside the network namespace. */
export function ensureVenv(venv = VENV): string {
    const bin = path.join(venv, "bin", "moto_server");
    if (!fs.existsSync(bin)) {
        execFileSync("python3", ["-m", "venv", venv], { stdio: "inherit" });
        execFileSync(path.join(venv, "bin", "pip"), ["install", "-q", "-r", path.join(__dirname, "requirements.txt")], {
            stdio: "inherit",
        });
    }
    return bin;
}

export interface Emulators {
    kinesis: { plain: number; tls: number };
    moto: number;
    /** The environment of the driver contract that the emulators decide (endpoints, region, credentials). */
    endpoints: Record<string, string>;
    stop(): Promise<void>;
}

export interface EmulatorOptions {
    /** Prefix of the log file names (default "emulator"). */
    name?: string;
    /** kinesis-local's LOG_LEVEL (TRACE logs every request). */
    kinesisLogLevel?: string;
    /** kinesis-local's durations of create/split/merge/... (default 100ms). */
    duration?: string;
    readyTimeoutMs?: number;
}

export async function startEmulators(opts: EmulatorOptions = {}): Promise<Emulators> {
    const name = opts.name ?? "emulator";
    const d = opts.duration ?? "100ms";
    const [plain, tls, moto] = [await freePort(), await freePort(), await freePort()];
    const kinesisDir = path.dirname(require.resolve("kinesis-local/package.json"));
    const children: Child[] = [];
    const stop = async () => {
        await Promise.all(children.map((c) => c.stop()));
    };
    try {
        // kinesis-local reads server.json (its TLS key) from the working directory: start it from its folder.
        children.push(
            new Child(`${name}-kinesis`, process.execPath, ["main.js"], {
                cwd: kinesisDir,
                env: {
                    PATH: process.env.PATH,
                    KINESIS_MOCK_PLAIN_PORT: String(plain),
                    KINESIS_MOCK_TLS_PORT: String(tls),
                    AWS_ACCOUNT_ID: ACCOUNT,
                    AWS_REGION: REGION,
                    LOG_LEVEL: opts.kinesisLogLevel ?? "INFO",
                    LOAD_DATA_IF_EXISTS: "false",
                    SHOULD_PERSIST_DATA: "false",
                    // Every configuration has its own stream and reshards it: more shards than the default account limit of 50.
                    SHARD_LIMIT: "1000",
                    CREATE_STREAM_DURATION: d,
                    DELETE_STREAM_DURATION: d,
                    REGISTER_STREAM_CONSUMER_DURATION: d,
                    DEREGISTER_STREAM_CONSUMER_DURATION: d,
                    MERGE_SHARDS_DURATION: d,
                    SPLIT_SHARD_DURATION: d,
                    UPDATE_SHARD_COUNT_DURATION: d,
                    UPDATE_STREAM_MODE_DURATION: d,
                },
            }),
        );
        children.push(
            new Child(`${name}-moto`, ensureVenv(), ["-H", "127.0.0.1", "-p", String(moto)], {
                env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: "true", PYTHONUNBUFFERED: "1" },
            }),
        );
        const totalMs = opts.readyTimeoutMs ?? 60000;
        const seen = () => children.map((c) => c.tail(15)).join("\n");
        const alive = () => {
            for (const c of children) if (!c.running) throw new Error(`${c.name} exited`);
        };
        await Promise.all([
            poll(
                `kinesis-local on 127.0.0.1:${plain}`,
                () => {
                    alive();
                    return httpOk(`http://127.0.0.1:${plain}/healthcheck`);
                },
                { totalMs, everyMs: 200, seen },
            ),
            poll(
                `moto on 127.0.0.1:${moto}`,
                () => {
                    alive();
                    return httpOk(`http://127.0.0.1:${moto}/moto-api/`);
                },
                { totalMs, everyMs: 200, seen },
            ),
        ]);
    } catch (e) {
        await stop();
        throw e;
    }
    const http = (p: number) => `http://127.0.0.1:${p}`;
    return {
        kinesis: { plain, tls },
        moto,
        endpoints: {
            KINESIS_ENDPOINT: http(plain),
            KINESIS_TLS_ENDPOINT: `https://127.0.0.1:${tls}`,
            DYNAMODB_ENDPOINT: http(moto),
            CLOUDWATCH_ENDPOINT: http(moto),
            STS_ENDPOINT: http(moto),
            AWS_REGION: REGION,
            AWS_ACCESS_KEY_ID: "testing",
            AWS_SECRET_ACCESS_KEY: "testing",
            AWS_EC2_METADATA_DISABLED: "true",
        },
        stop,
    };
}
