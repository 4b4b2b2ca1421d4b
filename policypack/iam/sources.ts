// Where IAM documents occur in resource inputs, and the resource type tokens the pack (and the offline plan's matrix) reads.
// Type strings, not `@pulumi/aws` classes: loading the provider SDK would cost seconds on every preview.

import { parsePolicyDocument, ParseResult } from "./document";
import { awsManagedPolicyName, managedPolicyDocument } from "./managed";
import { isUnknown, Props, str } from "./values";

export const TYPES = {
    policy: "aws:iam/policy:Policy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    role: "aws:iam/role:Role",
    serviceLinkedRole: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    user: "aws:iam/user:User",
    group: "aws:iam/group:Group",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    rolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    userPolicyAttachmentsExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    groupPolicyAttachmentsExclusive: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
    groupMembership: "aws:iam/groupMembership:GroupMembership",
    userGroupMembership: "aws:iam/userGroupMembership:UserGroupMembership",
    accessKey: "aws:iam/accessKey:AccessKey",
    kinesisResourcePolicy: "aws:kinesis/resourcePolicy:ResourcePolicy",
    kinesisStream: "aws:kinesis/stream:Stream",
    dynamodbTable: "aws:dynamodb/table:Table",
    dynamodbResourcePolicy: "aws:dynamodb/resourcePolicy:ResourcePolicy",
    kmsKey: "aws:kms/key:Key",
    kmsKeyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    kmsExternalKey: "aws:kms/externalKey:ExternalKey",
    kmsReplicaKey: "aws:kms/replicaKey:ReplicaKey",
    kmsReplicaExternalKey: "aws:kms/replicaExternalKey:ReplicaExternalKey",
    kmsGrant: "aws:kms/grant:Grant",
} as const;

/** Component type tokens and the tags the components put on what they create: the contract, kept in components/grants. */
export { COMPONENT_TAG, COMPONENT_TYPES, EXTRA_POLICIES_TAG, PROFILES_TAG } from "../../components/grants/contract";

/**
 * What kind of document it is decides its size limit and which rules apply. "trust": a role's assumeRolePolicy;
 * "resource": a Kinesis stream's or consumer's resource policy; "dynamodb-resource": a DynamoDB table's or stream's;
 * "kms-key": a KMS key's key policy.
 */
export type DocumentKind =
    "managed" | "inline-user" | "inline-role" | "inline-group" | "resource" | "dynamodb-resource" | "kms-key" | "trust";

/** Every document kind, for the rules that read them all (trust policies included). */
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
    "managed",
    "inline-user",
    "inline-role",
    "inline-group",
    "resource",
    "dynamodb-resource",
    "kms-key",
    "trust",
];

/** The kinds that are identity policies: they grant their user, group or role whatever their Resource names. */
export const IDENTITY_POLICY_KINDS: readonly DocumentKind[] = ["managed", "inline-user", "inline-role", "inline-group"];

/** The kinds that are resource policies: they name principals, and apply to the resource they are attached to. */
export const RESOURCE_POLICY_KINDS: readonly DocumentKind[] = ["resource", "dynamodb-resource", "kms-key"];

/**
 * A key policy's `"Resource": "*"` is the key, and AWS's default key policy gives the account `kms:*` so that IAM
 * policies can grant the key (AWS KMS Developer Guide, key-policy-default): the permission rules do not read key
 * policies; validity, NotAction, unknown actions and kms-key-policy-not-public do.
 */
export const KEY_POLICY_KIND: DocumentKind = "kms-key";

export interface DocumentSource {
    /** Property path within the resource, for messages: "policy", "inlinePolicies[0].policy". */
    path: string;
    kind: DocumentKind;
    parsed: ParseResult;
    /** An attached AWS managed policy, judged by its document; `known` is false when the data has no such policy. */
    attached?: { arn: string; name: string; known: boolean };
}

/** The kinds of IAM identity a policy is attached or granted to. */
export type PrincipalKind = "user" | "role" | "group";

/**
 * What a resource type grants, and to whom: the one statement of these fields (iam-no-admin-managed-policies, profile exactness).
 */
export interface AttachmentTarget {
    /** Fields naming the principals it grants to (a name, an ARN, or a list of them), with their kind. */
    principals: readonly (readonly [field: string, kind: PrincipalKind])[];
    /** It attaches to itself: a Role's `managedPolicyArns`. */
    self?: PrincipalKind;
    /** Field holding the managed policy ARN it attaches, or (`list`) the list of them. */
    policyArns?: { field: string; list: boolean };
    /** What it grants when not a managed policy: an inline document, or a group's policies. */
    grants?: "inline policy" | "group membership";
}

const oneArn = (field: string) => ({ field, list: false });
const arnList = (field: string) => ({ field, list: true });

export const ATTACHMENT_TARGETS: Readonly<Record<string, AttachmentTarget>> = {
    [TYPES.policyAttachment]: {
        principals: [
            ["users", "user"],
            ["roles", "role"],
            ["groups", "group"],
        ],
        policyArns: oneArn("policyArn"),
    },
    [TYPES.rolePolicyAttachment]: { principals: [["role", "role"]], policyArns: oneArn("policyArn") },
    [TYPES.userPolicyAttachment]: { principals: [["user", "user"]], policyArns: oneArn("policyArn") },
    [TYPES.groupPolicyAttachment]: { principals: [["group", "group"]], policyArns: oneArn("policyArn") },
    [TYPES.rolePolicyAttachmentsExclusive]: { principals: [["roleName", "role"]], policyArns: arnList("policyArns") },
    [TYPES.userPolicyAttachmentsExclusive]: { principals: [["userName", "user"]], policyArns: arnList("policyArns") },
    [TYPES.groupPolicyAttachmentsExclusive]: { principals: [["groupName", "group"]], policyArns: arnList("policyArns") },
    [TYPES.role]: { principals: [], self: "role", policyArns: arnList("managedPolicyArns") },
    [TYPES.rolePolicy]: { principals: [["role", "role"]], grants: "inline policy" },
    [TYPES.userPolicy]: { principals: [["user", "user"]], grants: "inline policy" },
    [TYPES.groupPolicy]: { principals: [["group", "group"]], grants: "inline policy" },
    [TYPES.userGroupMembership]: { principals: [["user", "user"]], grants: "group membership" },
    [TYPES.groupMembership]: { principals: [["users", "user"]], grants: "group membership" },
};

