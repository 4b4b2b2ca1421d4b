// KCL's metadata tables that StreamApplication provisions, with the schema KCL itself would create, and their ARNs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { kclMetadataTableNames } from "./grants";
import { ValidApplicationArgs } from "./applicationArgs";
import * as plan from "./applicationPlan";
import { COMPONENT_TAG } from "./shared";

/**
 * KCL's metadata tables with the schema KCL itself would create
 * (https://docs.aws.amazon.com/streams/latest/dev/kcl-dynamoDB.html).
 */
export function createMetadataTables(parent: pulumi.Resource, name: string, a: ValidApplicationArgs): aws.dynamodb.Table[] {
    const names = kclMetadataTableNames(a.applicationName, a.kcl!, a.kclOptions);
    const protection = a.dataProtection;
    const table = (
        logical: string,
        tableName: string,
        hashKey: string,
        extra: {
            attributes?: { name: string; type: string }[];
            globalSecondaryIndexes?: aws.types.input.dynamodb.TableGlobalSecondaryIndex[];
        } = {},
    ) =>
        new aws.dynamodb.Table(
            logical,
            {
                name: tableName,
                billingMode: "PAY_PER_REQUEST",
                hashKey,
                attributes: [{ name: hashKey, type: "S" }, ...(extra.attributes ?? [])],
                globalSecondaryIndexes: extra.globalSecondaryIndexes,
                deletionProtectionEnabled: protection,
                pointInTimeRecovery: { enabled: protection },
                tags: { ...a.tags, [COMPONENT_TAG]: "StreamApplication" },
            },
            { parent, retainOnDelete: protection },
        );
    const lease = table(
        `${name}-leases`,
        names.lease,
        "leaseKey",
        a.kcl === "3.x"
            ? {
                  attributes: [{ name: "leaseOwner", type: "S" }],
                  globalSecondaryIndexes: [
                      {
                          name: "LeaseOwnerToLeaseKeyIndex",
                          hashKey: "leaseOwner",
                          rangeKey: "leaseKey",
                          projectionType: "KEYS_ONLY",
                      },
                  ],
              }
            : {},
    );
    const wm = names.provisioned.includes("workerMetrics") ? [table(`${name}-worker-metrics`, names.workerMetrics!, "wid")] : [];
    const cs = names.provisioned.includes("coordinatorState")
        ? [table(`${name}-coordinator-state`, names.coordinatorState!, "key")]
        : [];
    return [lease, ...wm, ...cs];
}

/** The provisioned tables' real ARNs; undefined when KCL creates them. */
export function tableArns(leaseTables: aws.dynamodb.Table[]): pulumi.Output<plan.Tables> | undefined {
    if (!leaseTables.length) return undefined;
    const [lease, ...rest] = leaseTables;
    return pulumi.all([lease.arn, ...rest.map((t) => t.arn)]).apply(([l, ...others]) => {
        const byName = (suffix: string) => others.find((arn) => arn.endsWith(suffix));
        const w = byName("-WorkerMetricStats");
        const cs = byName("-CoordinatorState");
        return { lease: l, ...(w ? { workerMetrics: w } : {}), ...(cs ? { coordinatorState: cs } : {}) };
    });
}
