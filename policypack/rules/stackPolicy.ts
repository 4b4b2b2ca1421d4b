// A stack rule (a pure check of the whole stack) and the pack's policy for it, exempt resources left out.

import type { EnforcementLevel, PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "./policyApi";
import { inputsOf } from "../iam/values";
import type { Props } from "../iam/values";
import { registerPolicy } from "./registry";
import { BaseConfig, readConfig } from "./config";
import type { Finding } from "./finding";

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
