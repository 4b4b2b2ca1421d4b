// The permission profiles of components/grants seen from a policy document: which profile a wildcard grant on a
// resource most likely stands for, so a violation can suggest the explicit list instead.

import {
    consumerStreamProfiles,
    kclApplicationProfiles,
    KCL_VERSIONS,
    LEASE_TABLE_MODES,
    PRODUCER_CLIENTS,
    producerProfiles,
    Profile,
    PROFILES,
    ResourceRole,
    streamingOperatorProfiles,
} from "../../components/grants";
import { actionMatches, splitArn } from "./patterns";

export const PROFILE_BY_NAME: ReadonlyMap<string, Profile> = new Map(PROFILES.map((p) => [p.name, p]));

const actionsOf = new WeakMap<Profile, Partial<Record<"Allow" | "Deny", string[]>>>();

/** Actions a profile grants (or denies), as written in the profile. Computed once per profile: do not modify. */
export function profileActions(profile: Profile, effect: "Allow" | "Deny" = "Allow"): string[] {
    let byEffect = actionsOf.get(profile);
    if (!byEffect) actionsOf.set(profile, (byEffect = {}));
    return (byEffect[effect] ??= [...new Set(profile.statements.filter((s) => s.effect === effect).flatMap((s) => s.actions))].sort());
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

// The profile sets that one workload uses together, from the same functions the components call.
const BUNDLES: readonly (readonly Profile[])[] = (() => {
    const out: Profile[][] = [];
    for (const kcl of KCL_VERSIONS) {
        for (const enhancedFanOut of kcl === "1.x" ? [false] : [false, true]) {
            for (const leaseTables of LEASE_TABLE_MODES) {
                for (const customerManagedKey of [false, true]) {
                    out.push([...consumerStreamProfiles({ kcl, enhancedFanOut, customerManagedKey }), ...kclApplicationProfiles({ kcl, leaseTables })]);
                }
            }
        }
    }
    for (const client of PRODUCER_CLIENTS) for (const customerManagedKey of [false, true]) out.push(producerProfiles({ client, customerManagedKey }));
    for (const customerManagedKey of [false, true]) out.push(producerProfiles({ client: "sdk", statusCheck: true, customerManagedKey }));
    for (let bits = 1; bits < 16; bits++) {
        out.push(streamingOperatorProfiles({ enable: !!(bits & 1), describe: !!(bits & 2), disable: !!(bits & 4), denyDisable: !!(bits & 8) }));
    }
    return out;
})();

/** Each bundle's actions, computed on first use. */
let BUNDLE_ACTIONS: string[][] | undefined;

export interface Suggestion {
    profile: string;
    /** The profile's actions on these resources that the wildcard covers: the explicit list to write instead. */
    actions: string[];
    resources: string[];
    /** Other profiles that also apply, best first. */
    alternatives: string[];
}

/** What the document already grants by name, and what its wildcards cover: the context a suggestion is ranked in. */
export interface GrantContext {
    explicit: ReadonlySet<string>;
    patterns: readonly string[];
}

/**
 * For a wildcard action pattern on some resources: the explicit lists of the workload it most likely stands for.
 * Each bundle (the profiles one workload uses together) is scored by how many of the resources it has a profile
 * for, then how many actions the document grants by name it shares, then how few actions it needs that the
 * document does not grant, then how many of its actions the wildcard covers. The best bundle's profiles give the
 * suggestions; profiles of other bundles that also apply are listed as alternatives.
 */
export function suggestProfiles(pattern: string, resources: readonly string[], ctx: GrantContext): Suggestion[] {
    const explicit = new Set([...ctx.explicit].map((a) => a.toLowerCase()));
    const roles = resources.map(classifyResource);
    // Bundles share their profiles and actions: work out each (profile, resource) and each action once.
    const applyingMemo = new Map<Profile, (string[] | undefined)[]>();
    /** The actions of `p` on resource i that the pattern covers. */
    const applying = (p: Profile, i: number): string[] => {
        let byResource = applyingMemo.get(p);
        if (!byResource) applyingMemo.set(p, (byResource = []));
        return (byResource[i] ??= [
            ...new Set(p.statements.filter((s) => s.effect === "Allow" && roles[i].includes(s.role)).flatMap((s) => s.actions.filter((a) => actionMatches(pattern, a)))),
        ].sort());
    };
    const facts = new Map<string, { explicit: boolean; covered: boolean; matches: boolean }>();
    const factsOf = (a: string) => {
        let f = facts.get(a);
        if (!f) {
            const named = explicit.has(a.toLowerCase());
            f = { explicit: named, covered: named || ctx.patterns.some((p) => actionMatches(p, a)), matches: actionMatches(pattern, a) };
            facts.set(a, f);
        }
        return f;
    };
    let best: { bundle: readonly Profile[]; score: number[] } | undefined;
    BUNDLE_ACTIONS ??= BUNDLES.map((bundle) => [...new Set(bundle.flatMap((p) => profileActions(p)))]);
    for (const [b, bundle] of BUNDLES.entries()) {
        const coverage = resources.filter((_, i) => bundle.some((p) => applying(p, i).length > 0)).length;
        if (coverage === 0) continue;
        const score = [coverage, 0, 0, 0];
        for (const a of BUNDLE_ACTIONS[b]) {
            const f = factsOf(a);
            if (f.explicit) score[1]++;
            if (!f.covered) score[2]--;
            if (f.matches) score[3]++;
        }
        // Lexicographic; the first bundle wins ties.
        const k = best ? score.findIndex((x, j) => x !== best!.score[j]) : -1;
        if (!best || (k >= 0 && score[k] > best.score[k])) best = { bundle, score };
    }
    if (!best) return [];
    const out: Suggestion[] = [];
    resources.forEach((r, i) => {
        for (const p of PROFILES) {
            if (!best!.bundle.includes(p)) continue;
            const actions = applying(p, i);
            if (actions.length === 0) continue;
            const same = out.find((s) => s.profile === p.name && s.actions.join() === actions.join());
            if (same) same.resources.push(r);
            else out.push({ profile: p.name, actions, resources: [r], alternatives: [] });
        }
    });
    for (const s of out) {
        const idx = s.resources.map((r) => resources.indexOf(r));
        s.alternatives = PROFILES.filter((p) => !best!.bundle.includes(p) && idx.some((i) => applying(p, i).length > 0)).map((p) => p.name);
    }
    return out;
}
