// What each resource type contributes to the matrix: attachments and inline policies, roles with their trust policy,
// group memberships, resource policies, and KMS grants.

import { AttachmentTarget, attachmentTarget, TYPES } from "../../../policypack/iam/sources";
import type { MatrixBuilder } from "./build";
import { known, list, parseDocument } from "./documents";
import { IdentityKind, pathAndName, principalsOf } from "./principals";
import { Condition, MatrixResource } from "./types";

// Which field of an attachment, inline policy or membership names its principals, and which names the policies it
// attaches: ATTACHMENT_TARGETS in policypack/iam/sources.ts, the one statement of them.

/** The field naming a membership's groups (ATTACHMENT_TARGETS names its users). */
const MEMBERSHIP_GROUPS: Record<string, string> = { [TYPES.userGroupMembership]: "groups", [TYPES.groupMembership]: "group" };

const RESOURCE_POLICIES: Record<string, { arnKey?: string; policyKey: string }> = {
    [TYPES.kinesisResourcePolicy]: { arnKey: "resourceArn", policyKey: "policy" },
    [TYPES.dynamodbResourcePolicy]: { arnKey: "resourceArn", policyKey: "policy" },
    [TYPES.kmsKey]: { policyKey: "policy" },
    [TYPES.kmsExternalKey]: { policyKey: "policy" },
    [TYPES.kmsReplicaKey]: { policyKey: "policy" },
    [TYPES.kmsReplicaExternalKey]: { policyKey: "policy" },
    // The key it attaches to, by ID or ARN (an ID is shown as given).
    [TYPES.kmsKeyPolicy]: { arnKey: "keyId", policyKey: "policy" },
};

/** The stack's identities that hold no policies of their own: only recorded as principals. */
const PLAIN_IDENTITIES: string[] = [TYPES.user, TYPES.group, TYPES.serviceLinkedRole];

type Reader = (b: MatrixBuilder, r: MatrixResource) => void;

const READERS: Record<string, Reader> = {
    [TYPES.role]: role,
    [TYPES.userGroupMembership]: (b, r) => {
        const [user] = principalsNamed(b, r, attachmentTarget(r.type)!);
        const groups = MEMBERSHIP_GROUPS[r.type];
        for (const g of b.resolveIdentity(r, groups, "group", r.inputs[groups])) b.addMember(g, user);
    },
    [TYPES.groupMembership]: (b, r) => {
        const group = MEMBERSHIP_GROUPS[r.type];
        const [g] = b.resolveIdentity(r, group, "group", r.inputs[group]);
        for (const u of principalsNamed(b, r, attachmentTarget(r.type)!)) b.addMember(g, u);
    },
    [TYPES.kmsGrant]: kmsGrant,
};

/** Reads one captured resource into the builder. */
export function readResource(b: MatrixBuilder, r: MatrixResource): void {
    const i = r.inputs;
    const t = attachmentTarget(r.type);
    if (t?.policyArns && !t.self) {
        const { field } = t.policyArns;
        const who = principalsNamed(b, r, t);
        for (const d of b.resolvePolicies(r, field, i[field])) b.reach(who, d, r);
        return;
    }
    if (t?.grants === "inline policy") {
        const who = principalsNamed(b, r, t);
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

/**
 * The identities a resource's principal fields name, field by field. A PolicyAttachment's are matched by name or ARN
 * only, not by its property dependencies.
 */
function principalsNamed(b: MatrixBuilder, r: MatrixResource, t: AttachmentTarget): string[] {
    const from = r.type === TYPES.policyAttachment ? { ...r, propertyDependencies: {} } : r;
    return t.principals.flatMap(([field, kind]) => b.resolveIdentity(from, field, kind, r.inputs[field]));
}

function role(b: MatrixBuilder, r: MatrixResource) {
    const i = r.inputs;
    const id = b.addPrincipal(b.identities.get(r.urn)!);
    for (const p of (Array.isArray(i.inlinePolicies) ? i.inlinePolicies : []) as Record<string, unknown>[]) {
        if (p && p.policy !== undefined)
            b.reach([id], { label: `inline policy ${known(p.name) ? p.name : "(unnamed)"}`, urn: r.urn, value: p.policy }, r);
    }
    const managed = attachmentTarget(r.type)!.policyArns!.field;
    if (i[managed] !== undefined) for (const d of b.resolvePolicies(r, managed, i[managed])) b.reach([id], d, r);
    trust(b, r, id);
}

function trust(b: MatrixBuilder, r: MatrixResource, role: string) {
    const label = `trust policy of ${b.principals.get(role)?.name ?? r.name}`;
    const parsed = parseDocument(r.inputs.assumeRolePolicy);
    if (!parsed.ok) {
        if (r.inputs.assumeRolePolicy !== undefined) b.pend(undefined, { label, urn: r.urn }, parsed);
        return;
    }
    if (parsed.invalid) b.pend(undefined, { label, urn: r.urn }, { reason: "invalid", detail: parsed.invalid });
    for (const s of parsed.statements) {
        for (const p of principalsOf(s.Principal, b.ctx))
            b.emit(b.addPrincipal(p), { ...s, Resource: role, NotResource: undefined }, { label, urn: r.urn });
    }
}

function resourcePolicy(b: MatrixBuilder, r: MatrixResource, resourceArn: unknown, doc: unknown) {
    const parsed = parseDocument(doc);
    const label = `resource policy ${r.name}`;
    if (!parsed.ok) {
        b.pend(undefined, { label, urn: r.urn }, parsed);
        return;
    }
    if (parsed.invalid) b.pend(undefined, { label, urn: r.urn }, { reason: "invalid", detail: parsed.invalid });
    for (const s of parsed.statements) {
        for (const p of principalsOf(s.Principal, b.ctx))
            b.emit(b.addPrincipal(p), s, { label, urn: r.urn }, known(resourceArn) ? [resourceArn] : undefined);
    }
}

/** A grant's encryption-context constraints as the conditions IAM would write for them. */
function grantConditions(constraints: unknown): Condition | undefined {
    const out: Record<string, Record<string, string>> = {};
    for (const c of (Array.isArray(constraints) ? constraints : []) as Record<string, Record<string, string> | undefined>[]) {
        for (const [field, op] of [
            ["encryptionContextEquals", "StringEquals"],
            ["encryptionContextSubset", "StringEquals"],
        ] as const) {
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
    b.emit(
        principal,
        {
            Effect: "Allow",
            Action: list(i.operations).map((o) => `kms:${o}`),
            Resource: key,
            ...(conditions ? { Condition: conditions } : {}),
        },
        { label, urn: r.urn },
    );
}
