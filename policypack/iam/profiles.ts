// The permission profiles of components/grants seen from a policy document: which profile a wildcard grant on a
// resource most likely stands for, so a violation can suggest the explicit list instead. Read through PROFILES and
// each statement's resource role only, so new or renamed profiles are followed without a change here.

import { Profile, ResourceRole } from "../../components/grants/profile";
import { PROFILES } from "../../components/grants/profiles";
import { actionMatches, splitArn } from "./patterns";

export const PROFILE_BY_NAME: ReadonlyMap<string, Profile> = new Map(PROFILES.map((p) => [p.name, p]));

const actionsOf = new WeakMap<Profile, Partial<Record<"Allow" | "Deny", string[]>>>();

/** Actions a profile grants (or denies), as written in the profile. Computed once per profile: do not modify. */
export function profileActions(profile: Profile, effect: "Allow" | "Deny" = "Allow"): string[] {
    let byEffect = actionsOf.get(profile);
    if (!byEffect) actionsOf.set(profile, (byEffect = {}));
    return (byEffect[effect] ??= [
        ...new Set(profile.statements.filter((s) => s.effect === effect).flatMap((s) => s.actions)),
    ].sort());
}

/** The resource roles an ARN (pattern) can play in the profiles, from its shape and name. */
export function classifyResource(resource: string): ResourceRole[] {
    if (resource === "*") return ["*"];
    const arn = splitArn(resource);
    if (!arn) return [];
    const seg = arn.resource.split("/");
    switch (arn.service) {
        case "kinesis":
            if (seg[0] === "stream" && seg.length === 2) return ["stream"];
            if (seg[0] === "stream" && seg[2] === "consumer") return ["streamConsumer"];
            return [];
        case "dynamodb":
            if (seg[0] !== "table") return [];
            if (seg.length === 2) {
                if (seg[1].endsWith("-WorkerMetricStats")) return ["workerMetricsTable"];
                if (seg[1].endsWith("-CoordinatorState")) return ["coordinatorStateTable"];
                return ["leaseTable", "table"];
            }
            return seg[2] === "index" ? ["leaseTableIndex"] : [];
        case "kms":
            return seg[0] === "key" ? ["kmsKey"] : [];
        case "iam":
            return seg[0] === "role" && seg[1] === "aws-service-role" ? ["serviceLinkedRole"] : [];
        default:
            return [];
    }
}

export interface Suggestion {
    profile: string;
    /** The profile's actions on these resources that the wildcard covers: the explicit list to write instead. */
    actions: string[];
    resources: string[];
}

/** What the document grants by name, and on what: the context a suggestion is ranked in. */
export interface GrantContext {
    /** Explicit (wildcard-free) actions of the document's Allow statements, each with the statement's resources. */
    explicit: readonly { action: string; resources: readonly string[] }[];
    /** Every resource the document's Allow statements name. */
    resources: readonly string[];
}

/**
 * For a wildcard action pattern on some resources: per resource, the explicit list of the one profile that fits best.
 * Candidates are the profiles with an Allow statement on a role the resource can play whose actions the pattern
 * covers. They are ranked, from the profiles' resource roles only (never their names), by: how many of those
 * actions the document already grants by name on resources of that role; the role's rank for the resource (a table
 * is a KCL lease table before a streaming source); how few roles of the profile the document names no resource for
 * (KCL 3.x's metadata tables); how many actions the wildcard covers; then PROFILES order.
 */
export function suggestProfiles(pattern: string, resources: readonly string[], ctx: GrantContext): Suggestion[] {
    const docRoles = new Set(ctx.resources.flatMap(classifyResource));
    const namedOn = (role: ResourceRole) =>
        new Set(
            ctx.explicit
                .filter((g) => g.resources.some((r) => classifyResource(r).includes(role)))
                .map((g) => g.action.toLowerCase()),
        );
    const out: Suggestion[] = [];
    for (const r of resources) {
        const roles = classifyResource(r);
        let best: { profile: Profile; actions: string[]; score: number[] } | undefined;
        for (const p of PROFILES) {
            const allows = p.statements.filter((st) => st.effect === "Allow");
            const rank = roles.findIndex((role) =>
                allows.some((st) => st.role === role && st.actions.some((a) => actionMatches(pattern, a))),
            );
            if (rank < 0) continue;
            const role = roles[rank];
            const actions = [
                ...new Set(
                    allows.filter((st) => st.role === role).flatMap((st) => st.actions.filter((a) => actionMatches(pattern, a))),
                ),
            ].sort();
            const named = namedOn(role);
            const shared = allows
                .filter((st) => st.role === role)
                .flatMap((st) => st.actions)
                .filter((a) => named.has(a.toLowerCase())).length;
            const missing = new Set(allows.map((st) => st.role).filter((x) => x !== role && !docRoles.has(x))).size;
            const score = [shared, -rank, -missing, actions.length];
            const k = best ? score.findIndex((x, j) => x !== best!.score[j]) : -1;
            if (!best || (k >= 0 && score[k] > best.score[k])) best = { profile: p, actions, score };
        }
        if (!best) continue;
        const same = out.find((x) => x.profile === best!.profile.name && x.actions.join() === best!.actions.join());
        if (same) same.resources.push(r);
        else out.push({ profile: best.profile.name, actions: best.actions, resources: [r] });
    }
    return out;
}
