// The minimal in-process Engine service whose address the pack is given: it records Log calls.

import type * as Grpc from "@grpc/grpc-js";
import * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import { emptyPb, grpc } from "./sdk";
import type { LogEntry } from "./types";

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
