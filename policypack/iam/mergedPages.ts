// Prefixes the catalogue holds two Service Authorization Reference pages under. For an action both pages define, the
// data keeps one page's entry, so the resource types the other page's entry names are lost. These corrections put
// them back, each with its page.

import type { CatalogAction, CatalogResourceType } from "./catalog";

/**
 * `apigateway` is "Amazon API Gateway Management" (REST APIs, `/restapis/...`) and "... Management V2" (HTTP and
 * WebSocket APIs, `/apis/...`, list_amazonapigatewaymanagementv2.html). The V2 types (`Apis`, `Route`, `Cors`, ...) are
 * named by no action at all, and `apigateway:GET` on `arn:aws:apigateway:*::/apis` (SecurityAudit, ViewOnlyAccess and
 * eight more AWS managed policies) acted on nothing. The shared verbs also act, optionally, on every type no action
 * names. Which verb each of those took is lost with the page, so each may take any: a rule then never claims a verb
 * misses one.
 */
const ORPHAN_TYPES_VERBS: Readonly<Record<string, readonly string[]>> = { apigateway: ["DELETE", "GET", "PATCH", "POST", "PUT"] };

const V2_LOAD_BALANCERS = ["loadbalancer/app/", "loadbalancer/gwy/", "loadbalancer/net/"];
const V2_LISTENERS = ["listener/app", "listener/gwy", "listener/net", "listener-rule/app", "listener-rule/net"];
const V2_TAGGABLE = [...V2_LOAD_BALANCERS, ...V2_LISTENERS, "targetgroup", "truststore"];

/**
 * `elasticloadbalancing` is "Elastic Load Balancing" (Classic, `loadbalancer/NAME`) and "Elastic Load Balancing V2"
 * (list_awselasticloadbalancingv2.html). For the five actions both define, the data keeps the Classic entry, so
 * `AddTags` on a target group and `DeleteLoadBalancer` on `loadbalancer/app/...` acted on nothing (the AWS Load Balancer
 * Controller's policy, AWSMigrationHubRefactorSpacesFullAccess). The V2 entries' types, from that page and the V2 API
 * Reference (AddTags tags "Application Load Balancers, Network Load Balancers, Gateway Load Balancers, target groups,
 * trust stores, listeners, and rules"), as alternatives.
 */
const LOST_ENTRIES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
    elasticloadbalancing: {
        addtags: V2_TAGGABLE,
        removetags: V2_TAGGABLE,
        createloadbalancer: V2_LOAD_BALANCERS,
        deleteloadbalancer: V2_LOAD_BALANCERS,
        modifyloadbalancerattributes: V2_LOAD_BALANCERS,
    },
};

/** Adds to a loaded service's actions the resource types their other page's entry names. */
export function addMergedPageTypes(
    key: string,
    actions: Map<string, CatalogAction>,
    types: Map<string, CatalogResourceType>,
): void {
    const verbs = ORPHAN_TYPES_VERBS[key];
    if (verbs) {
        const named = new Set<string>();
        for (const a of actions.values()) for (const r of a.resourceTypes) named.add(r.name.toLowerCase());
        const orphans = [...types.keys()].filter((t) => !named.has(t)).map((t) => types.get(t)!.name);
        for (const verb of verbs) addTypes(actions.get(verb.toLowerCase()), orphans);
    }
    for (const [action, lost] of Object.entries(LOST_ENTRIES[key] ?? {}))
        addTypes(
            actions.get(action),
            lost.filter((t) => types.has(t.toLowerCase())).map((t) => types.get(t.toLowerCase())!.name),
        );
}

/** The types as optional alternatives of the action, those it does not name already. */
function addTypes(a: CatalogAction | undefined, names: readonly string[]): void {
    if (!a) return;
    const have = new Set(a.resourceTypes.map((r) => r.name.toLowerCase()));
    const more = names.filter((n) => !have.has(n.toLowerCase())).map((name) => ({ name, required: false }));
    if (more.length > 0) a.resourceTypes = [...a.resourceTypes, ...more];
}
