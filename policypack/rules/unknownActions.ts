// A misspelt action (kinesis:PutRecrod) grants nothing, so the workload fails at run time and someone widens the
// policy by hand. The catalogue says which actions exist.

import { actionMatches, hasWildcard } from "../iam/patterns";
import { expandActionNow } from "../iam/actions";
import { loadCatalogFor, loadCatalogForDocument, serviceNow } from "../iam/catalog";
import { PolicyDocument, statementLabel } from "../iam/document";
import { at } from "./statements";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";
import { DOCUMENT_KINDS } from "../iam/sources";

export interface UnknownActionsConfig extends BaseConfig {
    /** Actions (patterns) to accept even though the catalogue does not list them (e.g. very new ones). */
    knownActions: string[];
}

export const UNKNOWN_ACTIONS_DEFAULTS: UnknownActionsConfig = { exemptResources: [], knownActions: [] };

function editDistance(a: string, b: string): number {
    const d = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let prev = d[0];
        d[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const t = d[j];
            d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = t;
        }
    }
    return d[b.length];
}

/** Why the pattern names no action, with the closest real action when there is one; undefined when it is fine. */
export async function unknownActionReason(pattern: string): Promise<{ reason: string; didYouMean?: string } | undefined> {
    await loadCatalogFor([pattern]);
    return unknownActionReasonNow(pattern);
}

function unknownActionReasonNow(pattern: string): { reason: string; didYouMean?: string } | undefined {
    const colon = pattern.indexOf(":");
    if (colon < 0 && pattern !== "*") return { reason: "is not of the form service:Action" };
    const x = expandActionNow(pattern);
    if (x.allServices || x.actions.length > 0) return undefined;
    if (x.unknownServices.length > 0) return { reason: `names the unknown service prefix "${x.unknownServices[0]}"` };
    if (hasWildcard(pattern)) return { reason: "matches no action the catalogue knows" };
    const s = serviceNow(pattern.slice(0, colon));
    const name = pattern.slice(colon + 1).toLowerCase();
    let best: { id: string; d: number } | undefined;
    for (const a of s?.actions.values() ?? []) {
        const d = editDistance(name, a.name.toLowerCase());
        if (!best || d < best.d) best = { id: a.id, d };
    }
    const close = best !== undefined && best.d <= Math.max(2, Math.floor(name.length / 4));
    return close
        ? { reason: "is not an action of its service", didYouMean: best!.id }
        : { reason: "is not an action of its service" };
}

export async function checkUnknownActions(doc: PolicyDocument, config: Partial<UnknownActionsConfig> = {}): Promise<Finding[]> {
    await loadCatalogForDocument(doc);
    return unknownActionsFindings(doc, config);
}

/** checkUnknownActions once the catalogue has the document's services (loadCatalogForDocument first). */
export function unknownActionsFindings(doc: PolicyDocument, config: Partial<UnknownActionsConfig> = {}): Finding[] {
    const c = withDefaults(UNKNOWN_ACTIONS_DEFAULTS, config);
    const out: Finding[] = [];
    for (const s of doc.statements) {
        for (const element of ["Action", "NotAction"] as const) {
            for (const pattern of (element === "Action" ? s.action : s.notAction)?.values ?? []) {
                if (c.knownActions.some((k) => actionMatches(k, pattern))) continue;
                const why = unknownActionReasonNow(pattern);
                if (!why) continue;
                out.push({
                    message:
                        `${statementLabel(s)} ${element} "${pattern}" ` +
                        `${why.reason}${why.didYouMean ? `; did you mean "${why.didYouMean}"?` : "."}`,
                    details: { ...at(s), element, action: pattern, ...(why.didYouMean ? { didYouMean: why.didYouMean } : {}) },
                });
            }
        }
    }
    return out;
}

export const unknownActionsRule: DocumentRule<UnknownActionsConfig> = {
    name: "iam-unknown-actions",
    description: "Actions must exist in the AWS action catalogue (typos such as kinesis:PutRecrod grant nothing).",
    enforcementLevel: "advisory",
    configSchema: schema({ knownActions: stringList("Actions (patterns) to accept although the catalogue does not list them.") }),
    defaults: UNKNOWN_ACTIONS_DEFAULTS,
    check: onDocument(unknownActionsFindings),
    // AWS's own documents may name actions newer than the catalogue; trust policies' actions are read too.
    attached: false,
    kinds: DOCUMENT_KINDS,
};

export const unknownActions = documentPolicy(unknownActionsRule);
