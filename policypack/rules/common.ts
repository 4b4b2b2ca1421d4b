// What every rule shares: findings, config, and the wrappers that turn a pure check into a policy object.
// Nothing here loads @pulumi/policy: the linter and tests use the rules without the policy server.

import type {
    EnforcementLevel,
    JSONSchema,
    PolicyConfigSchema,
    PolicyResource,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "./policyApi";
import { actionMatches, documentSources, DocumentKind, DocumentSource, hasDocuments, inputsOf, typesWithDocuments } from "../iam";
import type { PolicyDocument, Props, Statement } from "../iam";
import { registerPolicy } from "./registry";

export type { EnforcementLevel, PolicyConfigSchema } from "./policyApi";

/** One violation found by a pure check. `details` carries the structured facts (tests compare them exactly). */
export interface Finding {
    message: string;
    /** Stack rules: the resource the finding is about. */
    urn?: string;
    details?: Record<string, unknown>;
}

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

/** Defaults overlaid with whatever the pack config sets (unknown keys ignored). */
export function withDefaults<C extends BaseConfig>(defaults: C, config: Partial<C> | undefined): C {
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
    return withDefaults(rule.defaults, config as Partial<C>);
}

// ---- document rules ------------------------------------------------------------------------------------------

export interface DocumentRule<C extends BaseConfig> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema: PolicyConfigSchema;
    defaults: C;
    /** Findings for one document source; most rules look only at well-formed documents (see `onDocument`). */
    check(source: DocumentSource, config: C): Promise<Finding[]>;
    /** Also judge attached AWS managed policies (default true). False for rules about how a document is written. */
    attached?: boolean;
    /** The document kinds the rule reads (default: all but "trust"; a trust policy grants no permissions). */
    kinds?: readonly DocumentKind[];
}

/** An attached AWS managed policy can break a rule hundreds of times (ReadOnlyAccess): the first few, then a count. */
const MAX_FINDINGS_PER_ATTACHED_POLICY = 3;

/** Does the rule read this source at all? */
export function ruleReads(rule: Pick<DocumentRule<BaseConfig>, "attached" | "kinds">, s: DocumentSource): boolean {
    if (s.attached && rule.attached === false) return false;
    return rule.kinds ? rule.kinds.includes(s.kind) : s.kind !== "trust";
}

/** Adapts a check over a parsed document: malformed, unknown and absent documents are not its business. */
export function onDocument<C>(check: (doc: PolicyDocument, config: C, kind: DocumentKind) => Promise<Finding[]> | Finding[]) {
    return async (source: DocumentSource, config: C): Promise<Finding[]> =>
        source.parsed.status === "ok" ? check(source.parsed.document, config, source.kind) : [];
}

/** A document rule over every document of a resource, messages prefixed with where the document is. */
export async function checkDocuments<C extends BaseConfig>(
    rule: DocumentRule<C>,
    sources: DocumentSource[],
    config: C,
): Promise<Finding[]> {
    const out: Finding[] = [];
    for (const s of sources) {
        if (!ruleReads(rule, s)) continue;
        let found = await rule.check(s, config);
        if (s.attached && found.length > MAX_FINDINGS_PER_ATTACHED_POLICY + 1) {
            const more = found.length - MAX_FINDINGS_PER_ATTACHED_POLICY;
            found = [
                ...found.slice(0, MAX_FINDINGS_PER_ATTACHED_POLICY),
                { message: `and ${more} more findings of this rule in the same policy.`, details: { more } },
            ];
        }
        for (const f of found) {
            out.push(s.path ? { ...f, message: `${s.path}: ${f.message}`, details: { path: s.path, ...f.details } } : f);
        }
    }
    return out;
}

