// Producer profiles, by client library, and the KMS profiles of encrypted streams. Data only, like profiles.ts.

import { allow, Profile } from "./profile";
import { CW_NAMESPACE, KMS_PAGE, kpl, KPL_PAGE, SDK_PRODUCER_PAGE, SEED_TUTORIAL, TUTORIAL_WRITER } from "./sources";

/** A plain SDK producer: only the writes the application makes. The tutorial's DescribeStream is `TUTORIAL_STATUS_CHECK`. */
export const SDK_PRODUCER: Profile = {
    name: "sdk-producer-stream",
    description: "Write records to one stream with PutRecord / PutRecords.",
    source: SDK_PRODUCER_PAGE,
    code: [],
    statements: [allow("SdkProducer", "stream", ["kinesis:PutRecord", "kinesis:PutRecords"])],
};

/** The tutorial's writer checks that the stream exists and is ACTIVE before it writes (seed 000). */
export const TUTORIAL_STATUS_CHECK: Profile = {
    name: "tutorial-writer-status-check",
    description: "DescribeStream before writing, as the Kinesis tutorial's writer does.",
    source: SEED_TUTORIAL,
    // validateStream: DescribeStream until ACTIVE, then putRecord per trade (conformance/node/producer.ts plays it).
    code: [TUTORIAL_WRITER],
    statements: [allow("TutorialStatusCheck", "stream", ["kinesis:DescribeStream"])],
};

/**
 * The KPL lists shards to aggregate by shard and writes only with PutRecords; it never calls DescribeStream or
 * PutRecord, whatever the tutorial's table says.
 */
export const KPL_STREAM: Profile = {
    name: "kpl-1.0-stream",
    description: "The KPL 1.0: ListShards for its shard map, PutRecords for every write.",
    source: KPL_PAGE,
    code: [kpl("aws/kinesis/core/shard_map.cc"), kpl("aws/kinesis/core/retrier.cc")],
    statements: [allow("KplStream", "stream", ["kinesis:ListShards", "kinesis:PutRecords"])],
};

/** Metrics are on by default, under the fixed namespace KinesisProducerLibrary; the condition keeps them there. */
export const KPL_METRICS: Profile = {
    name: "kpl-1.0-metrics",
    description: "The KPL 1.0 publishes its metrics to CloudWatch under KinesisProducerLibrary only.",
    source: CW_NAMESPACE,
    code: [kpl("aws/metrics/metrics_manager.cc"), kpl("aws/kinesis/core/configuration.h")],
    statements: [allow("KplMetrics", "*", ["cloudwatch:PutMetricData"], "kplMetricsNamespace")],
};

/** Stream encrypted with a customer managed key: writers generate data keys with it. */
export const PRODUCER_KMS: Profile = {
    name: "kinesis-producer-kms",
    description: "Generate data keys with the stream's customer managed KMS key.",
    source: KMS_PAGE,
    code: [],
    statements: [allow("KmsProducer", "kmsKey", ["kms:GenerateDataKey"])],
};

/** Stream encrypted with a customer managed key: readers decrypt with it. */
export const CONSUMER_KMS: Profile = {
    name: "kinesis-consumer-kms",
    description: "Decrypt records with the stream's customer managed KMS key.",
    source: KMS_PAGE,
    code: [],
    statements: [allow("KmsConsumer", "kmsKey", ["kms:Decrypt"])],
};
