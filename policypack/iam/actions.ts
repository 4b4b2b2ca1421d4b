// Questions about actions, answered from the catalogue (catalog.ts loads it): what an action pattern expands to,
// which resource types an action acts on, and whether it can act on a given ARN.

import {
    CatalogAction,
    CatalogResourceType,
    everyService,
    loadCatalogFor,
    serviceListNow,
    serviceNow,
    servicesMatching,
} from "./catalog";
import { actionMatches, hasWildcard, normalizeArn, withPolicyVariablesAs } from "./patterns";
import { templateIntersects } from "./templates";
import { remember } from "./memo";

/** The catalogue entry for an exact action such as "Kinesis:putrecord" (case-insensitive), if it exists. */
export async function lookupAction(action: string): Promise<CatalogAction | undefined> {
    await loadCatalogFor([action]);
    return lookupActionNow(action);
}

/** Exact actions looked up so far (null: no such action): every rule looks up the same few for every resource. */
const lookups = new Map<string, CatalogAction | null>();

/** lookupAction, once loadCatalogFor has loaded the action's service. */
export function lookupActionNow(action: string): CatalogAction | undefined {
    return remember(lookups, 5000, action, lookup) ?? undefined;
}

function lookup(action: string): CatalogAction | null {
    const [service, name, ...rest] = action.split(":");
    if (name === undefined || rest.length > 0) return null;
    return serviceNow(service)?.actions.get(name.toLowerCase()) ?? null;
}

export interface Expansion {
    pattern: string;
    /** Every service: the pattern's service part is all wildcard (e.g. "*" or "*:Get*"). Not expanded. */
    allServices: boolean;
    /** Catalogue actions the pattern matches, sorted by id (empty when allServices). */
    actions: CatalogAction[];
    /** Service prefixes named by the pattern that the catalogue does not know. */
    unknownServices: string[];
}

const expansions = new Map<string, Expansion>();

/** Expand an action pattern (exact or wildcard) against the catalogue. The result is shared: do not modify it. */
export async function expandAction(pattern: string): Promise<Expansion> {
    await loadCatalogFor([pattern]);
    return expandActionNow(pattern);
}

/**
 * expandAction, once loadCatalogFor has loaded the pattern's services. Remembered per pattern: several rules expand
 * the same few actions for every resource.
 */
export function expandActionNow(pattern: string): Expansion {
    return remember(expansions, 2000, pattern, expand);
}

function expand(pattern: string): Expansion {
    const colon = pattern.indexOf(":");
    const servicePart = colon < 0 ? pattern : pattern.slice(0, colon);
    const namePart = colon < 0 ? (pattern === "*" ? "*" : "") : pattern.slice(colon + 1);
    const out: Expansion = { pattern, allServices: false, actions: [], unknownServices: [] };
    if (colon < 0 && pattern !== "*") {
        out.unknownServices.push(pattern);
        return out;
    }
    let keys: string[];
    if (hasWildcard(servicePart)) {
        const list = serviceListNow();
        if (!everyService(servicePart) && !list)
            throw new Error("the catalogue has not loaded its service list (loadCatalogFor first)");
        const matching = everyService(servicePart) ? "all" : servicesMatching(servicePart, list!);
        if (matching === "all") {
            out.allServices = true;
            return out;
        }
        keys = matching;
    } else {
        keys = [servicePart];
    }
    for (const k of keys) {
        const s = serviceNow(k);
        if (!s) {
            out.unknownServices.push(servicePart);
            continue;
        }
        if (!hasWildcard(namePart)) {
            const a = s.actions.get(namePart.toLowerCase());
            if (a) out.actions.push(a);
            continue;
        }
        for (const a of s.actions.values()) if (actionMatches(`${k}:${namePart}`, a.id)) out.actions.push(a);
    }
    out.actions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out;
}

type ActionResourceType = CatalogResourceType & { required: boolean };
/** Per action, once: every rule asks about the same few actions for every resource. */
const actionTypes = new WeakMap<CatalogAction, ActionResourceType[]>();

/**
 * The catalogue resource types an action acts on, with their ARN templates. Synchronous: an action comes from a
 * loaded service, and these questions sit in the rules' innermost loops (every action × every resource). Do not
 * modify the result.
 */
export function resourceTypesOf(action: CatalogAction): ActionResourceType[] {
    let out = actionTypes.get(action);
    if (!out) {
        const s = serviceNow(action.service);
        out = [];
        for (const r of action.resourceTypes) {
            const t = s?.resourceTypes.get(r.name.toLowerCase());
            if (t) out.push({ ...t, required: r.required });
        }
        actionTypes.set(action, out);
    }
    return out;
}

/**
 * Could the resource pattern (an ARN, possibly with wildcards, or "*") name a resource this action acts on? A qualified
 * form of the type's ARN counts (`function:NAME:*`, the versions and aliases CDK's grantInvoke names): IAM matches the
 * ARN the request names, which for a qualified invocation is the qualified one.
 */
export function actionAppliesTo(action: CatalogAction, resource: string): boolean {
    if (resource === "*") return true;
    if (action.wildcardOnly) return false;
    let memo = applies.get(action);
    if (!memo) applies.set(action, (memo = new Map()));
    return remember(memo, 1000, resource, (r) => appliesNow(action, normalizeArn(withPolicyVariablesAs(r, "*"))));
}

/** Per action and resource: several rules ask about the same pairs of a statement (mismatch, wildcards, suggestions). */
const applies = new WeakMap<CatalogAction, Map<string, boolean>>();

function appliesNow(action: CatalogAction, pattern: string): boolean {
    for (const t of resourceTypesOf(action))
        for (const f of t.formats) {
            if (templateIntersects(f.compiled, pattern)) return true;
            for (const q of f.qualified) if (templateIntersects(q, pattern)) return true;
        }
    return false;
}

/**
 * Resource-level permissions: the action has a required resource type, or two or more alternatives, one of which every
 * request names. The catalogue marks such alternatives optional (s3:GetObject: `object` or `accesspointobject`). Only a
 * lone optional type (cloudwatch:PutMetricData's `dataset`) leaves `"*"` the grant.
 */
export function supportsResourceLevel(action: CatalogAction): boolean {
    return action.resourceTypes.length > 1 || action.resourceTypes.some((r) => r.required);
}
