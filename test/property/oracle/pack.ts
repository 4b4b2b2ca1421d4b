// One policy pack process for the property and reliability suites, started as the Pulumi CLI starts it
// (tools/lib/analyzer). Starting costs seconds (the pack is type-checked): it starts when this module is first
// loaded, so that mocha's other (in-process) specs run while it starts, and is closed after the whole run.
// Suites that configure it must restore the default configuration (configure({})) before they finish.
import * as path from "node:path";
import { AnalyzerClient, start } from "../../../tools/lib/analyzer";

export const PACK_DIR = path.join(__dirname, "..", "..", "..", "policypack");

let client: Promise<AnalyzerClient> | undefined;

export function sharedPack(): Promise<AnalyzerClient> {
    client ??= start(PACK_DIR, { project: "kinesis-access", stack: "dev", dryRun: true });
    return client;
}

// Start now; a failure to start is reported by the first test that asks for the pack.
sharedPack().catch(() => undefined);

if (typeof after === "function") {
    after(async function () {
        this.timeout(30_000);
        const c = await client?.catch(() => undefined);
        // (In mocha's parallel mode a worker may run another file afterwards: it starts a new pack.)
        client = undefined;
        await c?.close();
    });
}

/** A value as it comes out of the wire: JSON numbers only, UTF-8 text (lone surrogates become U+FFFD), keys sorted. */
export function wireSafe(v: unknown): unknown {
    if (typeof v === "string") return Buffer.from(v, "utf8").toString("utf8");
    if (typeof v === "number") return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : null;
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : wireSafe(x)));
    if (v && typeof v === "object") {
        const out: Record<string, unknown> = {};
        // Keys in the order a protobuf Struct (a map) gives them back; defineProperty: an own "__proto__" stays a key.
        const entries = Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .map(([k, x]) => [wireSafe(k) as string, x] as const);
        entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const [k, x] of entries)
            Object.defineProperty(out, k, { value: wireSafe(x), enumerable: true, writable: true, configurable: true });
        return out;
    }
    return v;
}
