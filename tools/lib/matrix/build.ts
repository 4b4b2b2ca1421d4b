// Builds the access matrix: every IAM document among the captured resources, resolved to the principals it reaches.
//
// Identity policies reach users, roles and groups through inline policies and attachments (matched by the
// attachment's property dependencies first, so that it works at preview when ARNs are still unknown, then by
// name or ARN); groups pass their policies on to their members. Resource policies, role trust policies and KMS
// grants contribute rows for the principals they name.

import { TYPES } from "../../../policypack/iam/sources";
import { UNKNOWN_PLACEHOLDER } from "../program";
import { awsManagedPolicy, isPlaceholder, known, list, normPath, parseDocument } from "./documents";
import { mergeRows, sortPrincipals } from "./merge";
import { Identity, IDENTITY_TYPES, IdentityKind, identityOf, pathAndName } from "./principals";
import { readResource } from "./readers";
import { AccessMatrix, AccessRow, Doc, MatrixContext, MatrixResource, PendingDocument, Principal, Statement } from "./types";

type PolicyRef = Doc | { external: string };

/** The state of one build: the principals met, the grants and rows found, the documents that could not be read. */
export class MatrixBuilder {
    readonly identities = new Map<string, Identity>();
    readonly principals = new Map<string, Principal>();
    readonly policies = new Map<string, Doc & { arn?: string }>();
    readonly grants: { principal: string; doc: Doc }[] = [];
    readonly pending: PendingDocument[] = [];
    readonly rows: AccessRow[] = [];
    /** Group → its members: groups hand their policies on. */
    readonly members = new Map<string, Set<string>>();

    constructor(
        readonly resources: readonly MatrixResource[],
        readonly ctx: MatrixContext,
    ) {
        for (const r of resources) if (IDENTITY_TYPES[r.type]) this.identities.set(r.urn, identityOf(r, ctx));
        for (const r of resources) if (r.type === TYPES.policy) this.addManagedPolicy(r);
    }

    private addManagedPolicy(r: MatrixResource) {
        const name = known(r.inputs.name) ? r.inputs.name : known(r.outputs?.name) ? (r.outputs!.name as string) : r.name;
        const arn = known(r.outputs?.arn)
            ? (r.outputs!.arn as string)
            : `arn:${this.ctx.partition}:iam::${this.ctx.account}:policy${normPath(r.inputs.path)}${name}`;
        this.policies.set(r.urn, { label: `policy ${name}`, urn: r.urn, value: r.inputs.policy, arn });
    }

    /** Records a principal (the stack's own identity when it is one) and returns its id. */
    addPrincipal(p: Principal): string {
        const chosen = [...this.identities.values()].find((i) => i.id === p.id) ?? p;
        if (!this.principals.has(chosen.id))
            this.principals.set(chosen.id, {
                id: chosen.id,
                kind: chosen.kind,
                name: chosen.name,
                ...(chosen.urn ? { urn: chosen.urn } : {}),
            });
        return chosen.id;
    }

    /** A reference to a user/role/group: by property dependency (works at preview), else by name or ARN. */
    resolveIdentity(r: MatrixResource, key: string, kind: IdentityKind, value: unknown): string[] {
        const deps = (r.propertyDependencies?.[key] ?? [])
            .map((u) => this.identities.get(u))
            .filter((i): i is Identity => !!i && i.kind === kind);
        const names = list(value);
        if (deps.length > 0 && deps.length >= names.length) return deps.map((d) => this.addPrincipal(d));
        return names.map((n) => {
            const byName = [...this.identities.values()].find((i) => i.kind === kind && (i.physicalName === n || i.id === n));
            if (byName) return this.addPrincipal(byName);
            if (isPlaceholder(n))
                return this.addPrincipal({
                    id: `${kind}:${UNKNOWN_PLACEHOLDER}`,
                    kind: "external",
                    name: `${kind} ${UNKNOWN_PLACEHOLDER}`,
                });
            const arn = n.startsWith("arn:") ? n : `arn:${this.ctx.partition}:iam::${this.ctx.account}:${kind}/${n}`;
            return this.addPrincipal({ id: arn, kind, name: pathAndName(arn) });
        });
    }

