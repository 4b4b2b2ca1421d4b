// A resource rule (a pure check of one resource's inputs) and the pack's policy for it: each resource of its types.

import type { EnforcementLevel, PolicyConfigSchema, ResourceValidationPolicy } from "./policyApi";
import { inputsOf } from "../iam/values";
import type { Props } from "../iam/values";
import { registerPolicy } from "./registry";
import { BaseConfig, configReader } from "./config";
import type { DocumentRule } from "./documentPolicy";
import type { Finding } from "./finding";

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
    const configOf = configReader(rule);
    const validateResource: ResourceValidationPolicy["validateResource"] = (args, report) => {
        if (!rule.types.includes(args.type)) return;
        const config = configOf(args.getConfig<Partial<C>>());
        if (config.exemptResources.includes(args.name)) return;
        const found = rule.check(args.type, inputsOf(args.props), config);
        if (!(found instanceof Promise)) for (const f of found) report(f.message);
        else return found.then((fs) => fs.forEach((f) => report(f.message)));
    };
    // A rule of one resource type says so the way @pulumi/policy's validateResourceOfType does, so the policy server
    // skips it for every other type without deserializing the resource's inputs for it.
    if (rule.types.length === 1) Object.assign(validateResource, { __pulumiType: rule.types[0] });
    const { name, description, enforcementLevel, configSchema } = rule;
    return registerPolicy({ name, description, enforcementLevel, configSchema, validateResource }, rule.documentRule);
}
