// `Resource: "*"` (or `stream/*`, `table/*`) for actions that support resource-level permissions grants them on
// every such resource in the account. Wildcard-only actions and actions whose resource types are all optional
// (cloudwatch:PutMetricData, kinesis:ListStreams) legitimately take "*".

import { actionAppliesTo, actionMatches, CatalogAction, expandAction, isBroadResource, PolicyDocument, statementLabel, supportsResourceLevel } from "../iam";
import { at, BaseConfig, documentPolicy, DocumentRule, Finding, isAllow, onDocument, schema, stringList, withDefaults } from "./common";

export interface WildcardResourcesConfig extends BaseConfig {
    /** Actions (patterns) that may be granted on "*" anyway. */
    allowedActions: string[];
}

export const WILDCARD_RESOURCES_DEFAULTS: WildcardResourcesConfig = { exemptResources: [], allowedActions: [] };

export async function checkWildcardResources(doc: PolicyDocument, config: Partial<WildcardResourcesConfig> = {}): Promise<Finding[]> {
    const c = withDefaults(WILDCARD_RESOURCES_DEFAULTS, config);
    const out: Finding[] = [];
    for (const s of doc.statements.filter(isAllow)) {
        if (!s.action || !s.resource) continue;
        const broad: string[] = [];
        for (const r of s.resource.values) if (await isBroadResource(r)) broad.push(r);
        if (broad.length === 0) continue;
        // The statement's actions, expanded; `allServices` stands for every action there is.
        let allServices = false;
        const actions: CatalogAction[] = [];
        for (const p of s.action.values) {
            const x = await expandAction(p);
            if (x.allServices) allServices = true;
            actions.push(...x.actions);
        }
        for (const r of broad) {
            const offending = new Set<string>();
            for (const a of actions) {
                if (!supportsResourceLevel(a) || c.allowedActions.some((p) => actionMatches(p, a.id))) continue;
                if (await actionAppliesTo(a, r)) offending.add(a.id);
            }
            if (offending.size === 0 && !allServices) continue;
            const list = allServices ? ["*"] : [...offending].sort();
            const what = allServices ? "every action of every AWS service, including those" : list.join(", ");
            out.push({
                message: `${statementLabel(s)} allows ${what} on "${r}", but ${allServices || list.length > 1 ? "these actions support" : "this action supports"} resource-level permissions: name the resources (their ARNs) instead.`,
                details: { ...at(s), resource: r, actions: list },
            });
        }
    }
    return out;
}

export const wildcardResourcesRule: DocumentRule<WildcardResourcesConfig> = {
    name: "iam-no-wildcard-resources",
    description:
        'Actions that support resource-level permissions must name their resources: no "*" or wildcard resource names such as `stream/*` (sub-resources of a named parent such as `stream/NAME/consumer/*` are fine).',
    enforcementLevel: "mandatory",
    configSchema: schema({ allowedActions: stringList('Actions (patterns) that may be granted on "*" anyway.') }),
    defaults: WILDCARD_RESOURCES_DEFAULTS,
    check: onDocument(checkWildcardResources),
};

export const wildcardResources = documentPolicy(wildcardResourcesRule);
