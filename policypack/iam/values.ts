// Resource inputs as the pack sees them: plain JSON plus Pulumi's "unknown" sentinels (preview).
// The policy server wraps inputs in proxies that throw on unknown values; `plain` copies them out so a rule can
// skip exactly the unknown parts instead of losing the whole resource.

/** The engine's wire sentinels for values not known until the update (string, bool, number, array, ...). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The one value `plain` uses for anything unknown. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every sentinel is a UUID: a string of any other length is ruled out before the set lookup (asked of every value). */
export const SENTINEL_LENGTH = 36;

export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && v.length === SENTINEL_LENGTH && UNKNOWN_SENTINELS.has(v);
}

/** True when `v` is unknown or contains an unknown anywhere. */
export function containsUnknown(v: unknown): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

/**
 * Deep plain copy of (possibly proxied) inputs: a property whose read throws (the server's unknown-checking
 * proxy) becomes UNKNOWN. Secrets arrive already unwrapped to their values.
 */
export function plain(v: unknown, depth = 0): unknown {
    if (v === null || typeof v !== "object") return v;
    if (depth > 64) return UNKNOWN;
    if (Array.isArray(v)) {
        const out: unknown[] = [];
        for (let i = 0; i < v.length; i++) out.push(read(v, i, depth));
        return out;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = read(v as Record<string, unknown>, k, depth);
    return out;
}

/** What the policy server's unknown-checking proxy hands back for this key: the object it wraps (@pulumi/policy proxy.ts). */
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * A resource's inputs as plain JSON. From the policy server, the freshly deserialized object behind its proxy, used
 * as is (unknown values are the engine's sentinels there, which `isUnknown` recognizes): copying it through the
 * proxy cost a proxy per property and an Error per unknown, for every rule and resource. Anything else (tests,
 * the linter) is copied with `plain`.
 */
export function inputsOf(props: unknown): Props {
    const target = props !== null && typeof props === "object" ? (props as Record<string, unknown>)[PROXY_TARGET] : undefined;
    return (target !== null && typeof target === "object" ? target : plain(props)) as Props;
}

function read(obj: Record<string | number, unknown> | unknown[], key: string | number, depth: number): unknown {
    try {
        return plain((obj as Record<string | number, unknown>)[key], depth + 1);
    } catch {
        return UNKNOWN;
    }
}

export type Props = Record<string, unknown>;

export function str(v: unknown): string | undefined {
    return typeof v === "string" && !isUnknown(v) ? v : undefined;
}

/** Tags from `tags` and `tagsAll` (outputs), known values only. */
export function tagsOf(props: Props): Record<string, string> {
    const out: Record<string, string> = {};
    for (const src of [props.tagsAll, props.tags]) {
        if (src && typeof src === "object" && !Array.isArray(src)) {
            for (const [k, v] of Object.entries(src)) if (str(v) !== undefined) out[k] = v as string;
        }
    }
    return out;
}
