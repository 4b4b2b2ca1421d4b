// Stack rule: an identity created by StreamApplication is granted exactly its declared profiles. Two halves:
//  1. every grant to such an identity (attachment, inline policy, group membership, Role.managedPolicyArns) comes
//     from the same component instance and attaches a policy that component created;
//  2. every policy tagged with `kinesis-access:profiles` allows nothing beyond those profiles' actions.
// Identities, policies and components are matched by the contract with components/*.ts: tags and parent URNs.

import { actionMatches, hasWildcard } from "../iam/patterns";
import { attachmentTarget, TYPES } from "../iam/sources";
import { COMPONENT_TAG, EXTRA_POLICIES_TAG, PROFILES_TAG } from "../../components/grants/contract";
import { expandAction } from "../iam/actions";
import { isUnknown, Props, str, tagsOf } from "../iam/values";
import { parsePolicyDocument, statementLabel } from "../iam/document";
import { PROFILE_BY_NAME, profileActions } from "../iam/profiles";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { Finding, stackPolicy, StackResource, StackRule } from "./common";
import { ComponentStack, label } from "./componentStack";

export interface ProfileExactnessConfig extends BaseConfig {
    /** Actions (patterns) a profile-tagged policy may allow beyond its profiles. */
    extraActions: string[];
}

export const PROFILE_EXACTNESS_DEFAULTS: ProfileExactnessConfig = { exemptResources: [], extraActions: [] };

export async function checkProfileExactness(
    resources: StackResource[],
    config: Partial<ProfileExactnessConfig> = {},
): Promise<Finding[]> {
    const c = withDefaults(PROFILE_EXACTNESS_DEFAULTS, config);
    const stack = new ComponentStack(resources);
    const out = [...grantFindings(stack), ...roleFindings(stack)];
    for (const p of stack.policies) {
        const f = await profilePolicyFinding(p, c);
        if (f) out.push(f);
    }
    return out;
}

// Half 1: every grant to a component identity comes from that component and attaches its policies.

/** Findings for every attachment, inline policy and group membership that names a component identity. */
function grantFindings(stack: ComponentStack): Finding[] {
    const out: Finding[] = [];
    for (const g of stack.resources) {
        const target = attachmentTarget(g.type);
        if (!target) continue;
        for (const [field, kind] of target.principals) {
            if (kind === "group") continue;
            for (const identity of stack.targetsOf(g, field, kind)) {
                const app = stack.appOf(identity);
                if (app === undefined || stack.appOf(g) !== app) {
                    out.push({
                        urn: g.urn,
                        message:
                            `${label(g)} grants to ${label(identity)}, which StreamApplication created, from outside that ` +
                            "component: the identity must get exactly its declared profiles.",
                        details: { kind: "outside-grant", identity: identity.urn },
                    });
                } else if (target.grants) {
                    out.push({
                        urn: g.urn,
                        message:
                            `${label(g)} gives ${label(identity)} a ${target.grants}, which cannot be checked against its ` +
                            "profiles; grant through the component's profile-tagged policies only.",
                        details: { kind: "unverifiable-grant", identity: identity.urn },
                    });
                } else if (target.policyArns) {
                    const value = g.props[target.policyArns.field];
                    const arns = !target.policyArns.list ? [value] : Array.isArray(value) ? (value as unknown[]) : [];
                    for (const arn of arns) out.push(...attachedPolicyFindings(stack, g, identity, target.policyArns.field, arn));
                }
            }
        }
    }
    return out;
}

/** A component role's own grants: the managed policies it lists, and inline policies (which cannot be checked). */
function roleFindings(stack: ComponentStack): Finding[] {
    const out: Finding[] = [];
    for (const identity of stack.identities.values()) {
        if (identity.type !== TYPES.role) continue;
        const managed = identity.props.managedPolicyArns;
        if (Array.isArray(managed))
            for (const arn of managed) out.push(...attachedPolicyFindings(stack, identity, identity, "managedPolicyArns", arn));
        const inline = identity.props.inlinePolicies;
        if (
            Array.isArray(inline) &&
            inline.some((p) => isUnknown(p) || (p && typeof p === "object" && (p as Props).policy !== undefined))
        ) {
            out.push({
                urn: identity.urn,
                message:
                    `${label(identity)}, which StreamApplication created, has inline policies, which cannot be checked ` +
                    "against its profiles.",
                details: { kind: "unverifiable-grant", identity: identity.urn },
            });
        }
    }
    return out;
}

/** A policy attached (by `g`'s `field`) to a component identity must be one that identity's component created. */
function attachedPolicyFindings(
    stack: ComponentStack,
    g: StackResource,
    identity: StackResource,
    field: string,
    arn: unknown,
): Finding[] {
    const p = stack.policyOf(g, field, arn);
    if (p === undefined) return [];
    const app = stack.appOf(identity);
    // Declared by the component on its identity (managedPolicyArns): attached on purpose; the document rules judge it.
    const declared = (str(tagsOf(identity.props)[EXTRA_POLICIES_TAG]) ?? "").split(" ");
    if (p === "none" && stack.appOf(g) === app && str(arn) !== undefined && declared.includes(arn as string)) return [];
    if (p === "none") {
        const message =
            `${label(g)} attaches ${arn} to ${label(identity)}, which StreamApplication created: ` +
            "only policies that component built from its profiles may be attached.";
        return [{ urn: g.urn, message, details: { kind: "foreign-policy", identity: identity.urn, policyArn: arn } }];
    }
    if (stack.appOf(p) !== app || tagsOf(p.props)[COMPONENT_TAG] !== "StreamApplication") {
        const message =
            `${label(g)} attaches ${label(p)} to ${label(identity)}, ` +
            "but that policy was not created by the identity's StreamApplication component.";
        return [{ urn: g.urn, message, details: { kind: "foreign-policy", identity: identity.urn, policy: p.urn } }];
    }
    return [];
}

// Half 2: a profile-tagged policy allows nothing beyond its profiles.

async function profilePolicyFinding(p: StackResource, c: ProfileExactnessConfig): Promise<Finding | undefined> {
    const tags = tagsOf(p.props);
    const tagged = tags[PROFILES_TAG];
    if (tagged === undefined) {
        if (tags[COMPONENT_TAG] === undefined) return undefined;
        const message =
            `${label(p)} is tagged ${COMPONENT_TAG} but has no ${PROFILES_TAG} tag, ` + "so its contents cannot be checked.";
        return { urn: p.urn, message, details: { kind: "missing-profiles-tag" } };
    }
    const names = tagged.split(/\s+/).filter(Boolean);
    const unknownNames = names.filter((n) => !PROFILE_BY_NAME.has(n));
    if (unknownNames.length > 0 || names.length === 0) {
        const message = `${label(p)} names unknown profiles in ${PROFILES_TAG}: "${tagged}".`;
        return { urn: p.urn, message, details: { kind: "unknown-profile", profiles: unknownNames } };
    }
    const parsed = parsePolicyDocument(p.props.policy);
    if (parsed.status !== "ok") return undefined;
    const allowed = new Set(names.flatMap((n) => profileActions(PROFILE_BY_NAME.get(n)!)).map((a) => a.toLowerCase()));
    const permitted = (a: string) => allowed.has(a.toLowerCase()) || c.extraActions.some((x) => actionMatches(x, a));
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
    if (problems.length === 0) return undefined;
    return {
        urn: p.urn,
        message: `${label(p)} is tagged with the profiles ${names.join(", ")} but goes beyond them: ${problems.join("; ")}.`,
        details: { kind: "beyond-profiles", profiles: names, actions: [...beyond].sort() },
    };
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
