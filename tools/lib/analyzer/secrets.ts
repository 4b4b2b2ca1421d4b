// Unknowns and secrets as the engine sends them, and keeping secrets out of the messages the pack returns.

import * as rpc from "@pulumi/pulumi/runtime/rpc";

/** The engine's sentinel for a value not known until the update (what a preview sends). */
export const UNKNOWN: string = rpc.unknownValue;

/** A secret as the engine sends it: the SDK's signature object around the value. */
export function secret<T>(value: T): { [key: string]: unknown } {
    return { [rpc.specialSigKey]: rpc.specialSecretSig, value: value === undefined ? null : value };
}

/** Every string (of 4+ characters) inside a secret, to keep it out of messages. */
export function collectSecrets(v: unknown, into: Set<string>, inSecret: boolean): void {
    if (typeof v === "string") {
        if (inSecret && v.length >= 4) into.add(v);
    } else if (Array.isArray(v)) {
        for (const x of v) collectSecrets(x, into, inSecret);
    } else if (v && typeof v === "object") {
        const secretHere = rpc.isRpcSecret(v);
        for (const x of Object.values(v)) collectSecrets(x, into, inSecret || secretHere);
    }
}

export function redact(text: string, secrets: ReadonlySet<string>): string {
    let out = text;
    for (const s of secrets) out = out.split(s).join("[secret]");
    return out;
}
