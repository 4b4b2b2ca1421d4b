// The JS SDK v3 recorder: a middleware that appends one contract record (conformance/README.md) per call.
import * as fs from "node:fs";

export interface CallRecord {
    recorder: string;
    worker: string;
    service: string;
    operation: string;
    params: { [name: string]: unknown };
    outcome: string;
    t: number;
}

/** Every top-level string member of a request, plus the TransactItems' kinds and tables. */
export function requestParams(input: unknown): CallRecord["params"] {
    const params: CallRecord["params"] = {};
    if (!input || typeof input !== "object") return params;
    for (const [k, v] of Object.entries(input)) {
        if (typeof v === "string") params[k] = v;
    }
    const items = (input as { TransactItems?: unknown }).TransactItems;
    if (Array.isArray(items)) {
        params.TransactItems = items.flatMap((it) =>
            Object.entries(it ?? {}).map(([kind, body]) => ({ kind, TableName: (body as { TableName?: string })?.TableName })),
        );
    }
    return params;
}

/** The contract's outcome of a failed call: the service's error code, or "client-error" when no response came. */
export function errorOutcome(e: unknown): string {
    const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number }; $response?: unknown };
    if (err?.$metadata?.httpStatusCode === undefined && err?.$response === undefined) return "client-error";
    return err.Code ?? err.name ?? "client-error";
}

export function appendRecord(file: string, r: CallRecord) {
    fs.appendFileSync(file, JSON.stringify(r) + "\n");
}

interface Stack {
    middlewareStack: { add(mw: unknown, opts: { step: "initialize"; name: string }): void };
}

/**
 * Registers the recorder on a client. It sits at the "initialize" step, so it sees the command's input as the
 * caller gave it, and records once per command after its outcome (retries inside the SDK are one call).
 */
export function record(
    client: Stack,
    service: string,
    file = process.env.CONFORMANCE_RECORD,
    worker = process.env.CONFORMANCE_WORKER ?? "",
) {
    if (!file) throw new Error("CONFORMANCE_RECORD is not set");
    const mw =
        (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) =>
        async (args: { input: unknown }) => {
            const base = {
                recorder: "js-sdk-v3",
                worker,
                service,
                operation: (context.commandName ?? "").replace(/Command$/, ""),
                params: requestParams(args.input),
            };
            try {
                const out = await next(args);
                appendRecord(file, { ...base, outcome: "ok", t: Date.now() });
                return out;
            } catch (e) {
                appendRecord(file, { ...base, outcome: errorOutcome(e), t: Date.now() });
                throw e;
            }
        };
    client.middlewareStack.add(mw, { step: "initialize", name: "conformanceRecorder" });
}
