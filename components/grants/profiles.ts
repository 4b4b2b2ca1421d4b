// Permission profiles: exactly the actions each client library calls, on named resource roles. Data only; `bind.ts`
// turns a profile plus resolved ARNs into grants, `workloads.ts` picks them per workload.
// Each profile is what conformance/ recorded the real library calling (`npm run test:clients`); an action no scenario
// reaches is listed with its reason in conformance/optionalPaths.ts. This file: the KCL's; producerProfiles.ts: the
// producers' and KMS.

import { allow, CodeRef, Profile } from "./profile";
import { CONSUMER_KMS, KPL_METRICS, KPL_STREAM, PRODUCER_KMS, SDK_PRODUCER, TUTORIAL_STATUS_CHECK } from "./producerProfiles";
import { CW_NAMESPACE, KCL_IAM, KCL_METADATA, kcl1, kcl2, kcl3, SEED_TUTORIAL, TAGGING_PAGE } from "./sources";
import { STREAMING_PROFILES } from "./streamingProfiles";

export type KclVersion = "1.x" | "2.x" | "3.x";
export const KCL_VERSIONS: readonly KclVersion[] = ["1.x", "2.x", "3.x"];
export type LeaseTables = "provisioned" | "created-by-kcl";
export const LEASE_TABLE_MODES: readonly LeaseTables[] = ["provisioned", "created-by-kcl"];

// KCL: the stream.

/**
 * What every KCL consumer calls on its stream: ListShards for shard sync (and, under enhanced fan-out, to find child
 * shards after a reshard), GetShardIterator and GetRecords to read. No release we run calls DescribeStream with a plain
 * Kinesis client: KCL 1.x lists shards with ListShards since 1.9.0 (the tutorial's table predates it).
 */
const KCL_STREAM_READ = ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];

export const KCL1_STREAM: Profile = {
    name: "kcl-1.x-stream",
    description: "KCL 1.x (1.9+) lists the stream's shards and reads them by polling.",
    source: KCL_IAM,
    code: [kcl1("clientlibrary/proxies/KinesisProxy.java")],
    statements: [allow("KclReadStream", "stream", KCL_STREAM_READ)],
};

export const KCL2_STREAM: Profile = {
    name: "kcl-2.x-stream",
    description: "KCL 2.x lists the stream's shards and reads them.",
    source: KCL_IAM,
    code: [kcl2("leases/KinesisShardDetector.java"), kcl2("retrieval/polling/KinesisDataFetcher.java")],
    statements: [allow("KclReadStream", "stream", KCL_STREAM_READ)],
};

export const KCL3_STREAM: Profile = {
    name: "kcl-3.x-stream",
    description: "KCL 3.x lists the stream's shards and reads them.",
    source: KCL_IAM,
    code: [kcl3("leases/KinesisShardDetector.java"), kcl3("retrieval/polling/KinesisDataFetcher.java")],
    statements: [allow("KclReadStream", "stream", KCL_STREAM_READ)],
};

/**
 * Enhanced fan-out: registration reads the stream summary and registers the consumer (named after the application),
 * then describes it until ACTIVE; SubscribeToShard acts on the consumer ARN. KCL never lists or deregisters consumers.
 */
