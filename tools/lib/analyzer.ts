/**
 * A Pulumi analyzer (policy pack) client that speaks the engine's gRPC protocol, so a pack can be run without the
 * Pulumi CLI (tests, the offline plan). The pack is started exactly as the CLI starts a Node.js pack
 * (pkg `sdk/go/common/resource/plugin/analyzer_plugin.go`, plugin `pulumi-analyzer-policy`):
 *
 *     cd <packDir> && node <@pulumi/pulumi/cmd/run-policy-pack resolved from packDir> <engine-address> .
 *
 * with PULUMI_NODEJS_{PROJECT,STACK,ORGANIZATION,DRY_RUN} (+ PULUMI_*, PULUMI_CONFIG) in the environment; the
 * port is the first line on stdout. Then, like the CLI: Handshake (tolerating UNIMPLEMENTED), ConfigureStack.
 * The engine address is a minimal in-process Engine service that records Log calls.
 *
 * API
 *   start(packDir, opts?)        → Promise<AnalyzerClient>   (one pack process; it type-checks the pack: seconds)
 *   client.getAnalyzerInfo()     → Promise<AnalyzerInfo>      name, version, policies (+ enforcement, config schema)
 *   client.configure(config)     → Promise<void>              per-policy config; missing enforcementLevel = policy's own
 *   client.analyze(resource)     → Promise<Violation[]>       Analyze: one resource's inputs
 *   client.analyzeStack(rs)      → Promise<Violation[]>       AnalyzeStack: all resources, parents and dependencies
 *   client.close()               → Promise<void>              kills the pack, stops the engine service
 *   client.logs / client.stderr  what the pack logged
 *
 * Inputs are plain JS values, serialized with the SDK's own `serializeProperties`; mark values not known yet
 * with UNKNOWN (the engine's sentinel) and secrets with `secret(v)` (the SDK's secret wire object), as the engine
 * sends them. Secret strings are also redacted from returned messages, whatever the pack does.
 */

import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { createRequire } from "node:module";
import type * as Grpc from "@grpc/grpc-js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import * as rpc from "@pulumi/pulumi/runtime/rpc";

// The SDK's own copies of grpc and google-protobuf: its generated classes work with those, and an installed package
// finds them only through the SDK (npm need not hoist them beside this package).
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = sdkRequire("@grpc/grpc-js") as typeof Grpc;
const emptyPb = sdkRequire("google-protobuf/google/protobuf/empty_pb") as typeof EmptyPb;
const structPb = sdkRequire("google-protobuf/google/protobuf/struct_pb") as typeof StructPb;

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** The engine's sentinel for a value not known until the update (what a preview sends). */
export const UNKNOWN: string = rpc.unknownValue;

/** A secret as the engine sends it: the SDK's signature object around the value. */
export function secret<T>(value: T): { [key: string]: unknown } {
    return { [rpc.specialSigKey]: rpc.specialSecretSig, value: value === undefined ? null : value };
}

export interface ResourceOptions {
    protect?: boolean;
    /** Not part of the analyzer protocol (AnalyzerResourceOptions has no such field); accepted and not sent. */
    retainOnDelete?: boolean;
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs?: string[];
    aliases?: string[];
    customTimeouts?: { create?: number; update?: number; delete?: number };
}

export interface AnalyzerResource {
    urn: string;
    type: string;
    name: string;
    /** Parent URN (also sent as options.parent). */
    parent?: string;
    /** Plain JS; may contain UNKNOWN and secret(...) anywhere. */
    inputs: Record<string, unknown>;
    options?: ResourceOptions;
    /** AnalyzeStack only. */
    dependencies?: string[];
    /** AnalyzeStack only: property name → URNs it depends on. */
    propertyDependencies?: Record<string, string[]>;
}

export interface Violation {
    policyName: string;
    policyPackName: string;
    description: string;
    /** As the pack reported it (for string reports the SDK prefixes the description and a newline). */
    message: string;
    urn: string;
    enforcementLevel: EnforcementLevel;
}

export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface AnalyzerInfo {
    name: string;
    displayName: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, { enforcementLevel: EnforcementLevel; [key: string]: unknown }>;
}

export type PolicyConfig = Record<string, { enforcementLevel?: EnforcementLevel; [key: string]: unknown }>;

export interface LogEntry {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    urn: string;
}

