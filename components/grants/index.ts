// Pure, Pulumi-free: permission profiles and policy-document building. The policy pack imports this too.
export * from "./arn";
export * from "./contract";
export * from "./profile";
export * from "./profiles";
export * from "./producerProfiles";
export * from "./workloads";
export * from "./everyWorkload";
export * from "./streamingProfiles";
export * from "./bind";
export * from "./streamingGrants";
export * from "./document";
export * from "./validate";
