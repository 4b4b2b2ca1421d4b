// The statements soundness() draws, each labelled clean or over-granting by construction: the label is what the
// pack must say about it.
import * as fc from "fast-check";
import {
    ActionMutation,
    actionMutationArb,
    Cut,
    cutArb,
    mutateAction,
    mutateResource,
    mutateService,
    recase,
    ResourceMutation,
    resourceMutationArb,
} from "./patterns";
import { Action, arnParts, join, resourceFor, SLR_ARN, SLR_SERVICE, Universe } from "./universe";
import { Json, CONDITIONS, one, listOf } from "./jsonForms";
import { validResource } from "./grammar";

/** What a statement grants, by construction. */
export type Label =
    /** Explicit known actions on named resources, or actions without required resource types on "*". */
    | "clean"
    /** Any Deny: never an over-grant. */
    | "deny"
    /** Allow with a wildcard in an action (`*`, `?`, prefix, infix, service-level, service part). */
    | "wildcard-action"
    /** Allow with NotAction. */
    | "not-action"
    /** Allow with NotResource. */
    | "not-resource"
    /** Allow of an action with resource-level permissions on "*" or on every resource of a type (`stream/*`). */
    | "broad-resource";

export const OVER_GRANTS: readonly Label[] = ["wildcard-action", "not-action", "not-resource", "broad-resource"];

export interface CleanSeed {
    actions: number[];
    caseMask: number;
    /**
     * 0..99: below 70 named resources of the actions' types, below 85 "*" with star-only actions, else sub-resource wildcards.
     */
    shape: number;
    picks: number[];
}

