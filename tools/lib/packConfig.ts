// `--policy-pack-config FILE`: the JSON `pulumi preview --policy-pack-config` takes, read, merged with the pack's
// defaults and checked against each policy's config schema as the Pulumi CLI does (pkg/resource/analyzer/config.go),
// with the CLI's messages, then sent to the pack over the analyzer protocol's Configure call.

import * as fs from "fs";
import type { AnalyzerInfo, EnforcementLevel, PolicyConfig } from "./analyzer";
import { ProgramError } from "./program";

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

type Entry = { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> };

/** Reads and parses the file as the CLI does: each key a policy (or "all"), each value a level or an object. */
export function readPolicyPackConfig(file: string): Record<string, Entry> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new ProgramError(
            `--policy-pack-config: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give a ` +
                `JSON file`,
        );
    }
    if (text.trim() === "") return {};
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        throw new ProgramError(`--policy-pack-config: ${file} is not JSON (${(e as Error).message})`);
    }
    if (!raw || typeof raw !== "object" || Array.isArray(raw))
        throw new ProgramError(`--policy-pack-config: ${file} must hold a JSON object of policy names`);
    const out: Record<string, Entry> = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k] = parseEntry(k, v);
    return out;
}

function parseEntry(k: string, v: unknown): Entry {
    const bad = (why: string) =>
        new ProgramError(`--policy-pack-config: parsing enforcement level for "${k}": ${why} (allowed: ${LEVELS.join(", ")})`);
    if (typeof v === "string") {
        if (!LEVELS.includes(v)) throw bad(`"${v}" is not a valid enforcement level`);
        return { enforcementLevel: v as EnforcementLevel, properties: {} };
    }
    if (!v || typeof v !== "object" || Array.isArray(v))
        throw new ProgramError(
            `--policy-pack-config: parsing "${k}": ${JSON.stringify(v)} is not a valid value; must be a string or object`,
        );
    const { enforcementLevel, ...properties } = v as Record<string, unknown>;
    if (enforcementLevel !== undefined && typeof enforcementLevel !== "string")
        throw bad(`${JSON.stringify(enforcementLevel)} is not a valid enforcement level; must be a string`);
    if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel))
        throw bad(`"${enforcementLevel}" is not a valid enforcement level`);
    return { ...(enforcementLevel ? { enforcementLevel: enforcementLevel as EnforcementLevel } : {}), properties };
}

type Schema = { type?: string; items?: Schema; enum?: unknown[]; minimum?: number; default?: unknown };

/** gojsonschema's name for a JSON value's type. */
const typeName = (v: unknown) =>
    v === null
        ? "null"
        : Array.isArray(v)
          ? "array"
          : typeof v === "number"
            ? Number.isInteger(v)
                ? "integer"
                : "number"
            : typeof v;

const fits = (type: string, v: unknown) => type === typeName(v) || (type === "number" && typeName(v) === "integer");

/** One property against its schema, in gojsonschema's words (`foo: Invalid type. Expected: string, given: integer`). */
function propertyErrors(path: string, s: Schema, v: unknown): string[] {
    if (s.type && !fits(s.type, v)) return [`${path}: Invalid type. Expected: ${s.type}, given: ${typeName(v)}`];
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v)))
        return [`${path}: ${path} must be one of the following: ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`];
    if (s.minimum !== undefined && typeof v === "number" && v < s.minimum)
        return [`${path}: Must be greater than or equal to ${s.minimum}`];
    if (s.items && Array.isArray(v)) return v.flatMap((x, i) => propertyErrors(`${path}.${i}`, s.items!, x));
    return [];
}

/**
 * The pack's defaults (schema defaults, its initial config), then "all", then each policy's entry; every policy's
 * result checked against its schema. Returns the config to send, or the CLI's error lines.
 */
export function reconcilePolicyPackConfig(
    info: AnalyzerInfo,
    given: Record<string, Entry>,
): { config: PolicyConfig } | { errors: string[] } {
    const config: PolicyConfig = {};
    for (const p of info.policies) {
        const defaults = Object.entries((p.configSchema?.properties ?? {}) as Record<string, Schema>).filter(
            ([, s]) => s.default !== undefined,
        );
        const initial = info.initialConfig[p.name];
        const level =
            given[p.name]?.enforcementLevel ?? given.all?.enforcementLevel ?? initial?.enforcementLevel ?? p.enforcementLevel;
        const { enforcementLevel: _ignored, ...initialProps } = initial ?? {};
        config[p.name] = {
            ...Object.fromEntries(defaults.map(([k, s]) => [k, s.default])),
            ...initialProps,
            ...given[p.name]?.properties,
            enforcementLevel: level,
        };
    }
    const errors = info.policies.flatMap((p) => {
        const props = (p.configSchema?.properties ?? {}) as Record<string, Schema>;
        const { enforcementLevel: _level, ...values } = config[p.name];
        const missing = (p.configSchema?.required ?? []).filter((k) => values[k] === undefined).map((k) => `${k} is required`);
        const wrong = Object.entries(values).flatMap(([k, v]) => (props[k] ? propertyErrors(k, props[k], v) : []));
        return [...missing, ...wrong].map((e) => `${p.name}: ${e}`);
    });
    return errors.length > 0 ? { errors } : { config };
}

/** The CLI's error text for schema errors: one line each, `validating policy config: <pack> <version>  <error>`. */
export function configErrorText(info: Pick<AnalyzerInfo, "name" | "version">, errors: readonly string[]): string {
    return errors.map((e) => `validating policy config: ${info.name} ${info.version}  ${e}`).join("\nerror: ");
}
