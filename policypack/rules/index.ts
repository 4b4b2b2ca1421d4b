// Every rule of the pack, and the document rules the linter runs on IAM policy JSON files.
import type { Policies } from "./policyApi";
import { DocumentRule } from "./common";
import { actionResourceMismatch, mismatchRule } from "./actionResourceMismatch";
import { adminPolicies } from "./managedAdminPolicies";
import { managedPolicyKnown, managedPolicyKnownRule } from "./managedPolicyKnown";
import { documentValid, documentValidRule } from "./policyDocumentValid";
import { notActionNotResource, notActionNotResourceRule } from "./notActionNotResource";
import { passRole, passRoleRule } from "./passRoleWildcard";
import { policySize, policySizeRule } from "./policySize";
import { profileExactness } from "./profileExactness";
import { publicResourcePolicy, publicResourcePolicyRule } from "./publicResourcePolicy";
import { putMetricDataNamespace, putMetricDataRule } from "./putMetricDataNamespace";
import { serviceLinkedRole, serviceLinkedRoleRule } from "./serviceLinkedRoleScoped";
import { streamEncryption } from "./streamEncryption";
import { tableProtection } from "./tableProtection";
import { trustPolicyExternalId, trustPolicyExternalIdRule } from "./trustPolicyExternalId";
import { trustPolicyNotPublic, trustPolicyNotPublicRule } from "./trustPolicyNotPublic";
import { unknownActions, unknownActionsRule } from "./unknownActions";
import { userAccessKeys } from "./userAccessKeys";
import { wildcardActions, wildcardActionsRule } from "./wildcardActions";
import { wildcardResources, wildcardResourcesRule } from "./wildcardResources";

export * from "./common";
export * from "./actionResourceMismatch";
export * from "./managedAdminPolicies";
export * from "./managedPolicyKnown";
export * from "./policyDocumentValid";
export * from "./notActionNotResource";
export * from "./passRoleWildcard";
export * from "./policySize";
export * from "./profileExactness";
export * from "./publicResourcePolicy";
export * from "./putMetricDataNamespace";
export * from "./serviceLinkedRoleScoped";
export * from "./streamEncryption";
export * from "./tableProtection";
export * from "./trustPolicyExternalId";
export * from "./trustPolicyNotPublic";
export * from "./unknownActions";
export * from "./userAccessKeys";
export * from "./wildcardActions";
export * from "./wildcardResources";

/** Least-privilege rules first (mandatory), then the advisory ones. */
export const POLICIES: Policies = [
    documentValid,
    wildcardActions,
    wildcardResources,
    notActionNotResource,
    adminPolicies,
    passRole,
    serviceLinkedRole,
    publicResourcePolicy,
    trustPolicyNotPublic,
    profileExactness,
    trustPolicyExternalId,
    managedPolicyKnown,
    unknownActions,
    actionResourceMismatch,
    streamEncryption,
    tableProtection,
    userAccessKeys,
    policySize,
    putMetricDataNamespace,
];

/** The rules that read a single IAM document: what `npm run lint:policy` runs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const DOCUMENT_RULES: readonly DocumentRule<any>[] = [
    documentValidRule,
    wildcardActionsRule,
    wildcardResourcesRule,
    notActionNotResourceRule,
    passRoleRule,
    serviceLinkedRoleRule,
    publicResourcePolicyRule,
    trustPolicyNotPublicRule,
    trustPolicyExternalIdRule,
    managedPolicyKnownRule,
    unknownActionsRule,
    mismatchRule,
    policySizeRule,
    putMetricDataRule,
];
