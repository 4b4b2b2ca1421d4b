// The access matrix: every IAM document among the captured resources, resolved to the principals it reaches.
//
// Identity policies reach users, roles and groups through inline policies and attachments (matched by the
// attachment's property dependencies first, so that it works at preview when ARNs are still unknown, then by
// name or ARN); groups pass their policies on to their members. Resource policies and role trust policies
// contribute rows for the principals they name. Rows are principal × resources × actions with effect and
// conditions, merged and sorted so the output is stable.

import { SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "./program";
import { canonical } from "../../components/grants";

export type Condition = Record<string, Record<string, string | string[]>>;

/** What the matrix needs of a captured resource. */
export interface MatrixResource {
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
}

export type PrincipalKind = "user" | "role" | "group" | "account" | "service" | "federated" | "anyone" | "external";

export interface Principal {
    /** ARN for IAM identities and accounts, `service:<name>` / `federated:<name>` for the others, `*` for anyone. */
    id: string;
    kind: PrincipalKind;
    /** Short name for people: the IAM name, the service, the account id. */
    name: string;
    /** The stack resource, when the stack manages this principal. */
    urn?: string;
}

export interface AccessRow {
    principal: string;
    effect: "Allow" | "Deny";
    /** Sorted. With `notActions`, the actions the row does NOT cover. */
    actions: string[];
    notActions?: boolean;
    /** Sorted. With `notResources`, the resources the row does NOT cover. */
    resources: string[];
    notResources?: boolean;
    conditions?: Condition;
    /** Which documents the row comes from (policy names / resources), for people. */
    sources: string[];
}

export interface PendingDocument {
    /** The principal(s) the document would reach, when known. */
    principals: string[];
    source: string;
    urn: string;
    reason: "unknown" | "secret" | "unparsable" | "unknown-policy";
    detail?: string;
}

export interface AccessMatrix {
    principals: Principal[];
    rows: AccessRow[];
    /** Documents that could not be read: unknown at preview, secret, or not JSON. */
    pending: PendingDocument[];
}

export interface MatrixContext {
    partition: string;
    account: string;
}

// ---------------------------------------------------------------------------------------------------------
// Documents

interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Principal?: unknown;
    NotPrincipal?: unknown;
    Condition?: Condition;
}

type Parsed = { ok: true; statements: Statement[] } | { ok: false; reason: PendingDocument["reason"]; detail?: string };

const isPlaceholder = (v: unknown) => v === UNKNOWN_PLACEHOLDER || v === SECRET_PLACEHOLDER;

export function parseDocument(doc: unknown): Parsed {
    if (doc === undefined || doc === null || doc === "") return { ok: false, reason: "unknown", detail: "no document" };
    if (doc === UNKNOWN_PLACEHOLDER) return { ok: false, reason: "unknown" };
    if (doc === SECRET_PLACEHOLDER) return { ok: false, reason: "secret" };
    let value: unknown = doc;
    if (typeof doc === "string") {
        try {
            value = JSON.parse(doc);
        } catch (e) {
            return { ok: false, reason: "unparsable", detail: (e as Error).message };
        }
    }
    if (!value || typeof value !== "object") return { ok: false, reason: "unparsable", detail: "not a JSON object" };
    const raw = (value as Record<string, unknown>).Statement;
    if (raw === UNKNOWN_PLACEHOLDER) return { ok: false, reason: "unknown" };
    const statements = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Statement[];
    return { ok: true, statements: statements.filter((s) => s && typeof s === "object") };
}

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

// A few AWS managed policies, by their published contents; the rest are shown as what they are.
const AWS_MANAGED: Record<string, Statement[]> = {
    AdministratorAccess: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    PowerUserAccess: [
        { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
        {
            Effect: "Allow",
            Action: ["account:GetAccountInformation", "account:GetPrimaryEmail", "account:ListRegions", "iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization"],
            Resource: "*",
        },
    ],
    IAMFullAccess: [{ Effect: "Allow", Action: ["iam:*", "organizations:DescribeAccount", "organizations:DescribeOrganization", "organizations:DescribeOrganizationalUnit", "organizations:DescribePolicy", "organizations:ListChildren", "organizations:ListParents", "organizations:ListPoliciesForTarget", "organizations:ListRoots", "organizations:ListPolicies", "organizations:ListTargetsForPolicy"], Resource: "*" }],
    AmazonKinesisFullAccess: [{ Effect: "Allow", Action: "kinesis:*", Resource: "*" }],
    AmazonKinesisReadOnlyAccess: [{ Effect: "Allow", Action: ["kinesis:Get*", "kinesis:List*", "kinesis:Describe*"], Resource: "*" }],
};

function awsManagedPolicy(arn: string): { name: string; statements?: Statement[] } | undefined {
    const m = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m) return undefined;
    return { name: m[1], statements: AWS_MANAGED[m[1]] };
}