    /** A policy ARN reference → the document(s) it names. */
    resolvePolicies(r: MatrixResource, key: string, value: unknown): PolicyRef[] {
        const deps = (r.propertyDependencies?.[key] ?? [])
            .map((u) => this.policies.get(u))
            .filter((p): p is Doc & { arn?: string } => !!p);
        const out: PolicyRef[] = [...deps];
        for (const a of list(value)) {
            if (deps.some((d) => d.arn === a)) continue;
            const mine = [...this.policies.values()].find((p) => p.arn === a);
            if (mine) {
                if (!out.includes(mine)) out.push(mine);
            } else if (!isPlaceholder(a) || deps.length === 0) out.push({ external: a });
        }
        return out;
    }

    /** A document reaches these principals; a policy not in the stack is read if the matrix knows it, else pending. */
    reach(principalIds: string[], doc: PolicyRef, via: MatrixResource) {
        if (!("external" in doc)) {
            for (const p of principalIds) this.grants.push({ principal: p, doc });
            return;
        }
        const managed = awsManagedPolicy(doc.external);
        if (managed?.document) {
            const value = managed.document;
            for (const p of principalIds)
                this.grants.push({ principal: p, doc: { label: `AWS managed policy ${managed.name}`, urn: via.urn, value } });
            return;
        }
        const unknown = isPlaceholder(doc.external);
        this.pending.push({
            principals: principalIds,
            source: managed ? `AWS managed policy ${managed.name}` : `policy ${doc.external}`,
            urn: via.urn,
            reason: unknown ? "unknown" : "unknown-policy",
            detail: managed ? "not in the managed-policy data" : unknown ? undefined : "not managed by this stack",
        });
    }

    /** A document (or some of its statements) the matrix cannot read, once per document with every principal. */
    pend(principal: string | undefined, d: { label: string; urn: string }, why: Pick<PendingDocument, "reason" | "detail">) {
        const existing = this.pending.find((p) => p.urn === d.urn && p.source === d.label);
        if (!existing)
            this.pending.push({
                principals: principal ? [principal] : [],
                source: d.label,
                urn: d.urn,
                reason: why.reason,
                detail: why.detail,
            });
        else if (principal && !existing.principals.includes(principal)) existing.principals.push(principal);
    }

    addMember(group: string, user: string) {
        if (!this.members.has(group)) this.members.set(group, new Set());
        this.members.get(group)!.add(user);
    }

    /** One statement → one row for the principal. */
    emit(principal: string, s: Statement, source: { label: string; urn: string }, defaultResources?: string[]) {
        const notActions = s.Action === undefined && s.NotAction !== undefined;
        const notResources = s.Resource === undefined && s.NotResource !== undefined;
        let resources = [...new Set(list(notResources ? s.NotResource : s.Resource))].sort();
        if (resources.length === 0 && defaultResources) resources = defaultResources;
        this.rows.push({
            principal,
            effect: s.Effect === "Deny" ? "Deny" : "Allow",
            actions: [...new Set(list(notActions ? s.NotAction : s.Action))].sort(),
            ...(notActions ? { notActions } : {}),
            resources,
            ...(notResources ? { notResources } : {}),
            ...(s.Condition && Object.keys(s.Condition).length > 0 ? { conditions: s.Condition } : {}),
            sources: [source.label],
            via: [{ policy: source.label, urn: source.urn }],
        });
    }

    /** Identity documents → rows, for the principal and (for groups) its members. */
    emitGrants() {
        const docsByPrincipal = new Map<string, Doc[]>();
        for (const g of this.grants) {
            for (const t of [g.principal, ...(this.members.get(g.principal) ?? [])]) {
                const docs = docsByPrincipal.get(t) ?? [];
                if (!docs.includes(g.doc)) docs.push(g.doc);
                docsByPrincipal.set(t, docs);
            }
        }
        for (const [principal, docs] of docsByPrincipal) {
            for (const d of docs) {
                const parsed = parseDocument(d.value);
                if (parsed.ok) for (const s of parsed.statements) this.emit(principal, s, d);
                const unread = parsed.ok ? parsed.invalid && { reason: "invalid" as const, detail: parsed.invalid } : parsed;
                if (unread) this.pend(principal, d, unread);
            }
        }
    }
}

export function buildAccessMatrix(resources: readonly MatrixResource[], ctx: MatrixContext): AccessMatrix {
    const b = new MatrixBuilder(resources, ctx);
    for (const r of resources) readResource(b, r);
    b.emitGrants();
    return { principals: sortPrincipals([...b.principals.values()]), rows: mergeRows(b.rows), pending: b.pending };
}
