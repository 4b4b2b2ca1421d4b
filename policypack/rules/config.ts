// The configuration every rule takes: its schema, its defaults, and reading it from the pack config.

import type { JSONSchema, PolicyConfigSchema } from "./policyApi";

/** Config every rule accepts: resources (Pulumi logical names) the rule skips. */
export interface BaseConfig {
    exemptResources: string[];
}

export const stringList = (description: string): JSONSchema => ({ type: "array", items: { type: "string" }, description });

export function schema(properties: Record<string, JSONSchema>): PolicyConfigSchema {
    return { properties: { exemptResources: stringList("Pulumi resource names this rule skips."), ...properties } };
}

/** The configuration of a rule without options of its own: `exemptResources` only. Spread into the rule. */
export const NO_OPTIONS: { configSchema: PolicyConfigSchema; defaults: BaseConfig } = {
    configSchema: schema({}),
    defaults: { exemptResources: [] },
};

/** Configurations readConfig made: complete already, so withDefaults hands them back as they are. */
const complete = new WeakSet<object>();

/** Defaults overlaid with whatever the pack config sets (unknown keys ignored). */
export function withDefaults<C extends BaseConfig>(defaults: C, config: Partial<C> | undefined): C {
    if (config && complete.has(config)) return config as C;
    const out = { ...defaults };
    if (config)
        for (const k of Object.keys(defaults) as (keyof C)[]) if (config[k] !== undefined) out[k] = config[k] as C[keyof C];
    return out;
}

/** Why a value does not fit a (config) schema, or undefined when it does. */
function misfit(s: JSONSchema, v: unknown): string | undefined {
    const is: Record<NonNullable<JSONSchema["type"]>, (x: unknown) => boolean> = {
        string: (x) => typeof x === "string",
        number: (x) => typeof x === "number" && Number.isFinite(x),
        integer: (x) => typeof x === "number" && Number.isInteger(x),
        boolean: (x) => typeof x === "boolean",
        object: (x) => x !== null && typeof x === "object" && !Array.isArray(x),
        array: (x) => Array.isArray(x),
        null: (x) => x === null,
    };
    if (s.type === "array" && s.items?.type && (!Array.isArray(v) || !v.every(is[s.items.type])))
        return `must be an array of ${s.items.type}s`;
    if (s.type && !is[s.type](v))
        return `must be ${s.type === "array" || s.type === "object" || s.type === "integer" ? "an" : "a"} ${s.type}`;
    if (s.minimum !== undefined && typeof v === "number" && v < s.minimum) return `must be at least ${s.minimum}`;
    return undefined;
}

/**
 * The rule's configuration from the pack config: refused, naming the policy, the key, what is allowed and the value,
 * when it has a key the rule does not know or a value of the wrong type. The Pulumi CLI checks types against the
 * config schema but not unknown keys, and the policy server checks nothing: a typo must not silently become a
 * default, and a wrong type must not crash a rule or, worse, work differently (a string's `includes` is not a list's).
 */
export function readConfig<C extends BaseConfig>(
    rule: { name: string; configSchema: PolicyConfigSchema; defaults: C },
    raw: unknown,
): C {
    const config = (raw !== null && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    const props = rule.configSchema.properties;
    const problems: string[] = [];
    for (const [k, v] of Object.entries(config)) {
        const s = Object.hasOwn(props, k) ? props[k] : undefined;
        if (!s) problems.push(`unknown key "${k}" (the keys it takes: ${Object.keys(props).join(", ")}; and enforcementLevel)`);
        else {
            const why = misfit(s, v);
            if (why) problems.push(`"${k}" ${why}, got ${JSON.stringify(v) ?? String(v)}`);
        }
    }
    for (const k of rule.configSchema.required ?? []) if (config[k] === undefined) problems.push(`"${k}" is required`);
    if (problems.length > 0) throw new Error(`invalid configuration for policy "${rule.name}": ${problems.join("; ")}`);
    const out = withDefaults(rule.defaults, config as Partial<C>);
    complete.add(out);
    return out;
}

/**
 * A rule's configuration, read once per distinct pack config (the server hands each policy a fresh copy per resource,
 * and most rules have none: an empty one is known without serializing it).
 */
export function configReader<C extends BaseConfig>(rule: { name: string; configSchema: PolicyConfigSchema; defaults: C }) {
    let last: { key: string; config: C } | undefined;
    return (raw: unknown): C => {
        const key = isEmptyObject(raw) ? "{}" : (JSON.stringify(raw) ?? "");
        if (last?.key !== key) last = { key, config: readConfig(rule, raw) };
        return last.config;
    };
}

function isEmptyObject(v: unknown): boolean {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
    for (const k in v) if (Object.hasOwn(v, k)) return false;
    return true;
}
