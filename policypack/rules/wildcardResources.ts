// `Resource: "*"` (or `stream/*`, `table/aft*`, a `*` region or account) for actions that support resource-level
// permissions grants them on every such resource, including those created later. Wildcard-only actions
// (kinesis:ListStreams) and those with a lone optional resource type (cloudwatch:PutMetricData) legitimately take "*".
// Identity policies only: a resource policy's Resource can name nothing but the resource it is attached to.

import { actionAppliesTo, expandActionNow, supportsResourceLevel } from "../iam/actions";
import { actionMatches, hasWildcard, splitArn } from "../iam/patterns";
import { CatalogAction, loadCatalogForDocument } from "../iam/catalog";
import { isBroadResourceNow } from "../iam/arns";
import { PolicyDocument, statementLabel } from "../iam/document";
import { IDENTITY_POLICY_KINDS } from "../iam/sources";
import { at, isAllow } from "./statements";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";

export interface WildcardResourcesConfig extends BaseConfig {
    /** Actions (patterns) that may be granted on "*" anyway. */
    allowedActions: string[];
    /**
     * ARN prefixes whose name-prefix wildcard is allowed: "arn:aws:dynamodb:eu-west-1:123456789012:table/aft" allows
     * `table/aft*`.
     */
    allowedNamePrefixes: string[];
}

export const WILDCARD_RESOURCES_DEFAULTS: WildcardResourcesConfig = {
    exemptResources: [],
    allowedActions: [],
    allowedNamePrefixes: [],
};

const SAME_ACCOUNT_ONLY = { sameAccountOnly: true } as const;

// iam-service-linked-role-scoped judges this action on every resource: "*" with an iam:AWSServiceName condition is
// as confined as a service-linked role ARN (the role name's wildcard included).
const SERVICE_LINKED = "iam:CreateServiceLinkedRole";

export async function checkWildcardResources(
    doc: PolicyDocument,
    config: Partial<WildcardResourcesConfig> = {},
): Promise<Finding[]> {
    await loadCatalogForDocument(doc);
    return wildcardResourcesFindings(doc, config);
}

/** checkWildcardResources once the catalogue has the document's services (loadCatalogForDocument first). */
export function wildcardResourcesFindings(doc: PolicyDocument, config: Partial<WildcardResourcesConfig> = {}): Finding[] {
    const c = withDefaults(WILDCARD_RESOURCES_DEFAULTS, config);
    const out: Finding[] = [];
    for (const s of doc.statements) {
        if (!isAllow(s) || !s.action || !s.resource) continue;
        // IAM's own actions act only in the caller's account, so for them a "*" account is not broad on its own.
        const broad: { r: string; sameAccountOnly: boolean }[] = [];
        for (const r of s.resource.values) {
            if (c.allowedNamePrefixes.some((p) => r === `${p}*`) || !isBroadResourceNow(r)) continue;
            broad.push({ r, sameAccountOnly: isBroadResourceNow(r, SAME_ACCOUNT_ONLY) });
        }
        if (broad.length === 0) continue;
        // The statement's actions, expanded; `allServices` stands for every action there is.
        let allServices = false;
        const actions: CatalogAction[] = [];
        for (const p of s.action.values) {
            const x = expandActionNow(p);
            if (x.allServices) allServices = true;
            actions.push(...x.actions);
        }
        for (const { r, sameAccountOnly } of broad) {
            const offending = new Set<string>();
            for (const a of actions) {
                if (!supportsResourceLevel(a) || c.allowedActions.some((p) => actionMatches(p, a.id))) continue;
                if (a.id === SERVICE_LINKED) continue;
                if (a.service === "iam" && !sameAccountOnly) continue;
                if (actionAppliesTo(a, r)) offending.add(a.id);
            }
            if (offending.size === 0 && !allServices) continue;
            const list = allServices ? ["*"] : [...offending].sort();
            const what = allServices ? "every action of every AWS service, including those" : list.join(", ");
            const where = sameNameIn(r);
            const support = allServices || list.length > 1 ? "these actions support" : "this action supports";
            out.push({
                message:
                    `${statementLabel(s)} allows ${what} on "${r}"${where}, but ${support} resource-level permissions: ` +
                    "name the resources (their ARNs) instead.",
                details: { ...at(s), resource: r, actions: list },
            });
        }
    }
    return out;
}

/**
 * Where the wildcard that makes an ARN broad is when it is not in the name: " (the same name in every account)" and
 * the like, also for a part below a named parent (`...:*:table/T/stream/*`); "" when the name itself has one.
 */
function sameNameIn(resource: string): string {
    const arn = splitArn(resource);
    if (!arn) return "";
    const fields = (["region", "account"] as const).filter((f) => hasWildcard(arn[f]));
    if (hasWildcard(arn.resource)) {
        if (fields.length === 0) return "";
        const fixed =
            `arn:${arn.partition}:${arn.service}:${hasWildcard(arn.region) ? "r" : arn.region}:` +
            `${hasWildcard(arn.account) ? "a" : arn.account}:${arn.resource}`;
        if (isBroadResourceNow(fixed)) return "";
    }
    return ` (the same name in every ${fields.length > 0 ? fields.join(" and ") : "region or account"})`;
}

export const wildcardResourcesRule: DocumentRule<WildcardResourcesConfig> = {
    name: "iam-no-wildcard-resources",
    description:
        'In identity policies, actions that support resource-level permissions must name their resources: no "*", no ' +
        "wildcard in the name (`stream/*`, `table/aft*`) or in the region or account (sub-resources of a named parent " +
        "such as `stream/NAME/consumer/*` are fine).",
    enforcementLevel: "mandatory",
    configSchema: schema({
        allowedActions: stringList('Actions (patterns) that may be granted on "*" anyway.'),
        allowedNamePrefixes: stringList(
            'ARN prefixes whose name-prefix wildcard is allowed: "arn:aws:dynamodb:eu-west-1:123456789012:table/aft" allows ' +
                '".../table/aft*".',
        ),
    }),
    defaults: WILDCARD_RESOURCES_DEFAULTS,
    // A table's resource policy with "Resource": "*" grants that table and its parts (indexes, exports), nothing else
    // (DynamoDB Developer Guide, rbac-examples; aws-cdk's TableGrants writes it so: resourceSelfArns: ['*']).
    kinds: IDENTITY_POLICY_KINDS,
    check: onDocument(wildcardResourcesFindings),
};

export const wildcardResources = documentPolicy(wildcardResourcesRule);
