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

export { start } from "./client";
export { startEngine } from "./engine";
export { analyzeRequest, analyzeStackRequest } from "./requests";
export { secret, UNKNOWN } from "./secrets";
export type {
    AnalyzerClient,
    AnalyzerInfo,
    AnalyzerResource,
    EnforcementLevel,
    LogEntry,
    PolicyConfig,
    PolicyInfo,
    ResourceOptions,
    StartOptions,
    Violation,
} from "./types";
