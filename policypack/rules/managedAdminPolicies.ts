// AWS managed administrator / full-access policies attached to users, roles or groups undo every least-privilege
// grant the stack makes.

import { attachedPolicyArns, awsManagedPolicyName, globToRegExp, isUnknown, Props, str, TYPES } from "../iam";
import { BaseConfig, Finding, resourcePolicy, ResourceRule, schema, stringList, withDefaults } from "./common";

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

/** Whom each attaching resource type attaches its policies to (which policies: ATTACHED_POLICY_FIELDS in iam/sources). */
const ATTACHED_TO: Record<string, (p: Props) => string> = {
    [TYPES.policyAttachment]: (p) => targets(p, ["users", "roles", "groups"]),
    [TYPES.rolePolicyAttachment]: (p) => targets(p, ["role"]),
    [TYPES.userPolicyAttachment]: (p) => targets(p, ["user"]),
    [TYPES.groupPolicyAttachment]: (p) => targets(p, ["group"]),
    [TYPES.rolePolicyAttachmentsExclusive]: (p) => targets(p, ["roleName"]),
    [TYPES.userPolicyAttachmentsExclusive]: (p) => targets(p, ["userName"]),
    [TYPES.groupPolicyAttachmentsExclusive]: (p) => targets(p, ["groupName"]),
    [TYPES.role]: (p) => `role ${str(p.name) ? `"${p.name}"` : "(name not known yet)"}`,
};

function targets(p: Props, fields: string[]): string {
    const names: string[] = [];
    for (const f of fields) {
        const kind = f.replace(/s$|Name$/, "");
        for (const v of Array.isArray(p[f]) ? (p[f] as unknown[]) : [p[f]]) {
            if (str(v) !== undefined) names.push(`${kind} "${v}"`);
            else if (isUnknown(v)) names.push(`a ${kind} not known yet`);
        }
    }
    return names.join(", ") || "no principal";
}

export function checkAdminPolicies(type: string, props: Props, config: Partial<AdminPoliciesConfig> = {}): Finding[] {
    const c = withDefaults(ADMIN_POLICIES_DEFAULTS, config);
    const to = Object.hasOwn(ATTACHED_TO, type) ? ATTACHED_TO[type] : undefined;
    if (!to) return [];
    const out: Finding[] = [];
    for (const { arn } of attachedPolicyArns(type, props)) {
        const name = awsManagedPolicyName(arn);
        if (name === undefined) continue;
        const matches = (ps: string[]) => ps.some((p) => globToRegExp(p, false).test(name));
        if (!matches(c.forbiddenPolicies) || matches(c.allowedPolicies)) continue;
        out.push({
            message: `attaches the AWS managed policy ${name} (${arn}) to ${to(props)}: it grants far more than any workload here needs; attach a policy built from the permission profiles instead.`,
            details: { policyArn: arn, policy: name },
        });
    }
    return out;
}

export const adminPoliciesRule: ResourceRule<AdminPoliciesConfig> = {
    name: "iam-no-admin-managed-policies",
    description: "AWS managed administrator or full-access policies (AdministratorAccess, PowerUserAccess, IAMFullAccess, AmazonKinesisFullAccess, ...) must not be attached.",
    enforcementLevel: "mandatory",
    configSchema: schema({
        forbiddenPolicies: stringList("Patterns over the AWS managed policy path/name that are refused."),
        allowedPolicies: stringList("AWS managed policies (path/name) permitted anyway."),
    }),
    defaults: ADMIN_POLICIES_DEFAULTS,
    types: Object.keys(ATTACHED_TO),
    check: checkAdminPolicies,
};

export const adminPolicies = resourcePolicy(adminPoliciesRule);
