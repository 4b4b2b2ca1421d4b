// What every rule shares: findings, its config (config.ts), statement helpers (statements.ts) and the wrappers that
// turn a pure check into a policy object (documentPolicy.ts, resourcePolicy.ts, stackPolicy.ts). Nothing here loads
// @pulumi/policy: the linter and tests use the rules without the policy server.

export * from "./config";
export * from "./statements";
export * from "./finding";
export * from "./documentPolicy";
export * from "./resourcePolicy";
export * from "./stackPolicy";

export type { EnforcementLevel, PolicyConfigSchema } from "./policyApi";
