// Stack rule: an identity created by StreamApplication is granted exactly its declared profiles. Two halves:
//  1. every grant to such an identity (attachment, inline policy, group membership, Role.managedPolicyArns) comes
//     from the same component instance and attaches a policy that component created;
//  2. every policy tagged with `kinesis-access:profiles` allows nothing beyond those profiles' actions.
// Identities, policies and components are matched by the contract with components/*.ts: tags and parent URNs.

import { actionMatches, hasWildcard } from "../iam/patterns";
import { attachmentTarget, PrincipalKind, TYPES } from "../iam/sources";
import { COMPONENT_TAG, COMPONENT_TYPES, EXTRA_POLICIES_TAG, PROFILES_TAG } from "../../components/grants/contract";
import { expandAction } from "../iam/actions";
import { isUnknown, Props, str, tagsOf } from "../iam/values";
import { parsePolicyDocument, statementLabel } from "../iam/document";
import { PROFILE_BY_NAME, profileActions } from "../iam/profiles";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { Finding, stackPolicy, StackResource, StackRule } from "./common";

export interface ProfileExactnessConfig extends BaseConfig {
    /** Actions (patterns) a profile-tagged policy may allow beyond its profiles. */
    extraActions: string[];
}

export const PROFILE_EXACTNESS_DEFAULTS: ProfileExactnessConfig = { exemptResources: [], extraActions: [] };

const IDENTITY_TYPES: Record<string, PrincipalKind> = { [TYPES.user]: "user", [TYPES.role]: "role" };

/** Own keys only: a type token such as "constructor" or "toString" must not find Object.prototype's members. */
const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** A user or role name from a name or an ARN (`arn:aws:iam::123:role/path/name`). */
function identityName(v: string): string {
    return v.startsWith("arn:") ? v.slice(v.lastIndexOf("/") + 1) : v;
}

