// Deterministic ids: every value is derived from a hash of its seed, so a plan prints the same ids every run.

import { createHash } from "crypto";

export function digest(...parts: string[]): Buffer {
    return createHash("sha256").update(parts.join("\u0000")).digest();
}

export const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function fromAlphabet(alphabet: string, n: number, ...seed: string[]): string {
    let out = "";
    let round = 0;
    while (out.length < n) {
        for (const b of digest(...seed, String(round))) {
            if (out.length >= n) break;
            out += alphabet[b % alphabet.length];
        }
        round += 1;
    }
    return out;
}

export const hex = (n: number, ...seed: string[]) =>
    digest(...seed)
        .toString("hex")
        .slice(0, n);

export function uuid(...seed: string[]): string {
    const h = digest(...seed).toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** IAM unique ids: a four-letter prefix by kind and 17 base32 characters. */
export const iamUniqueId = (prefix: string, ...seed: string[]) => prefix + fromAlphabet(BASE32, 17, ...seed);
