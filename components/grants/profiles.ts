// Permission profiles: exactly the actions each workload needs, on named resource roles.
// Data only; `bind.ts` turns a profile plus resolved ARNs into grants.

import { KINESIS_REPLICATION_SERVICE } from "./arn";
import { allow, Profile } from "./profile";
import { STREAMING_PROFILES } from "./streamingProfiles";

export type KclVersion = "1.x" | "2.x" | "3.x";
export const KCL_VERSIONS: readonly KclVersion[] = ["1.x", "2.x", "3.x"];
export type LeaseTables = "provisioned" | "created-by-kcl";
export const LEASE_TABLE_MODES: readonly LeaseTables[] = ["provisioned", "created-by-kcl"];

const SEED_TUTORIAL = "https://docs.aws.amazon.com/streams/latest/dev/tutorial-stock-data-kplkcl-iam.html";
const KCL_IAM = "https://docs.aws.amazon.com/streams/latest/dev/kcl-iam-permissions.html";
const KCL_METADATA = "https://docs.aws.amazon.com/streams/latest/dev/kcl-dynamoDB.html";

// Producer (seed 000): DescribeStream to check the stream is ACTIVE, then PutRecord/PutRecords.
// Source: https://docs.aws.amazon.com/streams/latest/dev/tutorial-stock-data-kplkcl-iam.html
export const PRODUCER: Profile = {
    name: "kinesis-producer",
    description: "Write records to one stream after checking that it exists and is active.",
    source: SEED_TUTORIAL,
    statements: [allow("KinesisProducer", "stream", ["kinesis:DescribeStream", "kinesis:PutRecord", "kinesis:PutRecords"])],
};

// Current KPL/SDK producers also discover shards; granted only on request, never silently.
// Source: https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html
export const PRODUCER_SHARD_DISCOVERY: Profile = {
    name: "kinesis-producer-shard-discovery",
    description: "ListShards and DescribeStreamSummary for producer libraries that discover shards.",
    source: "https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html",
    statements: [allow("KinesisProducerShardDiscovery", "stream", ["kinesis:DescribeStreamSummary", "kinesis:ListShards"])],
};

// Stream encrypted with a customer managed key: producers generate data keys, consumers decrypt.
// Source: https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html
export const PRODUCER_KMS: Profile = {
    name: "kinesis-producer-kms",
    description: "Generate data keys with the stream's customer managed KMS key.",
    source: "https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html",
    statements: [allow("KmsProducer", "kmsKey", ["kms:GenerateDataKey"])],
};

// Source: https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html
export const CONSUMER_KMS: Profile = {
    name: "kinesis-consumer-kms",
    description: "Decrypt records with the stream's customer managed KMS key.",
    source: "https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html",
    statements: [allow("KmsConsumer", "kmsKey", ["kms:Decrypt"])],
};

// KCL 1.x (seed 000): DescribeStream, GetShardIterator, GetRecords on the stream.
// Source: https://docs.aws.amazon.com/streams/latest/dev/tutorial-stock-data-kplkcl-iam.html
export const KCL1_STREAM: Profile = {
    name: "kcl-1.x-stream",
    description: "KCL 1.x reads a stream by polling.",
    source: SEED_TUTORIAL,
    statements: [allow("KclReadStream", "stream", ["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator"])],
};

// KCL 2.x and 3.x add ListShards and DescribeStreamSummary to the 1.x read set.
// Source: https://docs.aws.amazon.com/streams/latest/dev/kcl-iam-permissions.html
export const KCL2_STREAM: Profile = {
    name: "kcl-2.x-stream",
    description: "KCL 2.x reads a stream by polling and lists its shards.",
    source: KCL_IAM,
    statements: [
        allow("KclReadStream", "stream", [
            "kinesis:DescribeStream",
            "kinesis:DescribeStreamSummary",
            "kinesis:GetRecords",
            "kinesis:GetShardIterator",
            "kinesis:ListShards",
        ]),
    ],
};

