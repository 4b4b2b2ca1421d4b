// What each resource type contributes to the matrix: attachments and inline policies, roles with their trust policy,
// group memberships, resource policies, and KMS grants.

import type { MatrixBuilder } from "./build";
import { known, list, parseDocument } from "./documents";
import { IdentityKind, pathAndName, principalsOf } from "./principals";
import { Condition, MatrixResource } from "./types";

type Ref = { principal: IdentityKind; key: string };

const ATTACHMENTS: Record<string, Ref> = {
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { principal: "user", key: "user" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { principal: "role", key: "role" },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { principal: "group", key: "group" },
};

const INLINE: Record<string, Ref> = {
    "aws:iam/userPolicy:UserPolicy": { principal: "user", key: "user" },
    "aws:iam/rolePolicy:RolePolicy": { principal: "role", key: "role" },
    "aws:iam/groupPolicy:GroupPolicy": { principal: "group", key: "group" },
};

const EXCLUSIVE_ATTACHMENTS: Record<string, Ref> = {
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { principal: "user", key: "userName" },
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": { principal: "role", key: "roleName" },
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": { principal: "group", key: "groupName" },
};

const RESOURCE_POLICIES: Record<string, { arnKey?: string; policyKey: string }> = {
    "aws:kinesis/resourcePolicy:ResourcePolicy": { arnKey: "resourceArn", policyKey: "policy" },
    "aws:dynamodb/resourcePolicy:ResourcePolicy": { arnKey: "resourceArn", policyKey: "policy" },
    "aws:kms/key:Key": { policyKey: "policy" },
};

const PLAIN_IDENTITIES = ["aws:iam/user:User", "aws:iam/group:Group", "aws:iam/serviceLinkedRole:ServiceLinkedRole"];

type Reader = (b: MatrixBuilder, r: MatrixResource) => void;

const READERS: Record<string, Reader> = {
    "aws:iam/policyAttachment:PolicyAttachment": policyAttachment,
    "aws:iam/role:Role": role,
    "aws:iam/userGroupMembership:UserGroupMembership": (b, r) => {
        const [user] = b.resolveIdentity(r, "user", "user", r.inputs.user);
        for (const g of b.resolveIdentity(r, "groups", "group", r.inputs.groups)) b.addMember(g, user);
    },
    "aws:iam/groupMembership:GroupMembership": (b, r) => {
        const [group] = b.resolveIdentity(r, "group", "group", r.inputs.group);
        for (const u of b.resolveIdentity(r, "users", "user", r.inputs.users)) b.addMember(group, u);
    },
    "aws:kms/grant:Grant": kmsGrant,
};

/** Reads one captured resource into the builder. */
export function readResource(b: MatrixBuilder, r: MatrixResource): void {
    const i = r.inputs;
    const att = ATTACHMENTS[r.type] ?? EXCLUSIVE_ATTACHMENTS[r.type];
    if (att) {
        const key = ATTACHMENTS[r.type] ? "policyArn" : "policyArns";
        const who = b.resolveIdentity(r, att.key, att.principal, i[att.key]);
        for (const d of b.resolvePolicies(r, key, i[key])) b.reach(who, d, r);
        return;
    }
    const inline = INLINE[r.type];
    if (inline) {
        const who = b.resolveIdentity(r, inline.key, inline.principal, i[inline.key]);
        b.reach(who, { label: `inline policy ${known(i.name) ? i.name : r.name}`, urn: r.urn, value: i.policy }, r);
        return;
    }
    if (PLAIN_IDENTITIES.includes(r.type)) {
        b.addPrincipal(b.identities.get(r.urn)!);
        return;
    }
    const rp = RESOURCE_POLICIES[r.type];
    if (rp && i[rp.policyKey] !== undefined) resourcePolicy(b, r, rp.arnKey ? i[rp.arnKey] : r.outputs?.arn, i[rp.policyKey]);
    READERS[r.type]?.(b, r);
}

function policyAttachment(b: MatrixBuilder, r: MatrixResource) {
    const plain = { ...r, propertyDependencies: {} };
    const who = (["users", "roles", "groups"] as const).flatMap((key) =>
        list(r.inputs[key]).flatMap((n) => b.resolveIdentity(plain, key, key.slice(0, -1) as IdentityKind, n)),
    );
    for (const d of b.resolvePolicies(r, "policyArn", r.inputs.policyArn)) b.reach(who, d, r);
}

function role(b: MatrixBuilder, r: MatrixResource) {
    const i = r.inputs;
    const id = b.addPrincipal(b.identities.get(r.urn)!);
    for (const p of (Array.isArray(i.inlinePolicies) ? i.inlinePolicies : []) as Record<string, unknown>[]) {
        if (p && p.policy !== undefined) b.reach([id], { label: `inline policy ${known(p.name) ? p.name : "(unnamed)"}`, urn: r.urn, value: p.policy }, r);
    }
    if (i.managedPolicyArns !== undefined) for (const d of b.resolvePolicies(r, "managedPolicyArns", i.managedPolicyArns)) b.reach([id], d, r);
    trust(b, r, id);
}

function trust(b: MatrixBuilder, r: MatrixResource, role: string) {
    const label = `trust policy of ${b.principals.get(role)?.name ?? r.name}`;
    const parsed = parseDocument(r.inputs.assumeRolePolicy);
    if (!parsed.ok) {
        if (r.inputs.assumeRolePolicy !== undefined) b.pending.push({ principals: [], source: label, urn: r.urn, reason: parsed.reason, detail: parsed.detail });
        return;
    }
    for (const s of parsed.statements) {
        for (const p of principalsOf(s.Principal, b.ctx)) b.emit(b.addPrincipal(p), { ...s, Resource: role, NotResource: undefined }, { label, urn: r.urn });
    }
}

function resourcePolicy(b: MatrixBuilder, r: MatrixResource, resourceArn: unknown, doc: unknown) {
    const parsed = parseDocument(doc);
    const label = `resource policy ${r.name}`;
    if (!parsed.ok) {
        b.pending.push({ principals: [], source: label, urn: r.urn, reason: parsed.reason, detail: parsed.detail });
        return;
    }
    for (const s of parsed.statements) {
        for (const p of principalsOf(s.Principal, b.ctx)) b.emit(b.addPrincipal(p), s, { label, urn: r.urn }, known(resourceArn) ? [resourceArn] : undefined);
    }
}

/** A grant's encryption-context constraints as the conditions IAM would write for them. */
function grantConditions(constraints: unknown): Condition | undefined {
    const out: Record<string, Record<string, string>> = {};
    for (const c of (Array.isArray(constraints) ? constraints : []) as Record<string, Record<string, string> | undefined>[]) {
        for (const [field, op] of [["encryptionContextEquals", "StringEquals"], ["encryptionContextSubset", "StringEquals"]] as const) {
            for (const [k, v] of Object.entries(c?.[field] ?? {})) (out[op] ??= {})[`kms:EncryptionContext:${k}`] = v;
        }
    }
    return Object.keys(out).length > 0 ? out : undefined;
}

/** A KMS grant: its grantee may use the key for the grant's operations (DynamoDB's replication role, say). */
function kmsGrant(b: MatrixBuilder, r: MatrixResource) {
    const i = r.inputs;
    const label = `KMS grant ${known(i.name) ? i.name : r.name}`;
    const grantee = i.granteePrincipal;
    if (!known(grantee)) {
        b.pending.push({ principals: [], source: label, urn: r.urn, reason: "unknown" });
        return;
    }
    const kind = /^arn:[^:]+:iam::\d{12}:(user|role)\//.exec(grantee)?.[1] as IdentityKind | undefined;
    const principal = kind
        ? b.addPrincipal({ id: grantee, kind, name: pathAndName(grantee) })
        : b.addPrincipal(principalsOf(grantee.startsWith("arn:") ? { AWS: grantee } : { Service: grantee }, b.ctx)[0]);
    const key = known(i.keyId) ? i.keyId : "(key unknown at preview)";
    const conditions = grantConditions(i.constraints);
    b.emit(principal, { Effect: "Allow", Action: list(i.operations).map((o) => `kms:${o}`), Resource: key, ...(conditions ? { Condition: conditions } : {}) }, { label, urn: r.urn });
}