export interface StartOptions {
    project?: string;
    stack?: string;
    organization?: string;
    /** Preview (true, the default) or update. */
    dryRun?: boolean;
    /** Stack configuration, as the CLI passes it (PULUMI_CONFIG and ConfigureStack). */
    config?: Record<string, string>;
    /** Stack tags (ConfigureStack). */
    tags?: Record<string, string>;
    /** Extra environment for the pack process. */
    env?: Record<string, string>;
    /** How long start-up (type-checking the pack) may take. Default 60 s. */
    startTimeoutMs?: number;
    /** Per-call deadline. Default 60 s. */
    callTimeoutMs?: number;
}

export interface AnalyzerClient {
    getAnalyzerInfo(): Promise<AnalyzerInfo>;
    configure(config: PolicyConfig): Promise<void>;
    analyze(resource: AnalyzerResource): Promise<Violation[]>;
    analyzeStack(resources: AnalyzerResource[]): Promise<Violation[]>;
    close(): Promise<void>;
    readonly logs: readonly LogEntry[];
    readonly stderr: string;
}

const LEVELS: Record<number, EnforcementLevel> = {
    [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
    [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_CODES: Record<EnforcementLevel, analyzerPb.EnforcementLevel> = {
    advisory: analyzerPb.EnforcementLevel.ADVISORY,
    mandatory: analyzerPb.EnforcementLevel.MANDATORY,
    disabled: analyzerPb.EnforcementLevel.DISABLED,
    remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};
const SEVERITIES: Record<number, LogEntry["severity"]> = {
    [enginePb.LogSeverity.DEBUG]: "debug",
    [enginePb.LogSeverity.INFO]: "info",
    [enginePb.LogSeverity.WARNING]: "warning",
    [enginePb.LogSeverity.ERROR]: "error",
};

/** The Engine service the pack may call back for logging; everything else is a no-op. */
export async function startEngine(logs: LogEntry[]): Promise<{ address: string; server: Grpc.Server }> {
    const server = new grpc.Server();
    const impl: engineGrpc.IEngineServer = {
        log: (call, cb) => {
            const r = call.request;
            logs.push({ severity: SEVERITIES[r.getSeverity()] ?? "info", message: r.getMessage(), urn: r.getUrn() });
            cb(null, new emptyPb.Empty());
        },
        getRootResource: (_call, cb) => cb(null, new enginePb.GetRootResourceResponse()),
        setRootResource: (_call, cb) => cb(null, new enginePb.SetRootResourceResponse()),
        startDebugging: (_call, cb) => cb(null, new emptyPb.Empty()),
        requirePulumiVersion: (_call, cb) => cb(null, new enginePb.RequirePulumiVersionResponse()),
    };
    server.addService(engineGrpc.EngineService, impl);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return { address: `127.0.0.1:${port}`, server };
}

/** Start the pack in `packDir` as the CLI does and connect to it. */
export async function start(packDir: string, opts: StartOptions = {}): Promise<AnalyzerClient> {
    const dir = path.resolve(packDir);
    const logs: LogEntry[] = [];
    const engine = await startEngine(logs);
    const project = opts.project ?? "project";
    const stack = opts.stack ?? "stack";
    const dryRun = opts.dryRun ?? true;
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
    const child = spawn(process.execPath, [runPolicyPack, engine.address, "."], {
        cwd: dir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let port: number;
    try {
        port = await readPort(child, exited, opts.startTimeoutMs ?? 60_000, () => stderr);
    } catch (e) {
        child.kill("SIGKILL");
        engine.server.forceShutdown();
        throw e;
    }
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    const secrets = new Set<string>();
    const deadline = () => ({ deadline: Date.now() + (opts.callTimeoutMs ?? 60_000) });
    const call = <Req, Res>(
        method: string,
        fn: (
            req: Req,
            md: Grpc.Metadata,
            o: Partial<Grpc.CallOptions>,
            cb: (e: Grpc.ServiceError | null, r: Res) => void,
        ) => unknown,
        req: Req,
    ) =>
        new Promise<Res>((resolve, reject) =>
            fn.call(client, req, new grpc.Metadata(), deadline(), (err, res) => {
                if (err)
                    reject(
                        Object.assign(
                            new Error(
                                `analyzer ${method} failed: ${err.message}` +
                                    (stderr ? `\n--- pack stderr ---\n${redact(stderr.slice(-4000), secrets)}` : ""),
                            ),
                            { code: err.code },
                        ),
                    );
                else resolve(res);
            }),
        );

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
            return stderr;
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
            engine.server.forceShutdown();
        },
    };
}

function readPort(child: ChildProcess, exited: Promise<number | null>, timeoutMs: number, stderr: () => string): Promise<number> {
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

/** The Analyze request the engine would send for `r` (also used by the benchmarks, which encode requests up front). */
export async function analyzeRequest(r: AnalyzerResource): Promise<analyzerPb.AnalyzeRequest> {
    return new analyzerPb.AnalyzeRequest()
        .setUrn(r.urn)
        .setType(r.type)
        .setName(r.name)
        .setProperties(await marshal(r.inputs))
        .setOptions(options(r));
}

/** The AnalyzeStack request the engine would send for `rs`. */
export async function analyzeStackRequest(rs: readonly AnalyzerResource[]): Promise<analyzerPb.AnalyzeStackRequest> {
    const req = new analyzerPb.AnalyzeStackRequest();
    for (const r of rs) {
        const ar = new analyzerPb.AnalyzerResource()
            .setUrn(r.urn)
            .setType(r.type)
            .setName(r.name)
            .setProperties(await marshal(r.inputs))
            .setOptions(options(r))
            .setParent(r.parent ?? "")
            .setDependenciesList(r.dependencies ?? []);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            if (urns.length > 0)
                ar.getPropertydependenciesMap().set(k, new analyzerPb.AnalyzerPropertyDependencies().setUrnsList(urns));
        }
        req.addResources(ar);
    }
    return req;
}

async function marshal(inputs: Record<string, unknown>): Promise<StructPb.Struct> {
    const wire = await rpc.serializeProperties("analyzer inputs", inputs);
    return structPb.Struct.fromJavaScript(wire as Record<string, StructPb.JavaScriptValue>);
}

function options(r: AnalyzerResource): analyzerPb.AnalyzerResourceOptions {
    const o = r.options ?? {};
    const t = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts()
        .setCreate(o.customTimeouts?.create ?? 0)
        .setUpdate(o.customTimeouts?.update ?? 0)
        .setDelete(o.customTimeouts?.delete ?? 0);
    return new analyzerPb.AnalyzerResourceOptions()
        .setProtect(o.protect ?? false)
        .setIgnorechangesList(o.ignoreChanges ?? [])
        .setDeletebeforereplace(o.deleteBeforeReplace ?? false)
        .setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined)
        .setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? [])
        .setAliasesList(o.aliases ?? [])
        .setCustomtimeouts(t)
        .setParent(r.parent ?? "");
}

function toInfo(res: analyzerPb.AnalyzerInfo): AnalyzerInfo {
    const initialConfig: AnalyzerInfo["initialConfig"] = {};
    res.getInitialconfigMap().forEach((v, k) => {
        initialConfig[k] = {
            ...(v.getProperties()?.toJavaScript() ?? {}),
            enforcementLevel: LEVELS[v.getEnforcementlevel()] ?? "advisory",
        };
    });
    return {
        name: res.getName(),
        displayName: res.getDisplayname(),
        version: res.getVersion(),
        supportsConfig: res.getSupportsconfig(),
        initialConfig,
        policies: res.getPoliciesList().map((p) => {
            const s = p.getConfigschema();
            return {
                name: p.getName(),
                displayName: p.getDisplayname(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
                message: p.getMessage(),
                ...(s
                    ? { configSchema: { properties: s.getProperties()?.toJavaScript() ?? {}, required: s.getRequiredList() } }
                    : {}),
            };
        }),
    };
}

/** Every string (of 4+ characters) inside a secret, to keep it out of messages. */
function collectSecrets(v: unknown, into: Set<string>, inSecret: boolean): void {
    if (typeof v === "string") {
        if (inSecret && v.length >= 4) into.add(v);
    } else if (Array.isArray(v)) {
        for (const x of v) collectSecrets(x, into, inSecret);
    } else if (v && typeof v === "object") {
        const secretHere = rpc.isRpcSecret(v);
        for (const x of Object.values(v)) collectSecrets(x, into, inSecret || secretHere);
    }
}

function redact(text: string, secrets: ReadonlySet<string>): string {
    let out = text;
    for (const s of secrets) out = out.split(s).join("[secret]");
    return out;
}
