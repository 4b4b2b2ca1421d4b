// Lease and metadata tables, and tables that stream to Kinesis, hold state a workload cannot rebuild: point-in-time
// recovery undoes bad writes, deletion protection stops an accidental delete or replace.

import { isUnknown, Props } from "../iam/values";
import { TYPES } from "../iam/sources";
import { BaseConfig, schema, withDefaults } from "./config";
import { Finding, resourcePolicy, ResourceRule } from "./common";

export interface TableProtectionConfig extends BaseConfig {
    /** Require point-in-time recovery. Default: true. */
    requirePointInTimeRecovery: boolean;
    /** Require deletion protection. Default: true. */
    requireDeletionProtection: boolean;
}

export const TABLE_PROTECTION_DEFAULTS: TableProtectionConfig = {
    exemptResources: [],
    requirePointInTimeRecovery: true,
    requireDeletionProtection: true,
};

export function checkTableProtection(props: Props, config: Partial<TableProtectionConfig> = {}): Finding[] {
    const c = withDefaults(TABLE_PROTECTION_DEFAULTS, config);
    const out: Finding[] = [];
    const pitr = props.pointInTimeRecovery;
    const pitrEnabled = pitr && typeof pitr === "object" ? (pitr as Props).enabled : pitr;
    if (c.requirePointInTimeRecovery && !isUnknown(pitr) && !isUnknown(pitrEnabled) && pitrEnabled !== true) {
        const message = "the table has no point-in-time recovery; set pointInTimeRecovery: { enabled: true }.";
        out.push({ message, details: { missing: "pointInTimeRecovery" } });
    }
    const dp = props.deletionProtectionEnabled;
    if (c.requireDeletionProtection && !isUnknown(dp) && dp !== true) {
        out.push({
            message: "the table has no deletion protection; set deletionProtectionEnabled: true.",
            details: { missing: "deletionProtectionEnabled" },
        });
    }
    return out;
}

export const tableProtectionRule: ResourceRule<TableProtectionConfig> = {
    name: "dynamodb-table-protected",
    description: "DynamoDB tables should have point-in-time recovery and deletion protection.",
    enforcementLevel: "advisory",
    configSchema: schema({
        requirePointInTimeRecovery: { type: "boolean" },
        requireDeletionProtection: { type: "boolean" },
    }),
    defaults: TABLE_PROTECTION_DEFAULTS,
    types: [TYPES.dynamodbTable],
    check: (_type, props, config) => checkTableProtection(props, config),
};

export const tableProtection = resourcePolicy(tableProtectionRule);
