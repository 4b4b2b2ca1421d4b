// Long-lived access keys leak and never expire; a role (assumed by the workload's compute) is the better identity.
// Only the user name is ever printed: the key's secret (AnalyzeStack sees outputs) must never reach a message.

import { isUnknown, Props, TYPES } from "../iam";
import { BaseConfig, Finding, resourcePolicy, ResourceRule, schema, withDefaults } from "./common";

export type UserAccessKeysConfig = BaseConfig;

export const USER_ACCESS_KEYS_DEFAULTS: UserAccessKeysConfig = { exemptResources: [] };

export function checkUserAccessKeys(props: Props, config: Partial<UserAccessKeysConfig> = {}): Finding[] {
    withDefaults(USER_ACCESS_KEYS_DEFAULTS, config);
    if (props.status === "Inactive") return [];
    const user = typeof props.user === "string" && !isUnknown(props.user) ? `"${props.user}"` : "(name not known yet)";
    return [{ message: `IAM user ${user} gets a long-lived access key; prefer a role assumed by the workload (temporary credentials).`, details: { user: typeof props.user === "string" && !isUnknown(props.user) ? props.user : null } }];
}

const rule: ResourceRule<UserAccessKeysConfig> = {
    name: "iam-user-no-access-keys",
    description: "IAM users with long-lived access keys: prefer roles.",
    enforcementLevel: "advisory",
    configSchema: schema({}),
    defaults: USER_ACCESS_KEYS_DEFAULTS,
    types: [TYPES.accessKey],
    check: (_type, props, config) => checkUserAccessKeys(props, config),
};

export const userAccessKeys = resourcePolicy(rule);
