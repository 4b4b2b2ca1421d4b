// AWS managed administrator / full-access policies attached to users, roles or groups undo every least-privilege
// grant the stack makes.

import { ATTACHED_POLICY_FIELDS, attachedPolicyArns, attachmentTarget } from "../iam/sources";
import { awsManagedPolicyName } from "../iam/managed";
import { globToRegExp } from "../iam/patterns";
import { isUnknown, str } from "../iam/values";
import type { AttachmentTarget } from "../iam/sources";
import type { Props } from "../iam/values";
import { BaseConfig, schema, stringList, withDefaults } from "./config";
import { Finding, resourcePolicy, ResourceRule } from "./common";

export interface AdminPoliciesConfig extends BaseConfig {
    /** Patterns over the managed policy's path and name (after `policy/`) that are refused. */
    forbiddenPolicies: string[];
    /** Managed policies permitted even though they match `forbiddenPolicies`. */
    allowedPolicies: string[];
}

export const ADMIN_POLICIES_DEFAULTS: AdminPoliciesConfig = {
    exemptResources: [],
    forbiddenPolicies: ["AdministratorAccess*", "PowerUserAccess", "*FullAccess*", "job-function/*Administrator"],
    allowedPolicies: [],
};

/** Whom the resource attaches its policies to, for the message (the fields: ATTACHMENT_TARGETS in iam/sources). */
function attachedTo(t: AttachmentTarget, p: Props): string {
    if (t.self) return `${t.self} ${str(p.name) ? `"${p.name}"` : "(name not known yet)"}`;
    const names: string[] = [];
    for (const [field, kind] of t.principals) {
        for (const v of Array.isArray(p[field]) ? (p[field] as unknown[]) : [p[field]]) {
            if (str(v) !== undefined) names.push(`${kind} "${v}"`);
            else if (isUnknown(v)) names.push(`a ${kind} not known yet`);
        }
    }
    return names.join(", ") || "no principal";
}

export function checkAdminPolicies(type: string, props: Props, config: Partial<AdminPoliciesConfig> = {}): Finding[] {
    const c = withDefaults(ADMIN_POLICIES_DEFAULTS, config);
    const target = attachmentTarget(type);
    if (!target?.policyArns) return [];
    const out: Finding[] = [];
    for (const { arn } of attachedPolicyArns(type, props)) {
        const name = awsManagedPolicyName(arn);
        if (name === undefined) continue;
        const matches = (ps: string[]) => ps.some((p) => globToRegExp(p, false).test(name));
        if (!matches(c.forbiddenPolicies) || matches(c.allowedPolicies)) continue;
        out.push({
            message:
                `attaches the AWS managed policy ${name} (${arn}) to ${attachedTo(target, props)}: it grants far more than ` +
                `any workload here needs; ` +
                "attach a policy built from the permission profiles instead.",
            details: { policyArn: arn, policy: name },
        });
    }
    return out;
}

export const adminPoliciesRule: ResourceRule<AdminPoliciesConfig> = {
    name: "iam-no-admin-managed-policies",
    description:
        "AWS managed administrator or full-access policies (AdministratorAccess, PowerUserAccess, IAMFullAccess, " +
        "AmazonKinesisFullAccess, ...) " +
        "must not be attached.",
    enforcementLevel: "mandatory",
    configSchema: schema({
        forbiddenPolicies: stringList("Patterns over the AWS managed policy path/name that are refused."),
        allowedPolicies: stringList("AWS managed policies (path/name) permitted anyway."),
    }),
    defaults: ADMIN_POLICIES_DEFAULTS,
    types: Object.keys(ATTACHED_POLICY_FIELDS),
    check: checkAdminPolicies,
};

export const adminPolicies = resourcePolicy(adminPoliciesRule);
