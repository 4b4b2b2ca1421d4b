// The permission profiles of components/grants seen from a policy document: which profile a wildcard grant on a
// resource most likely stands for, so a violation can suggest the explicit list instead. Read through PROFILES, the
// workloads they come in (everyWorkload) and each statement's resource role only, so new or renamed profiles are
// followed without a change here.

import { Profile, ResourceRole } from "../../components/grants/profile";
import { PROFILES } from "../../components/grants/profiles";
import { everyWorkload } from "../../components/grants/everyWorkload";
import { actionMatches, splitArn } from "./patterns";
import { remember } from "./memo";

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

const rolesMemo = new Map<string, readonly ResourceRole[]>();

/** The resource roles an ARN (pattern) can play in the profiles, from its shape and name. Remembered: do not modify. */
export function classifyResource(resource: string): readonly ResourceRole[] {
    return remember(rolesMemo, 2000, resource, rolesOf);
}

function rolesOf(resource: string): ResourceRole[] {
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

/** A profile's Allow actions per resource role, as written and lower-cased: read once per profile. */
interface ProfileShape {
    byRole: Map<ResourceRole, string[]>;
    lower: Map<ResourceRole, Set<string>>;
}
let shapes: Map<Profile, ProfileShape> | undefined;
function shapeOf(p: Profile): ProfileShape {
    shapes ??= new Map();
    let shape = shapes.get(p);
    if (!shape) {
        shape = { byRole: new Map(), lower: new Map() };
        for (const st of p.statements.filter((x) => x.effect === "Allow")) {
            shape.byRole.set(st.role, [...(shape.byRole.get(st.role) ?? []), ...st.actions]);
            shape.lower.set(st.role, new Set([...(shape.lower.get(st.role) ?? []), ...st.actions.map((x) => x.toLowerCase())]));
        }
        shapes.set(p, shape);
    }
    return shape;
}

const covered = new Map<string, Map<Profile, Map<ResourceRole, string[]>>>();

/** Per profile and role, the profile's Allow actions a wildcard pattern covers (sorted, once each): the same per pattern. */
function coveredBy(pattern: string): Map<Profile, Map<ResourceRole, string[]>> {
    return remember(covered, 500, pattern, () => {
        const out = new Map<Profile, Map<ResourceRole, string[]>>();
        for (const p of PROFILES) {
            for (const [role, actions] of shapeOf(p).byRole) {
                const hit = [...new Set(actions.filter((a) => actionMatches(pattern, a)))].sort();
                if (hit.length > 0) out.set(p, (out.get(p) ?? new Map()).set(role, hit));
            }
        }
        return out;
    });
}

/** The document's explicit grants, each action lower-cased with the roles its resources can play. */
type Entry = { action: string; roles: ResourceRole[] };

let maximal: readonly (readonly Profile[])[] | undefined;

/**
 * How well each profile's workloads fit the document: per profile, the most of the document's explicit grants that one
 * workload it comes in also grants (the action, on a resource of a role it grants it on). Over every workload the
 * components can build (everyWorkload), so a producer's metrics are not suggested to a KCL application.
 */
function workloadFit(entries: readonly Entry[]): { of: Map<Profile, number>; best: number } {
    // A set inside another fits no better: the largest sets give the same maxima, and there are a twelfth as many.
    maximal ??= everyWorkload().filter((w) => !everyWorkload().some((v) => v.length > w.length && w.every((p) => v.includes(p))));
    const covers = new Map<Profile, number[]>();
    for (const p of PROFILES) {
        const { lower } = shapeOf(p);
        const hit: number[] = [];
        entries.forEach((e, i) => e.roles.some((role) => lower.get(role)?.has(e.action)) && hit.push(i));
        covers.set(p, hit);
    }
    // Plain loops, a mark per entry: this runs for every wildcard of every fresh document.
    const of = new Map<Profile, number>();
    const seen = new Int32Array(entries.length).fill(-1);
    let best = 0;
    maximal.forEach((w, j) => {
        let n = 0;
        for (const p of w)
            for (const i of covers.get(p)!) {
                if (seen[i] === j) continue;
                seen[i] = j;
                n++;
            }
        for (const p of w) of.set(p, Math.max(of.get(p) ?? 0, n));
        best = Math.max(best, n);
    });
    return { of, best };
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
 * covers, of a workload that grants some of the document's explicit grants (a lone wildcard gets no suggestion); for
 * "*", only those of the workloads that fit the document best. They are ranked, from the profiles' resource roles
 * only (never their names), by: how many of those actions the document already grants by name on resources of that
 * role; the role's rank for the resource (a table is a KCL lease table before a streaming source); how well the
 * profile's workloads fit the document (workloadFit); how few roles of the profile the document names no resource for
 * (KCL 3.x's metadata tables); how many actions the wildcard covers; then PROFILES order.
 */
export function suggestProfiles(pattern: string, resources: readonly string[], ctx: GrantContext): Suggestion[] {
    const docRoles = new Set(ctx.resources.flatMap(classifyResource));
    const entries: Entry[] = ctx.explicit.map((g) => ({
        action: g.action.toLowerCase(),
        roles: g.resources.flatMap(classifyResource),
    }));
    const named = new Map<ResourceRole, Set<string>>();
    const namedOn = (role: ResourceRole) =>
        named.get(role) ??
        named.set(role, new Set(entries.filter((e) => e.roles.includes(role)).map((e) => e.action))).get(role)!;
    let fit: ReturnType<typeof workloadFit> | undefined;
    const out: Suggestion[] = [];
    for (const r of resources) {
        const roles = classifyResource(r);
        let best: { profile: Profile; actions: string[]; score: number[] } | undefined;
        for (const [p, hits] of coveredBy(pattern)) {
            const { byRole } = shapeOf(p);
            const rank = roles.findIndex((role) => hits.has(role));
            if (rank < 0) continue;
            const role = roles[rank];
            const onRole = byRole.get(role)!;
            const actions = hits.get(role)!;
            const shared = onRole.filter((a) => namedOn(role).has(a.toLowerCase())).length;
            const missing = [...byRole.keys()].filter((x) => x !== role && !docRoles.has(x)).length;
            fit ??= workloadFit(entries);
            const kin = fit.of.get(p) ?? 0;
            // Only the document's own grants say whose wildcard it is: a table may be a KCL lease table or an AppSync
            // resolver's, and "*" names no workload at all (kinesis:* on "*" is not an operator's ListStreams).
            if (kin === 0 || (role === "*" && kin < fit.best)) continue;
            const score = [shared, -rank, kin, -missing, actions.length];
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
