// The analyzer client's API types: resources as sent, violations and pack info as returned, start options.

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface ResourceOptions {
    protect?: boolean;
    /** Not part of the analyzer protocol (AnalyzerResourceOptions has no such field); accepted and not sent. */
    retainOnDelete?: boolean;
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs?: string[];
    aliases?: string[];
    customTimeouts?: { create?: number; update?: number; delete?: number };
}

export interface AnalyzerResource {
    urn: string;
    type: string;
    name: string;
    /** Parent URN (also sent as options.parent). */
    parent?: string;
    /** Plain JS; may contain UNKNOWN and secret(...) anywhere. */
    inputs: Record<string, unknown>;
    options?: ResourceOptions;
    /** AnalyzeStack only. */
    dependencies?: string[];
    /** AnalyzeStack only: property name → URNs it depends on. */
    propertyDependencies?: Record<string, string[]>;
}

export interface Violation {
    policyName: string;
    policyPackName: string;
    description: string;
    /** As the pack reported it (for string reports the SDK prefixes the description and a newline). */
    message: string;
    urn: string;
    enforcementLevel: EnforcementLevel;
}

export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface AnalyzerInfo {
    name: string;
    displayName: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, { enforcementLevel: EnforcementLevel; [key: string]: unknown }>;
}

export type PolicyConfig = Record<string, { enforcementLevel?: EnforcementLevel; [key: string]: unknown }>;

export interface LogEntry {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    urn: string;
}

export interface StartOptions {
    project?: string;
    stack?: string;
    organization?: string;
    /** Preview (true, the default) or update. */
    dryRun?: boolean;
    /** Stack configuration, as the CLI passes it (PULUMI_CONFIG and ConfigureStack). */
    config?: Record<string, string>;
    /** Stack tags (ConfigureStack). */
    tags?: Record<string, string>;
    /** Extra environment for the pack process. */
    env?: Record<string, string>;
    /** How long start-up (type-checking the pack) may take. Default 60 s. */
    startTimeoutMs?: number;
    /** Per-call deadline. Default 60 s. */
    callTimeoutMs?: number;
}

export interface AnalyzerClient {
    getAnalyzerInfo(): Promise<AnalyzerInfo>;
    configure(config: PolicyConfig): Promise<void>;
    analyze(resource: AnalyzerResource): Promise<Violation[]>;
    analyzeStack(resources: AnalyzerResource[]): Promise<Violation[]>;
    close(): Promise<void>;
    readonly logs: readonly LogEntry[];
    readonly stderr: string;
}