/** The resource type's entry in ATTACHMENT_TARGETS; own keys only ("constructor" must not find Object.prototype's). */
export const attachmentTarget = (type: string): AttachmentTarget | undefined =>
    Object.hasOwn(ATTACHMENT_TARGETS, type) ? ATTACHMENT_TARGETS[type] : undefined;

/** Where each resource type names the managed policies it attaches: one ARN, or a list of them (from ATTACHMENT_TARGETS). */
export const ATTACHED_POLICY_FIELDS: Readonly<Record<string, { field: string; list: boolean }>> = Object.fromEntries(
    Object.entries(ATTACHMENT_TARGETS).flatMap(([type, t]) => (t.policyArns ? [[type, t.policyArns]] : [])),
);

/** The policy ARNs a resource attaches, each with its property path; unknown values are left out (known at update). */
export function attachedPolicyArns(type: string, props: Props): { path: string; arn: string }[] {
    const f = attachmentTarget(type)?.policyArns;
    if (!f) return [];
    const v = props[f.field];
    if (!f.list) return str(v) !== undefined ? [{ path: f.field, arn: v as string }] : [];
    if (!Array.isArray(v)) return [];
    return v.flatMap((x, i) => (str(x) !== undefined ? [{ path: `${f.field}[${i}]`, arn: x as string }] : []));
}

/** The AWS managed policies among a resource's attachments, as documents (read from the data, once per ARN). */
function attachedSources(type: string, props: Props): DocumentSource[] {
    const out: DocumentSource[] = [];
    for (const { path, arn } of attachedPolicyArns(type, props)) {
        const name = awsManagedPolicyName(arn);
        if (name === undefined) continue;
        const text = managedPolicyDocument(name);
        out.push({
            path: `${path} (AWS managed policy ${name})`,
            kind: "managed",
            parsed: text === undefined ? { status: "absent" } : parsePolicyDocument(text),
            attached: { arn, name, known: text !== undefined },
        });
    }
    return out;
}

const SINGLE: Record<string, DocumentKind> = {
    [TYPES.policy]: "managed",
    [TYPES.rolePolicy]: "inline-role",
    [TYPES.userPolicy]: "inline-user",
    [TYPES.groupPolicy]: "inline-group",
    [TYPES.kinesisResourcePolicy]: "resource",
    [TYPES.dynamodbResourcePolicy]: "dynamodb-resource",
    [TYPES.kmsKey]: "kms-key",
    [TYPES.kmsKeyPolicy]: "kms-key",
    [TYPES.kmsExternalKey]: "kms-key",
    [TYPES.kmsReplicaKey]: "kms-key",
    [TYPES.kmsReplicaExternalKey]: "kms-key",
};

/** The resource types that carry documents of these kinds (with `attached`, the types that attach managed policies too). */
export function typesWithDocuments(kinds: readonly DocumentKind[], attached: boolean): string[] {
    const out = new Set<string>();
    for (const [type, kind] of Object.entries(SINGLE)) if (kinds.includes(kind)) out.add(type);
    if (kinds.includes("trust") || kinds.includes("inline-role")) out.add(TYPES.role);
    if (attached && kinds.includes("managed")) for (const type of Object.keys(ATTACHED_POLICY_FIELDS)) out.add(type);
    return [...out];
}

/** Does this resource type carry IAM documents (its own, or AWS managed policies it attaches)? */
export function hasDocuments(type: string): boolean {
    return Object.hasOwn(SINGLE, type) || Object.hasOwn(ATTACHED_POLICY_FIELDS, type);
}

/** Every IAM document in a resource's inputs, parsed. Unknown or absent documents come back as such. */
export function documentSources(type: string, props: Props): DocumentSource[] {
    // Own keys only: a type token such as "constructor" must not find Object.prototype's.
    const kind = Object.hasOwn(SINGLE, type) ? SINGLE[type] : undefined;
    if (kind) return [{ path: "policy", kind, parsed: parsePolicyDocument(props.policy) }];
    if (type === TYPES.role) {
        const out: DocumentSource[] = [];
        if (props.assumeRolePolicy !== undefined)
            out.push({ path: "assumeRolePolicy", kind: "trust", parsed: parsePolicyDocument(props.assumeRolePolicy) });
        const inline = Array.isArray(props.inlinePolicies) ? props.inlinePolicies : [];
        inline.forEach((p, i) => {
            if (isUnknown(p)) {
                out.push({ path: `inlinePolicies[${i}]`, kind: "inline-role", parsed: { status: "unknown" } });
            } else if (p && typeof p === "object") {
                out.push({
                    path: `inlinePolicies[${i}].policy`,
                    kind: "inline-role",
                    parsed: parsePolicyDocument((p as Props).policy),
                });
            }
        });
        return [...out, ...attachedSources(type, props)];
    }
    return attachedSources(type, props);
}
