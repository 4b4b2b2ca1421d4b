// The pack's rules, one per file. Each file registers its rule where it wraps it (registry.ts); the order below is
// the pack's order: least-privilege rules first (mandatory), then the advisory ones. A new rule adds one line here.
import type { Policies } from "./policyApi";
import { BaseConfig } from "./config";
import { DocumentRule } from "./common";
import { registeredDocumentRules, registeredPolicies } from "./registry";

export * from "./common";
export * from "./documentValid";
export * from "./wildcardActions";
export * from "./wildcardResources";
export * from "./notActionNotResource";
export * from "./adminPolicies";
export * from "./passRole";
export * from "./serviceLinkedRoleScoped";
export * from "./publicResourcePolicy";
export * from "./dynamodbPublicResourcePolicy";
export * from "./kmsKeyPolicyNotPublic";
export * from "./trustPolicyNotPublic";
export * from "./profileExactness";
export * from "./trustPolicyExternalId";
export * from "./managedPolicyKnown";
export * from "./unknownActions";
export * from "./actionResourceMismatch";
export * from "./streamEncryption";
export * from "./tableProtection";
export * from "./userAccessKeys";
export * from "./policySize";
export * from "./putMetricDataNamespace";

/** Every rule of the pack, as policies. */
export const POLICIES: Policies = registeredPolicies();

/** The rules that read a single IAM document: what `npm run lint:policy` runs. */
export const DOCUMENT_RULES: readonly DocumentRule<BaseConfig>[] = registeredDocumentRules();
