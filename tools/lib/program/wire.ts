// Pulumi's wire form (unknown sentinel, secret and resource envelopes) → plain JSON for people.

import { isSecretValue, SIG_KEY, UNKNOWN_VALUE } from "../mocks";
import { SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "./types";

const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** Pulumi wire form → plain JSON for people: placeholders for unknowns and secrets. */
export function plain(v: unknown): unknown {
    if (v === UNKNOWN_VALUE) return UNKNOWN_PLACEHOLDER;
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        const sig = o[SIG_KEY];
        if (sig !== undefined) {
            if (isSecretValue(o)) return SECRET_PLACEHOLDER;
            if (sig === RESOURCE_SIG) return o.urn;
            if (sig === OUTPUT_VALUE_SIG) {
                if (o.secret) return SECRET_PLACEHOLDER;
                return "value" in o ? plain(o.value) : UNKNOWN_PLACEHOLDER;
            }
            if (sig === ASSET_SIG) return "[asset]";
            if (sig === ARCHIVE_SIG) return "[archive]";
        }
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(o)) out[k] = plain(o[k]);
        return out;
    }
    return v;
}

export const plainObject = (v: unknown) => (plain(v ?? {}) ?? {}) as Record<string, unknown>;
