// Cheap, deterministic pattern mutations: fast-check draws plain numbers and these functions turn a concrete action
// or ARN into a pattern, so generation stays fast (no chained arbitraries) and every run is reproducible by seed.
import * as fc from "fast-check";

/** One edit: replace `len` characters at `at` (mod length) with `with`. */
export interface Cut {
    at: number;
    len: number;
    with: "*" | "?" | "";
}

export const cutArb: fc.Arbitrary<Cut> = fc.record({
    at: fc.nat(),
    len: fc.nat({ max: 6 }),
    with: fc.constantFrom<Cut["with"]>("*", "?", ""),
});

export function applyCuts(s: string, cuts: readonly Cut[]): string {
    let out = s;
    for (const c of cuts) {
        const at = c.at % (out.length + 1);
        out = out.slice(0, at) + c.with + out.slice(at + (c.with === "?" ? Math.min(1, c.len) : c.len));
    }
    return out;
}

/** Letters upper- or lower-cased by a bit mask (cycled). */
export function recase(s: string, mask: number): string {
    if (mask === 0) return s;
    let i = 0;
    let out = "";
    for (const ch of s) {
        const bit = (mask >>> (i++ % 31)) & 1;
        out += bit ? ch.toUpperCase() : ch.toLowerCase();
    }
    return out;
}

export interface ActionMutation {
    /** Edits of the name part (after the colon). */
    cuts: Cut[];
    /** 0: keep the case; otherwise a bit mask. */
    caseMask: number;
    /** 0..99: below 4 the whole pattern is "*", below 6 the name part is "*" (service-level). */
    shape: number;
}

export const actionMutationArb: fc.Arbitrary<ActionMutation> = fc.record({
    cuts: fc.array(cutArb, { maxLength: 3 }),
    caseMask: fc.oneof(fc.constant(0), fc.nat()),
    shape: fc.nat({ max: 99 }),
});

/** A pattern derived from a concrete action id ("kinesis:PutRecord"): wildcards anywhere in the name, any case. */
export function mutateAction(id: string, m: ActionMutation): string {
    if (m.shape < 4) return "*";
    const colon = id.indexOf(":");
    const service = id.slice(0, colon);
    const name = m.shape < 6 ? "*" : applyCuts(id.slice(colon + 1), m.cuts);
    return recase(`${service}:${name}`, m.caseMask);
}

/** Wildcards in the service part too (`kin*:Put*`, `*:Get*`, `kinesis*`): IAM's validator refuses these. */
export function mutateService(id: string, cuts: readonly Cut[]): string {
    const colon = id.indexOf(":");
    return applyCuts(id.slice(0, colon), cuts) + id.slice(colon);
}

export interface ResourceMutation {
    /** 0..99 picks the kind of mutation. */
    kind: number;
    cuts: Cut[];
    at: number;
}

export const resourceMutationArb: fc.Arbitrary<ResourceMutation> = fc.record({
    kind: fc.nat({ max: 99 }),
    cuts: fc.array(cutArb, { minLength: 1, maxLength: 2 }),
    at: fc.nat(),
});

/** A resource pattern derived from a concrete ARN (or "*"): mostly wildcards, sometimes a near miss. */
export function mutateResource(arn: string, m: ResourceMutation): string {
    const k = m.kind;
    if (k < 30) return arn;
    if (k < 38) return "*";
    if (k < 60) return applyCuts(arn, m.cuts);
    if (k < 68) return arn.slice(0, m.at % (arn.length + 1)) + "*";
    if (k < 76) {
        // Case is significant in ARNs: flip one letter.
        const i = m.at % Math.max(1, arn.length);
        const ch = arn[i] ?? "";
        const flipped = ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase();
        return arn.slice(0, i) + flipped + arn.slice(i + 1);
    }
    if (k < 84) {
        // A whole field as a wildcard: region, account, or both.
        const f = arn.split(":");
        if (f.length < 6) return arn;
        if (k < 79) f[3] = "*";
        else if (k < 82) f[4] = "*";
        else [f[3], f[4]] = ["*", "*"];
        return f.join(":");
    }
    if (k < 92) return arn + (m.at % 2 ? "*" : "?");
    // One more character or one fewer: off-by-one names.
    return m.at % 2 ? arn.slice(0, -1) : `${arn}x`;
}
