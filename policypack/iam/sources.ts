// Where IAM documents occur in resource inputs, and the resource type tokens the pack reads.
// Type strings, not `@pulumi/aws` classes: loading the provider SDK would cost seconds on every preview.

import { parsePolicyDocument, ParseResult } from "./document";
import { isUnknown, Props } from "./values";

export const TYPES = {
    policy: "aws:iam/policy:Policy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    role: "aws:iam/role:Role",
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
} as const;

/** Component type tokens (components/*.ts). */
export const COMPONENT_TYPES = {
    streamApplication: "kinesis-access:index:StreamApplication",
    kinesisStream: "kinesis-access:index:KinesisStream",
    tableKinesisStreaming: "kinesis-access:index:TableKinesisStreaming",
} as const;

/** The tags the components put on what they create (the contract with components/*.ts). */
export const COMPONENT_TAG = "kinesis-access:component";
export const PROFILES_TAG = "kinesis-access:profiles";

/** What kind of document it is decides its size limit and which rules apply. */
export type DocumentKind = "managed" | "inline-user" | "inline-role" | "inline-group" | "resource";

export interface DocumentSource {
    /** Property path within the resource, for messages: "policy", "inlinePolicies[0].policy". */
    path: string;
    kind: DocumentKind;
    parsed: ParseResult;
}

const SINGLE: Record<string, DocumentKind> = {
    [TYPES.policy]: "managed",
    [TYPES.rolePolicy]: "inline-role",
    [TYPES.userPolicy]: "inline-user",
    [TYPES.groupPolicy]: "inline-group",
    [TYPES.kinesisResourcePolicy]: "resource",
};

/** Does this resource type carry IAM documents? */
export function hasDocuments(type: string): boolean {
    return Object.hasOwn(SINGLE, type) || type === TYPES.role;
}

/** Every IAM document in a resource's inputs, parsed. Unknown or absent documents come back as such. */
export function documentSources(type: string, props: Props): DocumentSource[] {
    // Own keys only: a type token such as "constructor" must not find Object.prototype's.
    const kind = Object.hasOwn(SINGLE, type) ? SINGLE[type] : undefined;
    if (kind) return [{ path: "policy", kind, parsed: parsePolicyDocument(props.policy) }];
    if (type === TYPES.role) {
        const inline = props.inlinePolicies;
        if (!Array.isArray(inline)) return [];
        const out: DocumentSource[] = [];
        inline.forEach((p, i) => {
            if (isUnknown(p)) {
                out.push({ path: `inlinePolicies[${i}]`, kind: "inline-role", parsed: { status: "unknown" } });
            } else if (p && typeof p === "object") {
                out.push({ path: `inlinePolicies[${i}].policy`, kind: "inline-role", parsed: parsePolicyDocument((p as Props).policy) });
            }
        });
        return out;
    }
    return [];
}