export const cleanSeed: fc.Arbitrary<CleanSeed> = fc.record({
    actions: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    caseMask: fc.oneof(fc.constant(0), fc.nat()),
    shape: fc.nat({ max: 99 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
});

/** A wildcard in a variable below a named parent (`table/T/index/*`, `stream/S/consumer/*`), or none. */
export function subResourceWildcard(a: Action, pick: number): string | undefined {
    for (let k = 0; k < a.types.length; k++) {
        const parts = arnParts(a.types[(pick + k) % a.types.length].type, pick);
        const naming = parts.filter((p) => p.naming);
        if (naming.length < 2) continue;
        const later = naming.filter((p) => p.segment > naming[0].segment);
        if (later.length === 0) continue;
        const target = later[pick % later.length];
        return join(parts.map((p) => (p === target ? { ...p, text: pick % 3 === 0 ? "*" : `${p.text.slice(0, 1)}*` } : p)));
    }
    return undefined;
}

export function cleanStatement(u: Universe, s: CleanSeed, condition: number): { [k: string]: Json } {
    if (s.shape >= 70 && s.shape < 85) {
        // Only actions without required resource types on "*" (kinesis:ListStreams, cloudwatch:PutMetricData).
        const actions = s.actions.map((i) => recase(one(u.starOnly, i).id, s.caseMask));
        return {
            Effect: "Allow",
            Action: actions,
            Resource: "*",
            ...(condition >= 0 ? { Condition: CONDITIONS[condition] } : {}),
        };
    }
    const chosen = s.actions.map((i) => one(u.typed, i)).filter((a) => a.id !== "iam:CreateServiceLinkedRole");
    if (chosen.length === 0) {
        // iam:CreateServiceLinkedRole is least-privilege only on the role's ARN and with its service named (seed 003).
        return {
            Effect: "Allow",
            Action: "iam:CreateServiceLinkedRole",
            Resource: SLR_ARN,
            Condition: { StringLike: { "iam:AWSServiceName": SLR_SERVICE } },
        };
    }
    const resources = new Set<string>();
    for (const [j, a] of chosen.entries()) {
        const pick = s.picks[j % s.picks.length];
        const sub = s.shape >= 85 ? subResourceWildcard(a, pick) : undefined;
        resources.add(sub ?? resourceFor(a, pick));
    }
    const actions = chosen.map((a) => recase(a.id, s.caseMask));
    return {
        Effect: "Allow",
        Action: listOf(actions, s.picks.length > 1),
        Resource: listOf([...resources], s.picks.length > 2),
        ...(condition >= 0 ? { Condition: CONDITIONS[condition] } : {}),
    };
}

export interface OverSeed {
    kind: number;
    action: number;
    cuts: Cut[];
    am: ActionMutation;
    pick: number;
    extra: CleanSeed;
}

export const overSeed: fc.Arbitrary<OverSeed> = fc.record({
    kind: fc.nat({ max: 3 }),
    action: fc.nat(),
    cuts: fc.array(cutArb, { minLength: 1, maxLength: 2 }),
    am: actionMutationArb,
    pick: fc.nat(),
    extra: cleanSeed,
});

/** Replace the resource's own name (the first naming variable) with a wildcard pattern: every resource of the type. */
export function broadResource(a: Action, pick: number): string {
    const shape = pick % 7;
    if (shape === 0) return "*";
    const parts = arnParts(a.types[pick % a.types.length].type, pick);
    const arn = join(parts);
    if (shape === 5) {
        // An ARN cut short: IAM reads the missing fields as "*" (`arn:aws:kinesis:us-west-2:123456789012`).
        return arn
            .split(":")
            .slice(0, 3 + (pick % 3))
            .join(":");
    }
    const first = parts.find((p) => p.naming);
    if (!first) return "*";
    const wild = ["*", `${first.text.slice(0, 2)}*`, "?".repeat(first.text.length), `*${first.text.slice(-1)}`][pick % 4];
    const out = join(parts.map((p) => (p === first ? { ...p, text: wild } : p)));
    // The service field in another case still names the service.
    return shape === 6
        ? out.replace(
              /^arn:([^:]*):([^:]*):/,
              (_, partition: string, service: string) => `arn:${partition}:${service.toUpperCase()}:`,
          )
        : out;
}

export function overGrant(u: Universe, s: OverSeed, condition: number): { label: Label; statement: { [k: string]: Json } } {
    const base = cleanStatement(u, s.extra, condition);
    const cond: { [k: string]: Json } = condition >= 0 ? { Condition: CONDITIONS[condition] } : {};
    switch (s.kind) {
        case 0: {
            // A wildcard somewhere in an action: name part (prefix, infix, `?`, service-level) or service part.
            const id = one(u.actions, s.action).id;
            let p = mutateAction(id, { ...s.am, cuts: s.am.cuts.length ? s.am.cuts : s.cuts });
            if (!/[*?]/.test(p))
                p =
                    s.pick % 4 === 0
                        ? mutateService(
                              id,
                              s.cuts.map((c) => ({ ...c, with: c.with || "*" })),
                          )
                        : `${p.slice(0, -1)}?`;
            if (!/[*?]/.test(p)) p = `${p}*`;
            const actions = [...[base.Action].flat(), p] as string[];
            return { label: "wildcard-action", statement: { ...base, Action: actions } };
        }
        case 1: {
            const { Action, ...rest } = base;
            return { label: "not-action", statement: { ...rest, NotAction: Action } };
        }
        case 2: {
            const { Resource, ...rest } = base;
            return { label: "not-resource", statement: { ...rest, NotResource: Resource } };
        }
        default: {
            const a = one(u.resourceLevel, s.action);
            // An iam:AWSServiceName condition confines iam:CreateServiceLinkedRole on any resource: no over-grant then.
            const confines = a.id === "iam:CreateServiceLinkedRole" && JSON.stringify(cond).includes("iam:AWSServiceName");
            return {
                label: "broad-resource",
                statement: {
                    Effect: "Allow",
                    Action: listOf([recase(a.id, s.am.caseMask)], s.pick % 2 === 0),
                    Resource: listOf([broadResource(a, s.pick)], s.pick % 3 === 0),
                    ...(confines ? {} : cond),
                },
            };
        }
    }
}

export interface DenySeed {
    actions: { id: number; am: ActionMutation }[];
    resources: { id: number; rm: ResourceMutation }[];
    notAction: boolean;
    notResource: boolean;
}

export const denySeed: fc.Arbitrary<DenySeed> = fc.record({
    actions: fc.array(fc.record({ id: fc.nat(), am: actionMutationArb }), { minLength: 1, maxLength: 3 }),
    resources: fc.array(fc.record({ id: fc.nat(), rm: resourceMutationArb }), { minLength: 1, maxLength: 2 }),
    notAction: fc.boolean(),
    notResource: fc.boolean(),
});

export function denyStatement(u: Universe, s: DenySeed, condition: number): { [k: string]: Json } {
    const actions = s.actions.map((x) => mutateAction(one(u.actions, x.id).id, x.am));
    const resources = s.resources.map((x) => {
        const from = resourceFor(one(u.actions, x.id), x.id >> 4);
        return validResource(mutateResource(from, x.rm)) ?? from;
    });
    return {
        Effect: "Deny",
        [s.notAction ? "NotAction" : "Action"]: listOf(actions, actions.length > 1),
        [s.notResource ? "NotResource" : "Resource"]: listOf(resources, resources.length > 1),
        ...(condition >= 0 ? { Condition: CONDITIONS[condition] } : {}),
    };
}
