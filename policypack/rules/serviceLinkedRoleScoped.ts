// iam:CreateServiceLinkedRole unscoped lets the holder create the service-linked role of any service (and so
// grant that service's permissions). A statement confines it to named services in either of two ways, as AWS's own
// policies do: a Resource that is a service-linked role ARN naming the service (IAM authorizes the call on the ARN of
// the role it creates, `role/aws-service-role/SERVICE/NAME`: sophos-iaas/aws-cf-templates#23; 13 statements of AWS
// managed policies, AmazonCloudWatchRUMFullAccess among them), or an iam:AWSServiceName condition (82 more, with
// Resource "*"; seed 003 has both). This rule owns that action on every resource: iam-no-wildcard-resources defers to it.

import { conditionEntries, Conditions, PolicyDocument, statementLabel, Values } from "../iam/document";
import { isServiceLinkedRoleArn, splitArn } from "../iam/patterns";
import { at, grantsAction, isAllow, quote } from "./statements";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";

export interface ServiceLinkedRoleScopedConfig extends BaseConfig {
    /** When set, iam:AWSServiceName may only name these services. */
    allowedServiceNames: string[];
}

export const SERVICE_LINKED_ROLE_SCOPED_DEFAULTS: ServiceLinkedRoleScopedConfig = {
    exemptResources: [],
    allowedServiceNames: [],
};

const POSITIVE_OPERATORS = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringLike|StringEqualsIgnoreCase)$/;

export function checkServiceLinkedRoleScoped(
    doc: PolicyDocument,
    config: Partial<ServiceLinkedRoleScopedConfig> = {},
): Finding[] {
    const c = withDefaults(SERVICE_LINKED_ROLE_SCOPED_DEFAULTS, config);
    const out: Finding[] = [];
    for (const s of doc.statements.filter(isAllow)) {
        if (grantsAction(s, "iam:CreateServiceLinkedRole") !== true) continue;
        const byResource = s.notResource ? undefined : servicesOfResources(s.resource);
        const byCondition = s.conditionUnknown ? "unknown" : servicesOfCondition(s.condition);
        const problems: string[] = [];
        if (!Array.isArray(byResource) && !Array.isArray(byCondition)) {
            // An unknown part could still confine it: not a violation before its value is known.
            if (byResource === "unknown" || byCondition === "unknown") continue;
            problems.push(resourceProblem(s.notResource !== undefined, byResource), conditionProblem(byCondition));
        } else if (c.allowedServiceNames.length > 0) {
            const named = [byResource, byCondition].flatMap((x) => (Array.isArray(x) ? x : []));
            const other = [...new Set(named.filter((n) => !c.allowedServiceNames.includes(n)))];
            if (other.length > 0) problems.push(`it names services not allowed here: ${other.join(", ")}`);
        }
        if (problems.length === 0) continue;
        out.push({
            message: `${statementLabel(s)} allows iam:CreateServiceLinkedRole unscoped: ${problems.join("; ")}.`,
            details: { ...at(s), problems },
        });
    }
    return out;
}

const FORMAT = "arn:aws:iam::ACCOUNT:role/aws-service-role/SERVICE/ROLE";

/** The services the Resource names, when every entry is a service-linked role ARN; else the entries that are not. */
function servicesOfResources(resource: Values | undefined): string[] | { bad: string[] } | "unknown" | undefined {
    if (!resource) return undefined;
    if (resource.unknown) return "unknown";
    const bad = resource.values.filter((r) => !isServiceLinkedRoleArn(r));
    if (bad.length > 0) return { bad };
    return resource.values.map((r) => splitArn(r)!.resource.split("/")[2]);
}

/** The services a positive iam:AWSServiceName condition names (one that allows any service names none). */
function servicesOfCondition(condition: Conditions): string[] | "any" | undefined {
    const entries = conditionEntries(condition, "iam:AWSServiceName").filter((e) => POSITIVE_OPERATORS.test(e.operator));
    if (entries.length === 0 || entries.every((e) => e.values.length === 0)) return undefined;
    // Entries are ANDed: one that names services confines the statement to them.
    const naming = entries.filter((e) => e.values.length > 0 && !e.values.some((n) => /^[*?]*$/.test(n)));
    return naming.length > 0 ? naming.flatMap((e) => e.values) : "any";
}

function resourceProblem(notResource: boolean, r: ReturnType<typeof servicesOfResources>): string {
    if (notResource) return "it uses NotResource instead of naming the role ARN";
    if (r && typeof r === "object" && !Array.isArray(r))
        return `Resource ${quote(r.bad)} is not a service-linked role ARN (${FORMAT})`;
    return "it names no service-linked role ARN";
}

const conditionProblem = (c: ReturnType<typeof servicesOfCondition>) =>
    c === "any"
        ? 'its "iam:AWSServiceName" condition allows any service'
        : 'it has no "iam:AWSServiceName" condition (StringEquals or StringLike)';

export const serviceLinkedRoleScopedRule: DocumentRule<ServiceLinkedRoleScopedConfig> = {
    name: "iam-service-linked-role-scoped",
    description:
        "iam:CreateServiceLinkedRole must be confined to named services: a service-linked role ARN as its Resource, or " +
        "the iam:AWSServiceName condition.",
    enforcementLevel: "mandatory",
    configSchema: schema({
        allowedServiceNames: stringList("Services whose service-linked role may be created (iam:AWSServiceName values)."),
    }),
    defaults: SERVICE_LINKED_ROLE_SCOPED_DEFAULTS,
    check: onDocument(checkServiceLinkedRoleScoped),
};

export const serviceLinkedRoleScoped = documentPolicy(serviceLinkedRoleScopedRule);
