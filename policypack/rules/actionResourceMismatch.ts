// An action granted only on resources it does not act on (kinesis:PutRecord on a table ARN) has no effect: the
// workload fails and the usual "fix" is a wildcard. Resource types and ARN formats come from the catalogue.

import { actionAppliesTo, expandActionNow, lookupActionNow, resourceTypesOf } from "../iam/actions";
import { CatalogAction, loadCatalogForDocument } from "../iam/catalog";
import { hasWildcard } from "../iam/patterns";
import { matchesNoResourceTypeNow } from "../iam/arns";
import { statementLabel } from "../iam/document";
import type { PolicyDocument } from "../iam/document";
import { at, quote } from "./statements";
import { BaseConfig, NO_OPTIONS } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";

export async function checkActionResourceMismatch(doc: PolicyDocument): Promise<Finding[]> {
    await loadCatalogForDocument(doc);
    return actionResourceMismatchFindings(doc);
}

/** checkActionResourceMismatch once the catalogue has the document's services (loadCatalogForDocument first). */
export function actionResourceMismatchFindings(doc: PolicyDocument): Finding[] {
    const out: Finding[] = [];
    for (const s of doc.statements) {
        if (!s.action || !s.resource || s.resource.unknown) continue;
        // In an Allow, an ARN that matches no resource type at all is iam-policy-document-valid's (mandatory) finding.
        const resources: string[] = [];
        for (const r of s.resource.values) if (s.effect !== "Allow" || !matchesNoResourceTypeNow(r)) resources.push(r);
        if (resources.length === 0) continue;
        const { explicit, all, everything } = actionsOf(s.action.values);
        const satisfied: CatalogAction[] = [];
        for (const a of explicit) {
            if (resources.some((r) => actionAppliesTo(a, r))) {
                satisfied.push(a);
                continue;
            }
            // No resource-level permissions: the catalogue lists no resource type, yet some services check the action
            // against an ARN of their choosing, not "*". CloudWatch Logs refuses logs:DescribeLogGroups "on resource:
            // arn:aws:logs:REGION:ACCOUNT:log-group::log-stream:" (hashicorp/terraform-provider-aws#8804), which AWS's
            // own arn:aws:logs:*:*:* grants (AWSNetworkFirewallFullAccess); AWS's policies scope ssmmessages:OpenDataChannel
            // to arn:aws:ssm:*:*:session/* (AWSCloud9User). So "may", never "has no effect".
            if (a.wildcardOnly) {
                out.push({
                    message:
                        `${statementLabel(s)} grants ${a.id} only on ${quote(resources)}: it has no resource-level ` +
                        "permissions, and the ARN its service authorizes it on is not documented, so the grant may have " +
                        'no effect. Grant it on "*" if the workload calls it, or remove it.',
                    details: { ...at(s), action: a.id, resources, expects: ["*"], undocumented: true },
                });
                continue;
            }
            const types = resourceTypesOf(a);
            out.push({
                message:
                    `${statementLabel(s)} grants ${a.id} only on ${quote(resources)}, which it does not act on: it takes ` +
                    `${typeList(types)}. As written the grant has no effect.`,
                details: { ...at(s), action: a.id, resources, expects: types.map((t) => t.name) },
            });
        }
        if (everything || satisfied.length === 0) continue;
        for (const r of resources) {
            if (r === "*") continue;
            if (!all.some((a) => actionAppliesTo(a, r))) {
                out.push({
                    message: `${statementLabel(s)} names the resource "${r}", which none of its actions act on.`,
                    details: { ...at(s), resource: r },
                });
            }
        }
    }
    return out;
}

/**
 * A statement's actions from the catalogue: those it names, and all it covers (patterns expanded); `everything` when a
 * pattern covers every service's actions.
 */
function actionsOf(patterns: readonly string[]) {
    const explicit: CatalogAction[] = [];
    const all: CatalogAction[] = [];
    let everything = false;
    for (const p of patterns) {
        if (hasWildcard(p)) {
            const x = expandActionNow(p);
            everything ||= x.allServices;
            all.push(...x.actions);
        } else {
            const a = lookupActionNow(p);
            if (a) {
                explicit.push(a);
                all.push(a);
            }
        }
    }
    return { explicit, all, everything };
}

/** A message names this many of an action's types, then counts the rest (apigateway:GET takes over 60). */
const LISTED_TYPES = 4;

const typeList = (types: readonly { name: string; arn: string }[]) =>
    types
        .slice(0, LISTED_TYPES)
        .map((t) => `${t.name} (${t.arn})`)
        .join(" or ") + (types.length > LISTED_TYPES ? ` or one of ${types.length - LISTED_TYPES} more types` : "");

export const actionResourceMismatchRule: DocumentRule<BaseConfig> = {
    name: "iam-action-resource-mismatch",
    description: "Each action must be granted on a resource of a type it acts on (per the AWS action catalogue).",
    enforcementLevel: "advisory",
    ...NO_OPTIONS,
    check: onDocument(actionResourceMismatchFindings),
    attached: false,
};

export const actionResourceMismatch = documentPolicy(actionResourceMismatchRule);