// Source: https://docs.aws.amazon.com/streams/latest/dev/kcl-iam-permissions.html
export const KCL3_STREAM: Profile = { ...KCL2_STREAM, name: "kcl-3.x-stream", description: "KCL 3.x reads a stream by polling and lists its shards." };

// Enhanced fan-out (KCL 2.x, 3.x). The AWS page lists RegisterStreamConsumer for every consumer; only an
// EFO consumer registers, so polling consumers do not get it. SubscribeToShard/DescribeStreamConsumer act
// on the consumer ARN, not the stream.
// Source: https://docs.aws.amazon.com/streams/latest/dev/kcl-iam-permissions.html
export const KCL_ENHANCED_FAN_OUT: Profile = {
    name: "kcl-enhanced-fan-out",
    description: "Register an enhanced fan-out consumer and subscribe to its shards.",
    source: KCL_IAM,
    statements: [
        allow("KclRegisterConsumer", "stream", ["kinesis:RegisterStreamConsumer"]),
        allow("KclEnhancedFanOut", "streamConsumer", ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"]),
    ],
};

const LEASE_ITEM_ACTIONS = [
    "dynamodb:DeleteItem", // shard split/merge
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Scan",
    "dynamodb:UpdateItem",
];

// KCL 1.x/2.x lease table named after the application; the first worker creates it (seed 000).
// Source: https://docs.aws.amazon.com/streams/latest/dev/tutorial-stock-data-kplkcl-iam.html
export const KCL1_LEASES_CREATED_BY_KCL: Profile = {
    name: "kcl-1.x-lease-table-created-by-kcl",
    description: "KCL 1.x/2.x creates and manages its lease table.",
    source: SEED_TUTORIAL,
    statements: [allow("KclLeaseTable", "leaseTable", ["dynamodb:CreateTable", ...LEASE_ITEM_ACTIONS])],
};

// The stack creates the lease table with KCL's schema, so CreateTable is not needed.
// Source: https://docs.aws.amazon.com/streams/latest/dev/kcl-dynamoDB.html
export const KCL1_LEASES_PROVISIONED: Profile = {
    name: "kcl-1.x-lease-table-provisioned",
    description: "KCL 1.x/2.x manages a lease table the stack provisioned.",
    source: KCL_METADATA,
    statements: [allow("KclLeaseTable", "leaseTable", [...LEASE_ITEM_ACTIONS])],
};

// KCL 3.x: lease table (+UpdateTable to add its leaseOwner index, Query on that index), and the
// WorkerMetricStats and CoordinatorState tables.
// Source: https://docs.aws.amazon.com/streams/latest/dev/kcl-iam-permissions.html
export const KCL3_LEASES_CREATED_BY_KCL: Profile = {
    name: "kcl-3.x-metadata-tables-created-by-kcl",
    description: "KCL 3.x creates and manages its lease, worker metrics and coordinator state tables.",
    source: KCL_IAM,
    statements: [
        allow("KclLeaseTable", "leaseTable", ["dynamodb:CreateTable", ...LEASE_ITEM_ACTIONS, "dynamodb:UpdateTable"]),
        allow("KclLeaseTableIndex", "leaseTableIndex", ["dynamodb:Query"]),
        allow("KclWorkerMetricsTable", "workerMetricsTable", ["dynamodb:CreateTable", ...LEASE_ITEM_ACTIONS]),
        allow("KclCoordinatorStateTable", "coordinatorStateTable", ["dynamodb:CreateTable", ...LEASE_ITEM_ACTIONS]),
    ],
};

// The stack creates all three tables and the lease table's index, so CreateTable and UpdateTable go.
// Source: https://docs.aws.amazon.com/streams/latest/dev/kcl-dynamoDB.html
export const KCL3_LEASES_PROVISIONED: Profile = {
    name: "kcl-3.x-metadata-tables-provisioned",
    description: "KCL 3.x manages lease, worker metrics and coordinator state tables the stack provisioned.",
    source: KCL_METADATA,
    statements: [
        allow("KclLeaseTable", "leaseTable", [...LEASE_ITEM_ACTIONS]),
        allow("KclLeaseTableIndex", "leaseTableIndex", ["dynamodb:Query"]),
        allow("KclWorkerMetricsTable", "workerMetricsTable", [...LEASE_ITEM_ACTIONS]),
        allow("KclCoordinatorStateTable", "coordinatorStateTable", [...LEASE_ITEM_ACTIONS]),
    ],
};

// PutMetricData has no required resource type, so Resource is "*"; the namespace condition narrows it to
// the namespace KCL publishes under (the application name).
// Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html
export const KCL_METRICS: Profile = {
    name: "kcl-cloudwatch-metrics",
    description: "Publish KCL metrics to CloudWatch under the application's namespace only.",
    source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html",
    statements: [allow("KclMetrics", "*", ["cloudwatch:PutMetricData"], "metricsNamespace")],
};

/** Every profile, for documentation, the policy pack's suggestions and tests. */
export const PROFILES: readonly Profile[] = [
    PRODUCER,
    PRODUCER_SHARD_DISCOVERY,
    PRODUCER_KMS,
    KCL1_STREAM,
    KCL2_STREAM,
    KCL3_STREAM,
    KCL_ENHANCED_FAN_OUT,
    KCL1_LEASES_CREATED_BY_KCL,
    KCL1_LEASES_PROVISIONED,
    KCL3_LEASES_CREATED_BY_KCL,
    KCL3_LEASES_PROVISIONED,
    KCL_METRICS,
    CONSUMER_KMS,
    ...STREAMING_PROFILES,
];

export interface ProducerOptions {
    /** Also grant ListShards and DescribeStreamSummary (current KPL/SDK producers). Default false: the seed's set. */
    shardDiscovery?: boolean;
    /** The stream uses a customer managed KMS key. */
    customerManagedKey?: boolean;
}

export function producerProfiles(opts: ProducerOptions = {}): Profile[] {
    return [PRODUCER, ...(opts.shardDiscovery ? [PRODUCER_SHARD_DISCOVERY] : []), ...(opts.customerManagedKey ? [PRODUCER_KMS] : [])];
}

export interface ConsumerOptions {
    kcl: KclVersion;
    enhancedFanOut: boolean;
    leaseTables: LeaseTables;
    customerManagedKey?: boolean;
}

/** The stream-side profiles of one consumed stream. */
export function consumerStreamProfiles(opts: Pick<ConsumerOptions, "kcl" | "enhancedFanOut" | "customerManagedKey">): Profile[] {
    if (opts.kcl === "1.x" && opts.enhancedFanOut) {
        throw new Error('enhancedFanOut: KCL 1.x has no enhanced fan-out; use kcl "2.x" or "3.x"');
    }
    const read = opts.kcl === "1.x" ? KCL1_STREAM : opts.kcl === "2.x" ? KCL2_STREAM : KCL3_STREAM;
    return [read, ...(opts.enhancedFanOut ? [KCL_ENHANCED_FAN_OUT] : []), ...(opts.customerManagedKey ? [CONSUMER_KMS] : [])];
}

/** The application-side profiles of a KCL application: metadata tables and metrics. */
export function kclApplicationProfiles(opts: Pick<ConsumerOptions, "kcl" | "leaseTables">): Profile[] {
    const provisioned = opts.leaseTables === "provisioned";
    const tables =
        opts.kcl === "3.x"
            ? provisioned
                ? KCL3_LEASES_PROVISIONED
                : KCL3_LEASES_CREATED_BY_KCL
            : provisioned
              ? KCL1_LEASES_PROVISIONED
              : KCL1_LEASES_CREATED_BY_KCL;
    return [tables, KCL_METRICS];
}

/** The metadata tables KCL uses for an application, by name. */
export function kclMetadataTableNames(applicationName: string, kcl: KclVersion): { lease: string; workerMetrics?: string; coordinatorState?: string } {
    return kcl === "3.x"
        ? { lease: applicationName, workerMetrics: `${applicationName}-WorkerMetricStats`, coordinatorState: `${applicationName}-CoordinatorState` }
        : { lease: applicationName };
}

export { KINESIS_REPLICATION_SERVICE };