// ---------------------------------------------------------------------------------------------------------
// Principals

const IDENTITY_TYPES: Record<string, "user" | "role" | "group"> = {
    "aws:iam/user:User": "user",
    "aws:iam/role:Role": "role",
    "aws:iam/group:Group": "group",
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": "role",
};

const known = (v: unknown): v is string => typeof v === "string" && v !== "" && !isPlaceholder(v);

const normPath = (p: unknown) => (known(p) ? (p.endsWith("/") ? p : `${p}/`) : "/");

interface Identity extends Principal {
    kind: "user" | "role" | "group";
    physicalName?: string;
}

function identityOf(r: MatrixResource, ctx: MatrixContext): Identity {
    const kind = IDENTITY_TYPES[r.type];
    const out = r.outputs ?? {};
    const name = known(r.inputs.name) ? r.inputs.name : known(out.name) ? out.name : undefined;
    let arn = known(out.arn) ? out.arn : undefined;
    if (!arn && name) {
        const path = r.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole" && known(r.inputs.awsServiceName) ? `/aws-service-role/${r.inputs.awsServiceName}/` : normPath(r.inputs.path);
        arn = `arn:${ctx.partition}:iam::${ctx.account}:${kind}${path}${name}`;
    }
    return { id: arn ?? r.urn, kind, name: name ?? r.name, urn: r.urn, physicalName: name };
}