const kclEnhancedFanOut = (version: "2.x" | "3.x", code: (path: string) => CodeRef): Profile => ({
    name: `kcl-${version}-enhanced-fan-out`,
    description: `KCL ${version} registers its enhanced fan-out consumer and subscribes to the stream's shards.`,
    source: KCL_IAM,
    code: [code("retrieval/fanout/FanOutConsumerRegistration.java"), code("retrieval/fanout/FanOutRecordsPublisher.java")],
    statements: [
        allow("KclRegisterConsumer", "stream", ["kinesis:DescribeStreamSummary", "kinesis:RegisterStreamConsumer"]),
        allow("KclEnhancedFanOut", "streamConsumer", ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"]),
    ],
});
export const KCL2_ENHANCED_FAN_OUT = kclEnhancedFanOut("2.x", kcl2);
export const KCL3_ENHANCED_FAN_OUT = kclEnhancedFanOut("3.x", kcl3);

// KCL: metadata tables and metrics.

/** Lease items: DeleteItem removes the leases of parent shards once their children are taken (split / merge). */
const LEASE_ITEM_ACTIONS = [
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Scan",
    "dynamodb:UpdateItem",
];
/** DescribeTable runs first on every start; CreateTable only when the table is absent. */
const TABLE_CREATE = ["dynamodb:CreateTable", "dynamodb:DescribeTable"];

const created = (createdByKcl: boolean) => (createdByKcl ? TABLE_CREATE : ["dynamodb:DescribeTable"]);
const tableMode = (createdByKcl: boolean) => (createdByKcl ? "created-by-kcl" : "provisioned");

/** KCL 1.x and 2.x: one lease table named after the application. */
const kcl12LeaseTable = (createdByKcl: boolean): Profile => ({
    name: `kcl-1.x-2.x-lease-table-${tableMode(createdByKcl)}`,
    description: createdByKcl
        ? "KCL 1.x/2.x creates and manages its lease table."
        : "KCL 1.x/2.x manages a lease table the stack provisioned.",
    source: createdByKcl ? SEED_TUTORIAL : KCL_METADATA,
    code: [kcl1("leases/impl/LeaseManager.java"), kcl2("leases/dynamodb/DynamoDBLeaseRefresher.java")],
    statements: [allow("KclLeaseTable", "leaseTable", [...created(createdByKcl), ...LEASE_ITEM_ACTIONS])],
});
export const KCL12_LEASES_CREATED_BY_KCL = kcl12LeaseTable(true);
export const KCL12_LEASES_PROVISIONED = kcl12LeaseTable(false);

/**
 * KCL 3.x: the lease table with its index LeaseOwnerToLeaseKeyIndex (UpdateTable adds it when DescribeTable shows it
 * missing; Query reads it); `APP-WorkerMetricStats` (every worker updates its own item, the leader scans and deletes
 * stale ones; never GetItem or PutItem); `APP-CoordinatorState` (migration state and the leader lock).
 */
const kcl3Tables = (createdByKcl: boolean): Profile => ({
    name: `kcl-3.x-metadata-tables-${tableMode(createdByKcl)}`,
    description: createdByKcl
        ? "KCL 3.x creates and manages its lease, worker metrics and coordinator state tables."
        : "KCL 3.x manages lease, worker metrics and coordinator state tables the stack provisioned.",
    source: KCL_METADATA,
    code: [
        kcl3("leases/dynamodb/DynamoDBLeaseRefresher.java"),
        kcl3("worker/metricstats/WorkerMetricStatsDAO.java"),
        kcl3("coordinator/CoordinatorStateDAO.java"),
    ],
    statements: [
        allow("KclLeaseTable", "leaseTable", [
            ...created(createdByKcl),
            ...LEASE_ITEM_ACTIONS,
            ...(createdByKcl ? ["dynamodb:UpdateTable"] : []),
        ]),
        allow("KclLeaseTableIndex", "leaseTableIndex", ["dynamodb:Query"]),
        allow("KclWorkerMetricsTable", "workerMetricsTable", [
            ...created(createdByKcl),
            "dynamodb:DeleteItem",
            "dynamodb:Scan",
            "dynamodb:UpdateItem",
        ]),
        allow("KclCoordinatorStateTable", "coordinatorStateTable", [
            ...created(createdByKcl),
            "dynamodb:DeleteItem",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
        ]),
    ],
});
export const KCL3_TABLES_CREATED_BY_KCL = kcl3Tables(true);
export const KCL3_TABLES_PROVISIONED = kcl3Tables(false);

/**
 * KCL 3.5+ single-table format (a new application, no `APP-CoordinatorState`): every item lives in the lease table.
 * KCL still describes the two other names at start (not found means absent; AccessDenied aborts start-up).
 */
const kcl35SingleTable = (createdByKcl: boolean): Profile => ({
    name: `kcl-3.5-single-table-${tableMode(createdByKcl)}`,
    description: "KCL 3.5+ keeps leases, worker metrics and coordinator state in the lease table.",
    source: KCL_METADATA,
    code: [
        kcl3("leases/LeaseManagementConfig.java"),
        kcl3("worker/metricstats/delegate/LeaseTableWorkerMetricStatsDAODelegate.java"),
    ],
    statements: [
        allow("KclLeaseTable", "leaseTable", [
            ...created(createdByKcl),
            ...LEASE_ITEM_ACTIONS,
            ...(createdByKcl ? ["dynamodb:UpdateTable"] : []),
        ]),
        allow("KclLeaseTableIndex", "leaseTableIndex", ["dynamodb:Query"]),
        allow("KclLegacyTablesProbe", "workerMetricsTable", ["dynamodb:DescribeTable"]),
        allow("KclLegacyCoordinatorProbe", "coordinatorStateTable", ["dynamodb:DescribeTable"]),
    ],
});
export const KCL35_SINGLE_TABLE_CREATED_BY_KCL = kcl35SingleTable(true);
export const KCL35_SINGLE_TABLE_PROVISIONED = kcl35SingleTable(false);

/** KCL's own PITR switch (`leaseTablePitrEnabled`, 2.6.1+) sets continuous backups on every start; fatal if denied. */
export const KCL_LEASE_TABLE_PITR: Profile = {
    name: "kcl-lease-table-pitr",
    description: "KCL turns on point-in-time recovery of its lease table at every start.",
    source: KCL_METADATA,
    code: [kcl3("leases/LeaseManagementConfig.java"), kcl3("leases/dynamodb/DynamoDBLeaseRefresher.java")],
    statements: [allow("KclLeaseTablePitr", "leaseTable", ["dynamodb:UpdateContinuousBackups"])],
};

/** Tags on the tables KCL creates: CreateTable with Tags is also authorized as TagResource (checked server side). */
export const KCL_TABLE_TAGS: Profile = {
    name: "kcl-table-tags",
    description: "KCL tags the lease table it creates.",
    source: TAGGING_PAGE,
    code: [kcl2("leases/LeaseManagementConfig.java"), kcl3("leases/LeaseManagementConfig.java")],
    statements: [allow("KclTableTags", "leaseTable", ["dynamodb:TagResource"])],
};

/** KCL 3.x with three tables tags each of them (the worker metrics and coordinator state tables have their own tags). */
export const KCL3_TABLE_TAGS: Profile = {
    name: "kcl-3.x-table-tags",
    description: "KCL 3.x tags the lease, worker metrics and coordinator state tables it creates.",
    source: TAGGING_PAGE,
    code: [kcl3("leases/LeaseManagementConfig.java"), kcl3("coordinator/CoordinatorConfig.java")],
    statements: [
        allow("KclTableTags", "leaseTable", ["dynamodb:TagResource"]),
        allow("KclWorkerMetricsTableTags", "workerMetricsTable", ["dynamodb:TagResource"]),
        allow("KclCoordinatorStateTableTags", "coordinatorStateTable", ["dynamodb:TagResource"]),
    ],
};

/** PutMetricData has no resource type; the namespace condition keeps it to KCL's namespace (default: the application). */
export const KCL_METRICS: Profile = {
    name: "kcl-cloudwatch-metrics",
    description: "Publish KCL metrics to CloudWatch under the application's namespace only.",
    source: CW_NAMESPACE,
    code: [kcl1("metrics/impl/DefaultCWMetricsPublisher.java"), kcl3("metrics/MetricsConfig.java")],
    statements: [allow("KclMetrics", "*", ["cloudwatch:PutMetricData"], "metricsNamespace")],
};

/** Every profile, for documentation, the policy pack's suggestions and tests. */
export const PROFILES: readonly Profile[] = [
    SDK_PRODUCER,
    TUTORIAL_STATUS_CHECK,
    KPL_STREAM,
    KPL_METRICS,
    PRODUCER_KMS,
    KCL1_STREAM,
    KCL2_STREAM,
    KCL3_STREAM,
    KCL2_ENHANCED_FAN_OUT,
    KCL3_ENHANCED_FAN_OUT,
    KCL12_LEASES_CREATED_BY_KCL,
    KCL12_LEASES_PROVISIONED,
    KCL3_TABLES_CREATED_BY_KCL,
    KCL3_TABLES_PROVISIONED,
    KCL35_SINGLE_TABLE_CREATED_BY_KCL,
    KCL35_SINGLE_TABLE_PROVISIONED,
    KCL_LEASE_TABLE_PITR,
    KCL_TABLE_TAGS,
    KCL3_TABLE_TAGS,
    KCL_METRICS,
    CONSUMER_KMS,
    ...STREAMING_PROFILES,
];
