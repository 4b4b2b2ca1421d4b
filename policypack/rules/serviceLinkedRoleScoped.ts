// iam:CreateServiceLinkedRole unscoped lets the holder create the service-linked role of any service (and so
// grant that service's permissions). It must name the role ARN and carry the iam:AWSServiceName condition
// (seed 003: kinesisreplication.dynamodb.amazonaws.com). This rule owns that action: iam-no-wildcard-resources defers to it.

import { conditionEntries, PolicyDocument, statementLabel } from "../iam/document";
import { isServiceLinkedRoleArn } from "../iam/patterns";
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
        const problems: string[] = [];
        if (s.notResource) problems.push("it uses NotResource instead of naming the role ARN");
        else if (s.resource && !s.resource.unknown) {
            const bad = s.resource.values.filter((r) => !isServiceLinkedRoleArn(r));
            const format = "arn:aws:iam::ACCOUNT:role/aws-service-role/SERVICE/ROLE";
            if (bad.length > 0) problems.push(`Resource ${quote(bad)} is not a service-linked role ARN (${format})`);
        }
        if (!s.conditionUnknown) {
            const entries = conditionEntries(s.condition, "iam:AWSServiceName").filter((e) =>
                POSITIVE_OPERATORS.test(e.operator),
            );
            const names = entries.flatMap((e) => e.values);
            if (entries.length === 0 || names.length === 0)
                problems.push('it has no "iam:AWSServiceName" condition (StringEquals or StringLike)');
            else if (names.some((n) => /^[*?]*$/.test(n))) problems.push('its "iam:AWSServiceName" condition allows any service');
            else if (c.allowedServiceNames.length > 0) {
                const other = names.filter((n) => !c.allowedServiceNames.includes(n));
                if (other.length > 0)
                    problems.push(`its "iam:AWSServiceName" names services not allowed here: ${other.join(", ")}`);
            }
        }
        if (problems.length === 0) continue;
        out.push({
            message: `${statementLabel(s)} allows iam:CreateServiceLinkedRole unscoped: ${problems.join("; ")}.`,
            details: { ...at(s), problems },
        });
    }
    return out;
}

export const serviceLinkedRoleScopedRule: DocumentRule<ServiceLinkedRoleScopedConfig> = {
    name: "iam-service-linked-role-scoped",
    description:
        "iam:CreateServiceLinkedRole must be scoped to the service-linked role's ARN and the iam:AWSServiceName condition.",
    enforcementLevel: "mandatory",
    configSchema: schema({
        allowedServiceNames: stringList("Services whose service-linked role may be created (iam:AWSServiceName values)."),
    }),
    defaults: SERVICE_LINKED_ROLE_SCOPED_DEFAULTS,
    check: onDocument(checkServiceLinkedRoleScoped),
};

export const serviceLinkedRoleScoped = documentPolicy(serviceLinkedRoleScopedRule);
