// Starts kinesis-local (npm) and moto's server (PyPI, virtualenv under .work/) on 127.0.0.1.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Child, freePort, poll, WORK } from "./process";

export const VENV = path.join(WORK, "venv");
export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

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
