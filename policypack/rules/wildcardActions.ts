// Wildcard actions in Allow statements grant whatever the service adds next, and far more than a workload needs.

import { actionMatches, hasWildcard } from "../iam/patterns";
import { expandActionNow } from "../iam/actions";
import { GrantContext, suggestProfiles, Suggestion } from "../iam/profiles";
import { loadCatalogForDocument } from "../iam/catalog";
import { PolicyDocument, Statement, statementLabel } from "../iam/document";
import { at, isAllow } from "./statements";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";
import { DOCUMENT_KINDS, DocumentKind, KEY_POLICY_KIND } from "../iam/sources";

export interface WildcardActionsConfig extends BaseConfig {
    /** Action patterns that may be granted anyway (matched as IAM patterns against the pattern text). */
    allowedActions: string[];
}

export const WILDCARD_ACTIONS_DEFAULTS: WildcardActionsConfig = { exemptResources: [], allowedActions: [] };

export async function checkWildcardActions(doc: PolicyDocument, config: Partial<WildcardActionsConfig> = {}): Promise<Finding[]> {
    await loadCatalogForDocument(doc);
    return wildcardActionsFindings(doc, config);
}

/** checkWildcardActions once the catalogue has the document's services (loadCatalogForDocument first). */
export function wildcardActionsFindings(
    doc: PolicyDocument,
    config: Partial<WildcardActionsConfig> = {},
    kind?: DocumentKind,
): Finding[] {
    const c = withDefaults(WILDCARD_ACTIONS_DEFAULTS, config);
    const allows = doc.statements.filter(isAllow);
    const explicitOf = (s: Statement) =>
        (s.action?.values ?? [])
            .filter((a) => !hasWildcard(a))
            .map((action) => ({ action, resources: s.resource?.values ?? [] }));
    // What the suggestions weigh a wildcard against, only once there is one (most documents have none).
    let context: GrantContext | undefined;
    const ctx = () =>
        (context ??= {
            explicit: allows.flatMap(explicitOf),
            resources: allows.flatMap((s) => s.resource?.values ?? []),
        });
    const out: Finding[] = [];
    for (const s of allows) {
        for (const pattern of s.action?.values ?? []) {
            if (!hasWildcard(pattern) || c.allowedActions.some((a) => actionMatches(a, pattern))) continue;
            const x = expandActionNow(pattern);
            const expandsTo = x.allServices ? "*" : x.actions.map((a) => a.id);
            const what = x.allServices
                ? "every action of every AWS service"
                : expandsTo.length === 0
                  ? "no action the catalogue knows today (but to any it adds)"
                  : `${expandsTo.length} action${expandsTo.length === 1 ? "" : "s"}: ${(expandsTo as string[]).join(", ")}`;
            const suggestions: Suggestion[] = s.resource ? suggestProfiles(pattern, s.resource.values, ctx()) : [];
            const advice = suggestions
                .map((g) => ` On ${g.resources.join(", ")} profile ${g.profile} needs only: ${g.actions.join(", ")}.`)
                .join("");
            out.push({
                message:
                    `${statementLabel(s)} allows the wildcard action "${pattern}", which expands to ` +
                    `${what}.${advice || (kind === "trust" ? TRUST_ADVICE : " List the actions explicitly.")}`,
                details: { ...at(s), pattern, expandsTo, suggestions },
            });
        }
    }
    return out;
}

// A trust policy's actions are how a principal may assume the role and what it may attach to the session.
const TRUST_ADVICE =
    " List how the principal assumes the role: sts:AssumeRole, sts:AssumeRoleWithWebIdentity or " +
    "sts:AssumeRoleWithSAML, with sts:TagSession or sts:SetSourceIdentity only where the sessions need them.";

export const wildcardActionsRule: DocumentRule<WildcardActionsConfig> = {
    name: "iam-no-wildcard-actions",
    description:
        "Allow statements must list actions explicitly: no `*`, `service:*` or partial wildcards such as `kinesis:Put*`.",
    enforcementLevel: "mandatory",
    configSchema: schema({
        allowedActions: stringList('Action patterns permitted despite the wildcard, e.g. "logs:Describe*".'),
    }),
    defaults: WILDCARD_ACTIONS_DEFAULTS,
    check: onDocument(wildcardActionsFindings),
    // A trust policy's "*" lets the principal assume the role every way STS has, and tag and name the session. A key
    // policy's kms:* for the account is AWS's default (KEY_POLICY_KIND).
    kinds: DOCUMENT_KINDS.filter((k) => k !== KEY_POLICY_KIND),
};

export const wildcardActions = documentPolicy(wildcardActionsRule);