function principalsOf(value: unknown, ctx: MatrixContext): Principal[] {
    if (value === "*") return [{ id: "*", kind: "anyone", name: "anyone" }];
    if (!value || typeof value !== "object") return [];
    const out: Principal[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        for (const p of list(v)) {
            if (k === "AWS") {
                if (p === "*") out.push({ id: "*", kind: "anyone", name: "anyone" });
                else if (/^\d{12}$/.test(p)) out.push({ id: `arn:${ctx.partition}:iam::${p}:root`, kind: "account", name: p });
                else if (/:root$/.test(p)) out.push({ id: p, kind: "account", name: p.split(":")[4] ?? p });
                else out.push({ id: p, kind: "external", name: p.split("/").pop() ?? p });
            } else if (k === "Service") out.push({ id: `service:${p}`, kind: "service", name: p });
            else if (k === "Federated") out.push({ id: `federated:${p}`, kind: "federated", name: p });
            else out.push({ id: `${k.toLowerCase()}:${p}`, kind: "external", name: p });
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------
// The matrix

const ATTACHMENTS: Record<string, { principal: "user" | "role" | "group"; key: string }> = {
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { principal: "user", key: "user" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { principal: "role", key: "role" },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { principal: "group", key: "group" },
};

const INLINE: Record<string, { principal: "user" | "role" | "group"; key: string }> = {
    "aws:iam/userPolicy:UserPolicy": { principal: "user", key: "user" },
    "aws:iam/rolePolicy:RolePolicy": { principal: "role", key: "role" },
    "aws:iam/groupPolicy:GroupPolicy": { principal: "group", key: "group" },
};

const EXCLUSIVE_ATTACHMENTS: Record<string, { principal: "user" | "role" | "group"; key: string }> = {
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { principal: "user", key: "userName" },
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": { principal: "role", key: "roleName" },
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": { principal: "group", key: "groupName" },
};

const RESOURCE_POLICIES: Record<string, { arnKey?: string; policyKey: string }> = {
    "aws:kinesis/resourcePolicy:ResourcePolicy": { arnKey: "resourceArn", policyKey: "policy" },
    "aws:dynamodb/resourcePolicy:ResourcePolicy": { arnKey: "resourceArn", policyKey: "policy" },
    "aws:kms/key:Key": { policyKey: "policy" },
};

interface Doc {
    label: string;
    urn: string;
    value: unknown;
}

export function buildAccessMatrix(resources: readonly MatrixResource[], ctx: MatrixContext): AccessMatrix {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const identities = new Map<string, Identity>();
    for (const r of resources) if (IDENTITY_TYPES[r.type]) identities.set(r.urn, identityOf(r, ctx));
    const principals = new Map<string, Principal>();
    const addPrincipal = (p: Principal) => {
        const existing = [...identities.values()].find((i) => i.id === p.id);
        const chosen = existing ?? p;
        if (!principals.has(chosen.id)) principals.set(chosen.id, { id: chosen.id, kind: chosen.kind, name: chosen.name, ...(chosen.urn ? { urn: chosen.urn } : {}) });
        return chosen.id;
    };

    /** A reference to a user/role/group: by property dependency (works at preview), else by name or ARN. */
    function resolveIdentity(r: MatrixResource, key: string, kind: "user" | "role" | "group", value: unknown): string[] {
        const deps = (r.propertyDependencies?.[key] ?? []).map((u) => identities.get(u)).filter((i): i is Identity => !!i && i.kind === kind);
        const names = list(value);
        if (deps.length > 0 && deps.length >= names.length) return deps.map(addPrincipal);
        return names.map((n) => {
            const byName = [...identities.values()].find((i) => i.kind === kind && (i.physicalName === n || i.id === n));
            if (byName) return addPrincipal(byName);
            if (isPlaceholder(n)) return addPrincipal({ id: `${kind}:${UNKNOWN_PLACEHOLDER}`, kind: "external", name: `${kind} ${UNKNOWN_PLACEHOLDER}` });
            const arn = n.startsWith("arn:") ? n : `arn:${ctx.partition}:iam::${ctx.account}:${kind}/${n}`;
            return addPrincipal({ id: arn, kind, name: n.split("/").pop() ?? n });
        });
    }

    // Managed policies of the stack, by URN and by ARN.
    const policies = new Map<string, Doc & { arn?: string }>();
    for (const r of resources) {
        if (r.type !== "aws:iam/policy:Policy") continue;
        const name = known(r.inputs.name) ? r.inputs.name : known(r.outputs?.name) ? (r.outputs!.name as string) : r.name;
        const arn = known(r.outputs?.arn) ? (r.outputs!.arn as string) : `arn:${ctx.partition}:iam::${ctx.account}:policy${normPath(r.inputs.path)}${name}`;
        policies.set(r.urn, { label: `policy ${name}`, urn: r.urn, value: r.inputs.policy, arn });
    }

    /** A policy ARN reference → the document(s) it names. */
    function resolvePolicies(r: MatrixResource, key: string, value: unknown): (Doc | { external: string })[] {
        const deps = (r.propertyDependencies?.[key] ?? []).map((u) => policies.get(u)).filter((p): p is Doc & { arn?: string } => !!p);
        const arns = list(value);
        const out: (Doc | { external: string })[] = [...deps];
        for (const a of arns) {
            if (deps.some((d) => d.arn === a)) continue;
            const mine = [...policies.values()].find((p) => p.arn === a);
            if (mine) {
                if (!out.includes(mine)) out.push(mine);
                continue;
            }
            if (isPlaceholder(a)) {
                if (deps.length === 0) out.push({ external: a });
                continue;
            }
            out.push({ external: a });
        }
        return out;
    }

    const grants: { principal: string; doc: Doc }[] = [];
    const pending: PendingDocument[] = [];
    const rows: AccessRow[] = [];
    const reach = (principalIds: string[], doc: Doc | { external: string }, via: MatrixResource) => {
        if ("external" in doc) {
            const managed = awsManagedPolicy(doc.external);
            if (managed?.statements) {
                for (const p of principalIds) grants.push({ principal: p, doc: { label: `AWS managed policy ${managed.name}`, urn: via.urn, value: { Statement: managed.statements } } });
            } else {
                pending.push({
                    principals: principalIds,
                    source: managed ? `AWS managed policy ${managed.name}` : `policy ${doc.external}`,
                    urn: via.urn,
                    reason: isPlaceholder(doc.external) ? "unknown" : "unknown-policy",
                    detail: managed ? "contents not known offline" : isPlaceholder(doc.external) ? undefined : "not managed by this stack",
                });
            }
            return;
        }
        for (const p of principalIds) grants.push({ principal: p, doc });
    };

    // Groups hand their policies on to their members.
    const members = new Map<string, Set<string>>();
    const addMember = (group: string, user: string) => {
        if (!members.has(group)) members.set(group, new Set());
        members.get(group)!.add(user);
    };

    for (const r of resources) {
        const i = r.inputs;
        const att = ATTACHMENTS[r.type];
        if (att) {
            const who = resolveIdentity(r, att.key, att.principal, i[att.key]);
            for (const d of resolvePolicies(r, "policyArn", i.policyArn)) reach(who, d, r);
            continue;
        }
        const excl = EXCLUSIVE_ATTACHMENTS[r.type];
        if (excl) {
            const who = resolveIdentity(r, excl.key, excl.principal, i[excl.key]);
            for (const d of resolvePolicies(r, "policyArns", i.policyArns)) reach(who, d, r);
            continue;
        }
        if (r.type === "aws:iam/policyAttachment:PolicyAttachment") {
            const who = [
                ...list(i.users).flatMap((u) => resolveIdentity({ ...r, propertyDependencies: {} }, "users", "user", u)),
                ...list(i.roles).flatMap((u) => resolveIdentity({ ...r, propertyDependencies: {} }, "roles", "role", u)),
                ...list(i.groups).flatMap((u) => resolveIdentity({ ...r, propertyDependencies: {} }, "groups", "group", u)),
            ];
            for (const d of resolvePolicies(r, "policyArn", i.policyArn)) reach(who, d, r);
            continue;
        }
        const inline = INLINE[r.type];
        if (inline) {
            const who = resolveIdentity(r, inline.key, inline.principal, i[inline.key]);
            const name = known(i.name) ? i.name : r.name;
            reach(who, { label: `inline policy ${name}`, urn: r.urn, value: i.policy }, r);
            continue;
        }
        if (r.type === "aws:iam/role:Role") {
            const role = addPrincipal(identities.get(r.urn)!);
            for (const p of (Array.isArray(i.inlinePolicies) ? i.inlinePolicies : []) as Record<string, unknown>[]) {
                if (p && p.policy !== undefined) reach([role], { label: `inline policy ${known(p.name) ? p.name : "(unnamed)"}`, urn: r.urn, value: p.policy }, r);
            }
            if (i.managedPolicyArns !== undefined) for (const d of resolvePolicies(r, "managedPolicyArns", i.managedPolicyArns)) reach([role], d, r);
            trust(r, role);
            continue;
        }
        if (r.type === "aws:iam/user:User" || r.type === "aws:iam/group:Group" || r.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole") {
            addPrincipal(identities.get(r.urn)!);
            continue;
        }
        if (r.type === "aws:iam/userGroupMembership:UserGroupMembership") {
            const [user] = resolveIdentity(r, "user", "user", i.user);
            for (const g of resolveIdentity(r, "groups", "group", i.groups)) addMember(g, user);
            continue;
        }
        if (r.type === "aws:iam/groupMembership:GroupMembership") {
            const [group] = resolveIdentity(r, "group", "group", i.group);
            for (const u of resolveIdentity(r, "users", "user", i.users)) addMember(group, u);
            continue;
        }
        const rp = RESOURCE_POLICIES[r.type];
        if (rp && i[rp.policyKey] !== undefined) {
            resourcePolicy(r, rp.arnKey ? i[rp.arnKey] : r.outputs?.arn, i[rp.policyKey]);
        }
    }

    function emit(principal: string, s: Statement, label: string, defaultResources?: string[]) {
        const effect = s.Effect === "Deny" ? "Deny" : "Allow";
        const notActions = s.Action === undefined && s.NotAction !== undefined;
        const actions = [...new Set(list(notActions ? s.NotAction : s.Action))].sort();
        const notResources = s.Resource === undefined && s.NotResource !== undefined;
        let resources = [...new Set(list(notResources ? s.NotResource : s.Resource))].sort();
        if (resources.length === 0 && defaultResources) resources = defaultResources;
        rows.push({
            principal,
            effect,
            actions,
            ...(notActions ? { notActions } : {}),
            resources,
            ...(notResources ? { notResources } : {}),
            ...(s.Condition && Object.keys(s.Condition).length > 0 ? { conditions: s.Condition } : {}),
            sources: [label],
        });
    }

    function trust(r: MatrixResource, role: string) {
        const parsed = parseDocument(r.inputs.assumeRolePolicy);
        if (!parsed.ok) {
            if (r.inputs.assumeRolePolicy !== undefined) pending.push({ principals: [], source: `trust policy of ${principals.get(role)?.name ?? r.name}`, urn: r.urn, reason: parsed.reason, detail: parsed.detail });
            return;
        }
        for (const s of parsed.statements) {
            for (const p of principalsOf(s.Principal, ctx)) emit(addPrincipal(p), { ...s, Resource: role, NotResource: undefined }, `trust policy of ${principals.get(role)?.name ?? r.name}`);
        }
    }

    function resourcePolicy(r: MatrixResource, resourceArn: unknown, doc: unknown) {
        const parsed = parseDocument(doc);
        const label = `resource policy ${r.name}`;
        if (!parsed.ok) {
            pending.push({ principals: [], source: label, urn: r.urn, reason: parsed.reason, detail: parsed.detail });
            return;
        }
        for (const s of parsed.statements) {
            for (const p of principalsOf(s.Principal, ctx)) emit(addPrincipal(p), s, label, known(resourceArn) ? [resourceArn] : undefined);
        }
    }

    // Identity documents → rows, for the principal and (for groups) its members.
    const docsByPrincipal = new Map<string, Doc[]>();
    for (const g of grants) {
        const targets = [g.principal, ...(members.get(g.principal) ?? [])];
        for (const t of targets) {
            const docs = docsByPrincipal.get(t) ?? [];
            if (!docs.includes(g.doc)) docs.push(g.doc);
            docsByPrincipal.set(t, docs);
        }
    }
    for (const [principal, docs] of docsByPrincipal) {
        for (const d of docs) {
            const parsed = parseDocument(d.value);
            if (!parsed.ok) {
                const existing = pending.find((p) => p.urn === d.urn && p.source === d.label);
                if (existing) {
                    if (!existing.principals.includes(principal)) existing.principals.push(principal);
                } else pending.push({ principals: [principal], source: d.label, urn: d.urn, reason: parsed.reason, detail: parsed.detail });
                continue;
            }
            for (const s of parsed.statements) emit(principal, s, d.label);
        }
    }

    return { principals: sortPrincipals([...principals.values()]), rows: mergeRows(rows), pending };
}

// ---------------------------------------------------------------------------------------------------------
// Merging and ordering

const KIND_ORDER: PrincipalKind[] = ["user", "role", "group", "account", "service", "federated", "external", "anyone"];

function sortPrincipals(ps: Principal[]): Principal[] {
    return ps.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Actions are unioned per (principal, effect, resource, conditions); then resources with the same action set
 * are gathered into one row. The result: one row per distinct grant, whatever way the documents split it.
 */
export function mergeRows(rows: readonly AccessRow[]): AccessRow[] {
    const perResource = new Map<string, AccessRow>();
    for (const r of rows) {
        for (const res of r.resources.length > 0 ? r.resources : [""]) {
            const key = [r.principal, r.effect, !!r.notActions, !!r.notResources, res, canonical(r.conditions ?? {})].join("\u0000");
            const cur = perResource.get(key);
            if (cur) {
                cur.actions = [...new Set([...cur.actions, ...r.actions])].sort();
                cur.sources = [...new Set([...cur.sources, ...r.sources])].sort();
            } else {
                perResource.set(key, { ...r, resources: res === "" ? [] : [res], actions: [...r.actions], sources: [...r.sources] });
            }
        }
    }
    const merged = new Map<string, AccessRow>();
    for (const r of perResource.values()) {
        const key = [r.principal, r.effect, !!r.notActions, !!r.notResources, r.actions.join(","), canonical(r.conditions ?? {})].join("\u0000");
        const cur = merged.get(key);
        if (cur) {
            cur.resources = [...new Set([...cur.resources, ...r.resources])].sort();
            cur.sources = [...new Set([...cur.sources, ...r.sources])].sort();
        } else merged.set(key, { ...r });
    }
    return [...merged.values()].sort(
        (a, b) =>
            a.principal.localeCompare(b.principal) ||
            (a.effect === b.effect ? 0 : a.effect === "Allow" ? -1 : 1) ||
            a.resources.join(",").localeCompare(b.resources.join(",")) ||
            a.actions.join(",").localeCompare(b.actions.join(",")),
    );
}

/** The `access` entries of the JSON document. */
export function accessJson(m: AccessMatrix): { principal: string; effect: "Allow" | "Deny"; actions: string[]; resources: string[]; conditions: Condition | null }[] {
    return m.rows.map((r) => ({
        principal: r.principal,
        effect: r.effect,
        actions: r.notActions ? r.actions.map((a) => `NOT ${a}`) : r.actions,
        resources: r.notResources ? r.resources.map((x) => `NOT ${x}`) : r.resources,
        conditions: r.conditions ?? null,
    }));
}
