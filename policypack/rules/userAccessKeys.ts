// Long-lived access keys leak and never expire; a role (assumed by the workload's compute) is the better identity.
// Only the user name is ever printed: the key's secret (AnalyzeStack sees outputs) must never reach a message.

import { isUnknown, Props } from "../iam/values";
import { TYPES } from "../iam/sources";
import { BaseConfig, NO_OPTIONS } from "./config";
import { Finding, resourcePolicy, ResourceRule } from "./common";

export function checkUserAccessKeys(props: Props): Finding[] {
    if (props.status === "Inactive") return [];
    const user = typeof props.user === "string" && !isUnknown(props.user) ? props.user : null;
    return [
        {
            message:
                `IAM user ${user === null ? "(name not known yet)" : `"${user}"`} gets a long-lived access key; ` +
                "prefer a role assumed by the workload (temporary credentials).",
            details: { user },
        },
    ];
}

export const userAccessKeysRule: ResourceRule<BaseConfig> = {
    name: "iam-user-no-access-keys",
    description: "IAM users with long-lived access keys: prefer roles.",
    enforcementLevel: "advisory",
    ...NO_OPTIONS,
    types: [TYPES.accessKey],
    check: (_type, props) => checkUserAccessKeys(props),
};

export const userAccessKeys = resourcePolicy(userAccessKeysRule);
