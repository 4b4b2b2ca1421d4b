// start(): the pack started as the CLI starts it, connected, greeted (Handshake, ConfigureStack), as a client.

import * as path from "node:path";
import type * as Grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { startEngine } from "./engine";
import { PackProcess, readPort, spawnPack } from "./process";
import { analyzeRequest, analyzeStackRequest, toInfo } from "./requests";
import { emptyPb, grpc, LEVEL_CODES, LEVELS, structPb } from "./sdk";
import { collectSecrets, redact } from "./secrets";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type { AnalyzerClient, AnalyzerInfo, LogEntry, StartOptions, Violation } from "./types";

type Method<Req, Res> = (
    req: Req,
    md: Grpc.Metadata,
    o: Partial<Grpc.CallOptions>,
    cb: (e: Grpc.ServiceError | null, r: Res) => void,
) => unknown;
type Call = <Req, Res>(method: string, fn: Method<Req, Res>, req: Req) => Promise<Res>;

/** Start the pack in `packDir` as the CLI does and connect to it. */
export async function start(packDir: string, opts: StartOptions = {}): Promise<AnalyzerClient> {
    const dir = path.resolve(packDir);
    const logs: LogEntry[] = [];
    const engine = await startEngine(logs);
    const project = opts.project ?? "project";
    const stack = opts.stack ?? "stack";
    const dryRun = opts.dryRun ?? true;
    const pack = spawnPack(dir, engine.address, { ...opts, project, stack, dryRun });
    let port: number;
    try {
        port = await readPort(pack.child, pack.exited, opts.startTimeoutMs ?? 60_000, pack.stderr);
    } catch (e) {
        pack.child.kill("SIGKILL");
        engine.server.forceShutdown();
        throw e;
    }
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    const secrets = new Set<string>();
    const call = caller(client, opts.callTimeoutMs ?? 60_000, pack.stderr, secrets);

    // Handshake and ConfigureStack, as the CLI does right after start.
    const hs = new analyzerPb.AnalyzerHandshakeRequest()
        .setEngineAddress(engine.address)
        .setRootDirectory(dir)
        .setProgramDirectory(dir);
    await call("Handshake", client.handshake, hs).catch((e: { code?: number }) => {
        if (e.code !== grpc.status.UNIMPLEMENTED) throw e;
    });
    const cs = new analyzerPb.AnalyzerStackConfigureRequest()
        .setStack(stack)
        .setProject(project)
        .setOrganization(opts.organization ?? "")
        .setDryRun(dryRun);
    for (const [k, v] of Object.entries(opts.config ?? {})) cs.getConfigMap().set(k, v);
    for (const [k, v] of Object.entries(opts.tags ?? {})) cs.getTagsMap().set(k, v);
    await call("ConfigureStack", client.configureStack, cs).catch((e: { code?: number }) => {
        if (e.code !== grpc.status.UNIMPLEMENTED) throw e;
    });
    return clientOf(client, call, pack, secrets, logs, () => engine.server.forceShutdown());
}

/** One unary call with the per-call deadline; a failure carries the end of the pack's stderr, secrets redacted. */
function caller(client: analyzerGrpc.AnalyzerClient, timeoutMs: number, stderr: () => string, secrets: Set<string>): Call {
    const deadline = () => ({ deadline: Date.now() + timeoutMs });
    return <Req, Res>(method: string, fn: Method<Req, Res>, req: Req) =>
        new Promise<Res>((resolve, reject) =>
            fn.call(client, req, new grpc.Metadata(), deadline(), (err, res) => {
                if (err)
                    reject(
                        Object.assign(
                            new Error(
                                `analyzer ${method} failed: ${err.message}` +
                                    (stderr() ? `\n--- pack stderr ---\n${redact(stderr().slice(-4000), secrets)}` : ""),
                            ),
                            { code: err.code },
                        ),
                    );
                else resolve(res);
            }),
        );
}

function clientOf(
    client: analyzerGrpc.AnalyzerClient,
    call: Call,
    pack: PackProcess,
    secrets: Set<string>,
    logs: LogEntry[],
    stopEngine: () => void,
): AnalyzerClient {
    const { child, exited } = pack;
    let info: Promise<AnalyzerInfo> | undefined;
    const getAnalyzerInfo = () => (info ??= call("GetAnalyzerInfo", client.getAnalyzerInfo, new emptyPb.Empty()).then(toInfo));

    const toViolations = (res: analyzerPb.AnalyzeResponse): Violation[] =>
        res.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            description: d.getDescription(),
            message: redact(d.getMessage(), secrets),
            urn: d.getUrn(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
        }));

    let closed = false;
    return {
        logs,
        get stderr() {
            return pack.stderr();
        },
        getAnalyzerInfo,
        async configure(config) {
            const defaults = new Map((await getAnalyzerInfo()).policies.map((p) => [p.name, p.enforcementLevel]));
            const req = new analyzerPb.ConfigureAnalyzerRequest();
            for (const [name, { enforcementLevel, ...props }] of Object.entries(config)) {
                const pc = new analyzerPb.PolicyConfig()
                    .setEnforcementlevel(LEVEL_CODES[enforcementLevel ?? defaults.get(name) ?? "advisory"])
                    .setProperties(structPb.Struct.fromJavaScript(props as Record<string, StructPb.JavaScriptValue>));
                req.getPolicyconfigMap().set(name, pc);
            }
            await call("Configure", client.configure, req);
        },
        async analyze(r) {
            collectSecrets(r.inputs, secrets, false);
            return toViolations(await call("Analyze", client.analyze, await analyzeRequest(r)));
        },
        async analyzeStack(rs) {
            for (const r of rs) collectSecrets(r.inputs, secrets, false);
            return toViolations(await call("AnalyzeStack", client.analyzeStack, await analyzeStackRequest(rs)));
        },
        async close() {
            if (closed) return;
            closed = true;
            client.close();
            if (child.exitCode === null && child.signalCode === null) {
                child.kill("SIGTERM");
                const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
                await exited;
                clearTimeout(timer);
            }
            stopEngine();
        },
    };
}