/** The pack's policy for a document rule: every document of every resource that has them. Registers it (registry.ts). */
export function documentPolicy<C extends BaseConfig>(rule: DocumentRule<C>): ResourceValidationPolicy {
    const validateResource: ResourceValidationPolicy["validateResource"] = async (args, report) => {
        if (!hasDocuments(args.type)) return;
        const config = readConfig(rule, args.getConfig<Partial<C>>());
        if (config.exemptResources.includes(args.name)) return;
        for (const f of await checkDocuments(rule, documentSources(args.type, inputsOf(args.props)), config)) report(f.message);
    };
    // A rule whose documents occur in one resource type only (trust policies: Role) says so, like resourcePolicy.
    const types = typesWithDocuments(
        rule.kinds ?? ["managed", "inline-user", "inline-role", "inline-group", "resource"],
        rule.attached !== false,
    );
    if (types.length === 1) Object.assign(validateResource, { __pulumiType: types[0] });
    const { name, description, enforcementLevel, configSchema } = rule;
    return registerPolicy({ name, description, enforcementLevel, configSchema, validateResource }, rule);
}

// ---- resource rules ------------------------------------------------------------------------------------------

export interface ResourceRule<C extends BaseConfig> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema: PolicyConfigSchema;
    defaults: C;
    types: readonly string[];
    check(type: string, props: Props, config: C): Finding[] | Promise<Finding[]>;
    /** The same rule over one document, for the linter (iam-policy-size: each document against its own limit). */
    documentRule?: DocumentRule<C>;
}

/** The pack's policy for a resource rule: each resource of the rule's types. Registers it (registry.ts). */
export function resourcePolicy<C extends BaseConfig>(rule: ResourceRule<C>): ResourceValidationPolicy {
    const validateResource: ResourceValidationPolicy["validateResource"] = async (args, report) => {
        if (!rule.types.includes(args.type)) return;
        const config = readConfig(rule, args.getConfig<Partial<C>>());
        if (config.exemptResources.includes(args.name)) return;
        for (const f of await rule.check(args.type, inputsOf(args.props), config)) report(f.message);
    };
    // A rule of one resource type says so the way @pulumi/policy's validateResourceOfType does, so the policy server
    // skips it for every other type without deserializing the resource's inputs for it.
    if (rule.types.length === 1) Object.assign(validateResource, { __pulumiType: rule.types[0] });
    const { name, description, enforcementLevel, configSchema } = rule;
    return registerPolicy({ name, description, enforcementLevel, configSchema, validateResource }, rule.documentRule);
}

// ---- stack rules ---------------------------------------------------------------------------------------------

/** A resource of the stack as the pure stack checks see it: plain values, references as URNs. */
export interface StackResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    props: Props;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export function toStackResource(r: PolicyResource): StackResource {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(r.propertyDependencies ?? {})) propertyDependencies[k] = v.map((d) => d.urn);
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent?.urn ?? r.opts?.parent,
        props: inputsOf(r.props),
        dependencies: (r.dependencies ?? []).map((d) => d.urn),
        propertyDependencies,
    };
}

export interface StackRule<C extends BaseConfig> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema: PolicyConfigSchema;
    defaults: C;
    check(resources: StackResource[], config: C): Finding[] | Promise<Finding[]>;
}

/** The pack's policy for a stack rule: the whole stack at once, exempt resources left out. Registers it (registry.ts). */
export function stackPolicy<C extends BaseConfig>(rule: StackRule<C>): StackValidationPolicy {
    return registerPolicy({
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        configSchema: rule.configSchema,
        validateStack: async (args, report) => {
            const config = readConfig(rule, args.getConfig<Partial<C>>());
            const resources = args.resources.map(toStackResource).filter((r) => !config.exemptResources.includes(r.name));
            for (const f of await rule.check(resources, config)) report(f.message, f.urn);
        },
    });
}

// ---- statement helpers ---------------------------------------------------------------------------------------

/** Does the statement's Action/NotAction cover `action`? "unknown" when an unknown value could decide it. */
export function grantsAction(s: Statement, action: string): boolean | "unknown" {
    if (s.action) {
        if (s.action.values.some((p) => actionMatches(p, action))) return true;
        return s.action.unknown ? "unknown" : false;
    }
    if (s.notAction) {
        if (s.notAction.values.some((p) => actionMatches(p, action))) return false;
        return s.notAction.unknown ? "unknown" : true;
    }
    return false;
}

export const isAllow = (s: Statement) => s.effect === "Allow";

export const quote = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(", ");

/** Where a finding is, for `details`: the statement's index and, when it has one, its Sid. */
export const at = (s: Statement): { statement: number; sid?: string } => ({
    statement: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
});
