// A policy pack started exactly as the Pulumi CLI (and tools/lib/analyzer.ts) starts one, with the start-up timed
// from spawn to the port on stdout, and a lean client whose requests are built before the clock starts and whose
// responses are decoded after it stops: what is timed is the pack (gRPC round trip, the policy server's decoding and
// encoding, the rules), not the client's marshalling.
// Correctness of the protocol is tools/lib/analyzer.ts's and its tests' business; this file only measures.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { startEngine } from "../../tools/lib/analyzer";

export interface RunningPack {
    /** Spawn → port printed on stdout (what every `pulumi preview --policy-pack` waits for). */
    startMs: number;
    /**
     * Requests already encoded, responses as they arrive (the engine encodes and decodes in Go; the pack's own
     * decoding and encoding is its cost). `diagnosticsIn` reads a response once the clock has stopped.
     */
    analyze(req: Uint8Array): Promise<Uint8Array>;
    analyzeStack(req: Uint8Array): Promise<Uint8Array>;
    /** CPU time (user + system) the pack process has used so far, from /proc (Linux); NaN elsewhere. */
    cpuMs(): number;
    close(): Promise<void>;
    readonly stderr: string;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Start the pack in `packDir` as the CLI does (`node run-policy-pack <engine> .`, cwd = pack dir). */
export async function startPack(packDir: string, opts: { dryRun?: boolean; nodeArgs?: string[] } = {}): Promise<RunningPack> {
    const dir = path.resolve(packDir);
    const engine = await startEngine([]);
    const proc = spawnPack(dir, engine.address, opts);
    const stop = async () => {
        if (proc.child.exitCode === null && proc.child.signalCode === null) {
            // SIGTERM: a pack started with --cpu-prof and bench/lib/exitOnTerm.js writes its profile.
            proc.child.kill("SIGTERM");
            const timer = setTimeout(() => proc.child.kill("SIGKILL"), 10_000);
            await proc.exited;
            clearTimeout(timer);
        }
        engine.server.forceShutdown();
    };
    let client: analyzerGrpc.AnalyzerClient;
    let rpc: ReturnType<typeof rpcs>;
    let startMs: number;
    try {
        const port = await proc.port;
        startMs = now() - proc.t0;
        client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 1024 * 1024 * 1024,
            "grpc.max_send_message_length": 1024 * 1024 * 1024,
        });
        rpc = rpcs(client, proc.stderr);
        await configure(rpc, engine.address, dir, opts.dryRun ?? false);
    } catch (e) {
        // A pack that did not come up is not left running (nor its engine).
        await stop();
        throw e;
    }
    const decode = (b: Uint8Array) => b;
    return {
        startMs,
        get stderr() {
            return proc.stderr();
        },
        analyze: (req) => rpc.raw("Analyze", req, decode),
        cpuMs: () => processCpuMs(proc.child.pid),
        analyzeStack: (req) => rpc.raw("AnalyzeStack", req, decode),
        async close() {
            client.close();
            await stop();
        },
    };
}

/**
 * The diagnostics in an Analyze or AnalyzeStack response, read once the clock has stopped. google-protobuf decodes in
 * JavaScript: 7-17 µs for a response of the pack's size (about 600 bytes, most of it the policy server's
 * PolicyNotApplicable list) against 0.6-5 µs for the baseline's, a cost of this client that the engine (Go) does not
 * have. On the clock it was counted as the pack's.
 */
export const diagnosticsIn = (res: Uint8Array): number =>
    analyzerPb.AnalyzeResponse.deserializeBinary(res).getDiagnosticsList().length;

/** The pack's process, spawned with the CLI's environment; `port` resolves when it prints its port. */
function spawnPack(dir: string, engineAddress: string, opts: { dryRun?: boolean; nodeArgs?: string[] }) {
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
        env[`${prefix}PROJECT`] = "bench";
        env[`${prefix}STACK`] = "bench";
        env[`${prefix}DRY_RUN`] = String(opts.dryRun ?? false);
    }
    const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
    const t0 = now();
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), runPolicyPack, engineAddress, "."], {
        cwd: dir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const port = new Promise<number>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`${dir}: no port within 120 s\n${stderr}`)), 120_000);
        child.stdout!.setEncoding("utf8").on("data", (d: string) => {
            out += d;
            // The port is the first line, unless V8's own traces (--trace-opt, --log-deopt, when profiling) come first.
            const m = /^(\d+)\n/m.exec(out);
            if (!m && out.includes("\n") && !out.startsWith("[")) {
                clearTimeout(timer);
                reject(new Error(`${dir}: printed "${out.slice(0, out.indexOf("\n"))}" instead of a port\n${stderr}`));
            }
            if (!m) return;
            clearTimeout(timer);
            resolve(Number(m[1]));
        });
        void exited.then(() => {
            clearTimeout(timer);
            reject(new Error(`${dir}: exited before printing its port\n${stderr}`));
        });
    });
    return { child, exited, port, t0, stderr: () => stderr };
}

/** The client's calls: typed ones for set-up, raw ones with requests encoded beforehand (what is measured). */
function rpcs(client: analyzerGrpc.AnalyzerClient, stderr: () => string) {
    const call = <Req, Res>(
        fn: (
            req: Req,
            md: grpc.Metadata,
            o: Partial<grpc.CallOptions>,
            cb: (e: grpc.ServiceError | null, r: Res) => void,
        ) => unknown,
        req: Req,
    ) =>
        new Promise<Res>((resolve, reject) =>
            fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + 600_000 }, (err, res) =>
                err ? reject(new Error(`${err.message}\n${stderr().slice(-2000)}`)) : resolve(res),
            ),
        );
    const raw = <Res>(method: string, bytes: Uint8Array, decode: (b: Uint8Array) => Res) =>
        new Promise<Res>((resolve, reject) =>
            client.makeUnaryRequest(
                `/pulumirpc.Analyzer/${method}`,
                (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
                (b: Buffer) => decode(b),
                bytes,
                new grpc.Metadata(),
                { deadline: Date.now() + 600_000 },
                (err, res) => (err ? reject(new Error(`${method}: ${err.message}\n${stderr().slice(-2000)}`)) : resolve(res!)),
            ),
        );
    return { client, call, raw };
}

/** What the CLI sends right after start: handshake, the stack's configuration, then GetAnalyzerInfo. */
async function configure(rpc: ReturnType<typeof rpcs>, engineAddress: string, dir: string, dryRun: boolean): Promise<void> {
    const { client, call } = rpc;
    const hs = new analyzerPb.AnalyzerHandshakeRequest()
        .setEngineAddress(engineAddress)
        .setRootDirectory(dir)
        .setProgramDirectory(dir);
    await call(client.handshake, hs).catch(() => undefined);
    const cs = new analyzerPb.AnalyzerStackConfigureRequest()
        .setStack("bench")
        .setProject("bench")
        .setOrganization("")
        .setDryRun(dryRun);
    await call(client.configureStack, cs).catch(() => undefined);
    await call(client.getAnalyzerInfo, new emptyPb.Empty());
}

/** utime + stime of a process in ms (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
        return NaN;
    }
}