export async function checkProfileExactness(
    resources: StackResource[],
    config: Partial<ProfileExactnessConfig> = {},
): Promise<Finding[]> {
    const c = withDefaults(PROFILE_EXACTNESS_DEFAULTS, config);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const out: Finding[] = [];

    /** The nearest ancestor component of the given type, by parent URNs. */
    const componentOf = (r: StackResource, type: string): string | undefined => {
        const seen = new Set<string>();
        for (let p = r.parent; p && !seen.has(p); p = byUrn.get(p)?.parent) {
            seen.add(p);
            const parent = byUrn.get(p);
            if (!parent) return undefined;
            if (parent.type === type) return parent.urn;
        }
        return undefined;
    };
    const appOf = (r: StackResource) => componentOf(r, COMPONENT_TYPES.streamApplication);
    const label = (r: StackResource) => `${r.type.split(":").pop()} "${str(r.props.name) ?? r.name}"`;

    // Identities the components created, by kind and name.
    const identities = new Map<string, StackResource>();
    const byName: Record<PrincipalKind, Map<string, StackResource>> = { user: new Map(), role: new Map(), group: new Map() };
    for (const r of resources) {
        const kind = own(IDENTITY_TYPES, r.type);
        if (!kind || tagsOf(r.props)[COMPONENT_TAG] !== "StreamApplication") continue;
        identities.set(r.urn, r);
        const name = str(r.props.name);
        if (name) byName[kind].set(name, r);
    }
    const policies = resources.filter((r) => r.type === TYPES.policy);
    const policyByArn = new Map<string, StackResource>();
    for (const p of policies) if (str(p.props.arn)) policyByArn.set(p.props.arn as string, p);

    /** Tagged identities a grant field names, by name and through the property's dependencies. */
    const targetsOf = (g: StackResource, field: string, kind: PrincipalKind): StackResource[] => {
        const raw = g.props[field];
        const found = new Set<StackResource>();
        for (const v of Array.isArray(raw) ? raw : [raw]) {
            const r = str(v) !== undefined ? byName[kind].get(identityName(v as string)) : undefined;
            if (r) found.add(r);
        }
        for (const u of g.propertyDependencies?.[field] ?? []) {
            const r = identities.get(u);
            if (r && own(IDENTITY_TYPES, r.type) === kind) found.add(r);
        }
        return [...found];
    };

    /**
     * The stack policy a policy ARN refers to: by ARN, by name (inputs carry the name, not the ARN), or by the
     * property's dependencies; "none" for a known ARN of no stack policy; undefined when not known yet.
     */
    const policyOf = (g: StackResource, field: string, arn: unknown): StackResource | "none" | undefined => {
        const deps = (g.propertyDependencies?.[field] ?? [])
            .map((u) => byUrn.get(u))
            .filter((r): r is StackResource => r?.type === TYPES.policy);
        if (str(arn) !== undefined) {
            const name = /:policy\/(?:.*\/)?([^/]+)$/.exec(arn as string)?.[1];
            const named = policies.find((p) => name !== undefined && str(p.props.name) === name);
            return policyByArn.get(arn as string) ?? named ?? (deps.length === 1 ? deps[0] : "none");
        }
        return isUnknown(arn) && deps.length === 1 ? deps[0] : undefined;
    };

    const checkAttachedPolicy = (g: StackResource, identity: StackResource, field: string, arn: unknown) => {
        const p = policyOf(g, field, arn);
        if (p === undefined) return;
        const app = appOf(identity);
        // Declared by the component on its identity (managedPolicyArns): attached on purpose; the document rules judge it.
        const declared = (str(tagsOf(identity.props)[EXTRA_POLICIES_TAG]) ?? "").split(" ");
        if (p === "none" && appOf(g) === app && str(arn) !== undefined && declared.includes(arn as string)) return;
        if (p === "none") {
            out.push({
                urn: g.urn,
                message:
                    `${label(g)} attaches ${arn} to ${label(identity)}, which StreamApplication created: ` +
                    "only policies that component built from its profiles may be attached.",
                details: { kind: "foreign-policy", identity: identity.urn, policyArn: arn },
            });
        } else if (appOf(p) !== app || tagsOf(p.props)[COMPONENT_TAG] !== "StreamApplication") {
            out.push({
                urn: g.urn,
                message:
                    `${label(g)} attaches ${label(p)} to ${label(identity)}, ` +
                    "but that policy was not created by the identity's StreamApplication component.",
                details: { kind: "foreign-policy", identity: identity.urn, policy: p.urn },
            });
        }
    };

    // Half 1: every grant to a component identity comes from that component and attaches its policies.
    for (const g of resources) {
        const target = attachmentTarget(g.type);
        if (!target) continue;
        for (const [field, kind] of target.principals) {
            if (kind === "group") continue;
            for (const identity of targetsOf(g, field, kind)) {
                const app = appOf(identity);
                if (app === undefined || appOf(g) !== app) {
                    out.push({
                        urn: g.urn,
                        message:
                            `${label(g)} grants to ${label(identity)}, which StreamApplication created, from outside that ` +
                            `component: ` +
                            "the identity must get exactly its declared profiles.",
                        details: { kind: "outside-grant", identity: identity.urn },
                    });
                    continue;
                }
                if (target.grants) {
                    out.push({
                        urn: g.urn,
                        message:
                            `${label(g)} gives ${label(identity)} a ${target.grants}, which cannot be checked against its ` +
                            `profiles; ` +
                            "grant through the component's profile-tagged policies only.",
                        details: { kind: "unverifiable-grant", identity: identity.urn },
                    });
                    continue;
                }
                const f = target.policyArns;
                if (!f) continue;
                const value = g.props[f.field];
                const arns = !f.list ? [value] : Array.isArray(value) ? (value as unknown[]) : [];
                for (const arn of arns) checkAttachedPolicy(g, identity, f.field, arn);
            }
        }
    }
    for (const identity of identities.values()) {
        if (identity.type !== TYPES.role) continue;
        const managed = identity.props.managedPolicyArns;
        if (Array.isArray(managed)) for (const arn of managed) checkAttachedPolicy(identity, identity, "managedPolicyArns", arn);
        const inline = identity.props.inlinePolicies;
        if (
            Array.isArray(inline) &&
            inline.some((p) => isUnknown(p) || (p && typeof p === "object" && (p as Props).policy !== undefined))
        ) {
            out.push({
                urn: identity.urn,
                message:
                    `${label(identity)}, which StreamApplication created, has inline policies, which cannot be checked ` +
                    `against its profiles.`,
                details: { kind: "unverifiable-grant", identity: identity.urn },
            });
        }
    }

    // Half 2: a profile-tagged policy allows nothing beyond its profiles.
    for (const p of policies) {
        const tags = tagsOf(p.props);
        const tagged = tags[PROFILES_TAG];
        if (tagged === undefined) {
            if (tags[COMPONENT_TAG] !== undefined) {
                const message =
                    `${label(p)} is tagged ${COMPONENT_TAG} but has no ${PROFILES_TAG} tag, so its contents ` +
                    `cannot be checked.`;
                out.push({ urn: p.urn, message, details: { kind: "missing-profiles-tag" } });
            }
            continue;
        }
        const names = tagged.split(/\s+/).filter(Boolean);
        const unknownNames = names.filter((n) => !PROFILE_BY_NAME.has(n));
        if (unknownNames.length > 0 || names.length === 0) {
            const message = `${label(p)} names unknown profiles in ${PROFILES_TAG}: "${tagged}".`;
            out.push({ urn: p.urn, message, details: { kind: "unknown-profile", profiles: unknownNames } });
            continue;
        }
        const allowed = new Set(names.flatMap((n) => profileActions(PROFILE_BY_NAME.get(n)!)).map((a) => a.toLowerCase()));
        const permitted = (a: string) => allowed.has(a.toLowerCase()) || c.extraActions.some((x) => actionMatches(x, a));
        const parsed = parsePolicyDocument(p.props.policy);
        if (parsed.status !== "ok") continue;
        const beyond = new Set<string>();
        const problems: string[] = [];
        for (const s of parsed.document.statements) {
            if (s.effect !== "Allow") continue;
            if (s.notAction) problems.push(`${statementLabel(s)} uses NotAction`);
            for (const pattern of s.action?.values ?? []) {
                if (!hasWildcard(pattern)) {
                    if (!permitted(pattern)) beyond.add(pattern);
                    continue;
                }
                const x = await expandAction(pattern);
                if (x.allServices) beyond.add(pattern);
                for (const a of x.actions) if (!permitted(a.id)) beyond.add(a.id);
            }
        }
        if (beyond.size > 0) problems.push(`it allows ${[...beyond].sort().join(", ")}`);
        if (problems.length === 0) continue;
        out.push({
            urn: p.urn,
            message: `${label(p)} is tagged with the profiles ${names.join(", ")} but goes beyond them: ${problems.join("; ")}.`,
            details: { kind: "beyond-profiles", profiles: names, actions: [...beyond].sort() },
        });
    }
    return out;
}

export const profileExactnessRule: StackRule<ProfileExactnessConfig> = {
    name: "kinesis-access-profile-exactness",
    description:
        "Identities created by StreamApplication get exactly their declared profiles: no grant from outside the component, " +
        "and no profile-tagged policy beyond its profiles.",
    enforcementLevel: "mandatory",
    configSchema: schema({
        extraActions: stringList("Actions (patterns) a profile-tagged policy may allow beyond its profiles."),
    }),
    defaults: PROFILE_EXACTNESS_DEFAULTS,
    check: checkProfileExactness,
};

export const profileExactness = stackPolicy(profileExactnessRule);
