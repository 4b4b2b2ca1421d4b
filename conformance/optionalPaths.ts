// The reviewed table of granted actions that no scenario calls: each is a path a real deployment reaches (so the
// grant stays: without it that path is an outage), but that the scenarios cannot reach in minutes on emulators.
// Every entry names the configurations it covers, why, and the library code that takes the path.

export interface OptionalPath {
    action: string;
    /** The granted resources it covers. */
    resource: RegExp;
    /** The configuration ids it covers. */
    configurations: RegExp;
    why: string;
    /** repo@tag:path of the code that makes the call. */
    source: string;
}

const kcl = (tag: string, path: string) =>
    `awslabs/amazon-kinesis-client@${tag}:amazon-kinesis-client/src/main/java/software/amazon/kinesis/${path}`;
const both = (path: string) => `${kcl("v2.7.2", path)} and ${kcl("v3.5.1", path)}`;

/** kinesis-local 0.6.2 never ends a SubscribeToShard stream with ChildShards, so under enhanced fan-out KCL cannot
 * reach a shard's end there and the reshard phase is skipped. What KCL does after a reshard is the polling path's. */
const EFO_RESHARD =
    "kinesis-local never delivers ChildShards to an enhanced fan-out subscription, so the reshard phase is skipped; the " +
    "polling configurations run it";

export const OPTIONAL_PATHS: readonly OptionalPath[] = [
    {
        action: "kinesis:PutRecords",
        resource: /:stream\/[^/]+$/,
        configurations: /^tutorial-writer$/,
        why:
            "a plain SDK producer is granted both write calls, as the tutorial's table lists them; its writer uses " +
            "PutRecord, the sdk-* configurations call PutRecords",
        source: "https://docs.aws.amazon.com/streams/latest/dev/tutorial-stock-data-kplkcl-iam.html",
    },
    {
        action: "kinesis:GetShardIterator",
        resource: /:stream\/[^/]+$/,
        configurations: /-efo-/,
        why:
            `under enhanced fan-out KCL reads a closed shard's ChildShards with GetShardIterator + GetRecords before it ` +
            `deletes the parent's lease; ${EFO_RESHARD}`,
        source: both("leases/KinesisShardDetector.java (getChildShards), leases/LeaseCleanupManager.java"),
    },
    {
        action: "kinesis:GetRecords",
        resource: /:stream\/[^/]+$/,
        configurations: /-efo-/,
        why: `the GetRecords half of the child-shard lookup above; ${EFO_RESHARD}`,
        source: both("leases/KinesisShardDetector.java (getChildShards)"),
    },
    {
        action: "dynamodb:DeleteItem",
        // The lease table only (named after its configuration, e.g. kcl-2.7.2-efo-provisioned; -r2 on a second attempt).
        resource: /:table\/kcl-[0-9.]+-efo-[a-z-]+(-r\d+)?$/,
        configurations: /-efo-/,
        why: `the lease of a parent shard is deleted once its children are processed (split, merge); ${EFO_RESHARD}`,
        source: both("leases/LeaseCleanupManager.java (cleanupLeaseForCompletedShard)"),
    },
];

export const optionalPathsFor = (configurationId: string): OptionalPath[] =>
    OPTIONAL_PATHS.filter((o) => o.configurations.test(configurationId));
