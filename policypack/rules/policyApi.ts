// The part of @pulumi/policy's API the rules use, declared here: the pack is type-checked on every start, and
// importing @pulumi/policy's declarations drags in @pulumi/pulumi's and Node's (seconds per preview).
// test/policypack/pack.spec.ts checks at compile time that these stay assignable to the real types.

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface JSONSchema {
    type?: "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";
    items?: JSONSchema;
    minimum?: number;
    description?: string;
}

export interface PolicyConfigSchema {
    properties: Record<string, JSONSchema>;
    required?: string[];
}

export type ReportViolation = (message: string, urn?: string) => void;

interface PolicyBase {
    name: string;
    description: string;
    enforcementLevel?: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
}

export interface ResourceValidationArgs {
    type: string;
    props: Record<string, unknown>;
    urn: string;
    name: string;
    getConfig<T extends object>(): T;
}

export interface ResourceValidationPolicy extends PolicyBase {
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => Promise<void> | void;
}

export interface PolicyResource {
    type: string;
    props: Record<string, unknown>;
    urn: string;
    name: string;
    opts: { parent?: string };
    parent?: PolicyResource;
    dependencies: PolicyResource[];
    propertyDependencies: Record<string, PolicyResource[]>;
}

export interface StackValidationArgs {
    resources: PolicyResource[];
    getConfig<T extends object>(): T;
}

export interface StackValidationPolicy extends PolicyBase {
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => Promise<void> | void;
}

export type Policies = (ResourceValidationPolicy | StackValidationPolicy)[];
