// The stack as kinesis-access-profile-exactness reads it: the identities and policies StreamApplication created, and
// which component instance each resource belongs to, matched by the contract with components/*.ts (tags, parent URNs).

import { PrincipalKind, TYPES } from "../iam/sources";
import { COMPONENT_TAG, COMPONENT_TYPES } from "../../components/grants/contract";
import { isUnknown, str, tagsOf } from "../iam/values";
import type { StackResource } from "./common";

const IDENTITY_TYPES: Record<string, PrincipalKind> = { [TYPES.user]: "user", [TYPES.role]: "role" };

/** Own keys only: a type token such as "constructor" or "toString" must not find Object.prototype's members. */
const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** A user or role name from a name or an ARN (`arn:aws:iam::123:role/path/name`). */
function identityName(v: string): string {
    return v.startsWith("arn:") ? v.slice(v.lastIndexOf("/") + 1) : v;
}

/** How a finding names a resource: its type's last part and its physical (else logical) name. */
export const label = (r: StackResource) => `${r.type.split(":").pop()} "${str(r.props.name) ?? r.name}"`;

export class ComponentStack {
    private readonly byUrn: Map<string, StackResource>;
    /** Users and roles a StreamApplication created, by URN. */
    readonly identities = new Map<string, StackResource>();
    private readonly byName: Record<PrincipalKind, Map<string, StackResource>> = {
        user: new Map(),
        role: new Map(),
        group: new Map(),
    };
    /** Every managed policy of the stack. */
    readonly policies: StackResource[];
    private readonly policyByArn = new Map<string, StackResource>();

    constructor(readonly resources: readonly StackResource[]) {
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
        for (const r of resources) {
            const kind = own(IDENTITY_TYPES, r.type);
            if (!kind || tagsOf(r.props)[COMPONENT_TAG] !== "StreamApplication") continue;
            this.identities.set(r.urn, r);
            const name = str(r.props.name);
            if (name) this.byName[kind].set(name, r);
        }
        this.policies = resources.filter((r) => r.type === TYPES.policy);
        for (const p of this.policies) if (str(p.props.arn)) this.policyByArn.set(p.props.arn as string, p);
    }

    /** The StreamApplication instance a resource belongs to: its nearest ancestor of that type, by parent URNs. */
    appOf(r: StackResource): string | undefined {
        const seen = new Set<string>();
        for (let p = r.parent; p && !seen.has(p); p = this.byUrn.get(p)?.parent) {
            seen.add(p);
            const parent = this.byUrn.get(p);
            if (!parent) return undefined;
            if (parent.type === COMPONENT_TYPES.streamApplication) return parent.urn;
        }
        return undefined;
    }

    /** Component identities a grant's field names, by name and through the property's dependencies. */
    targetsOf(g: StackResource, field: string, kind: PrincipalKind): StackResource[] {
        const raw = g.props[field];
        const found = new Set<StackResource>();
        for (const v of Array.isArray(raw) ? raw : [raw]) {
            const r = str(v) !== undefined ? this.byName[kind].get(identityName(v as string)) : undefined;
            if (r) found.add(r);
        }
        for (const u of g.propertyDependencies?.[field] ?? []) {
            const r = this.identities.get(u);
            if (r && own(IDENTITY_TYPES, r.type) === kind) found.add(r);
        }
        return [...found];
    }

    /**
     * The stack policy a policy ARN refers to: by ARN, by name (inputs carry the name, not the ARN), or by the
     * property's dependencies; "none" for a known ARN of no stack policy; undefined when not known yet.
     */
    policyOf(g: StackResource, field: string, arn: unknown): StackResource | "none" | undefined {
        const deps = (g.propertyDependencies?.[field] ?? [])
            .map((u) => this.byUrn.get(u))
            .filter((r): r is StackResource => r?.type === TYPES.policy);
        if (str(arn) !== undefined) {
            const name = /:policy\/(?:.*\/)?([^/]+)$/.exec(arn as string)?.[1];
            const named = this.policies.find((p) => name !== undefined && str(p.props.name) === name);
            return this.policyByArn.get(arn as string) ?? named ?? (deps.length === 1 ? deps[0] : "none");
        }
        return isUnknown(arn) && deps.length === 1 ? deps[0] : undefined;
    }
}
