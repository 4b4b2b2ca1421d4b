// Kinesis Data Streams for DynamoDB (seed 003): the operators' profiles. Data only, like profiles.ts.
// DynamoDB checks these on the caller's behalf, server side: no client code makes them, so `code` is empty and the page is the
// source.

import { allow, Profile } from "./profile";

const KDS_FOR_DYNAMODB = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds_iam.html";

/**
 * Enable streaming on a table. The current page lists `kinesis:DescribeStream` with the seed's three actions
 * (the seed predates it); the service-linked role DynamoDB creates on first use is its own profile below.
 */
export const STREAMING_ENABLE: Profile = {
    name: "dynamodb-kinesis-streaming-enable",
    description: "Enable Kinesis Data Streams for DynamoDB on a table.",
    source: KDS_FOR_DYNAMODB,
    code: [],
    statements: [
        allow("StreamingEnable", "table", ["dynamodb:EnableKinesisStreamingDestination"]),
        allow("StreamingEnableListStreams", "*", ["kinesis:ListStreams"]),
        allow("StreamingEnableStream", "stream", ["kinesis:DescribeStream", "kinesis:PutRecords"]),
    ],
};

/**
 * The first enable in an account creates the service-linked role; not needed when the stack creates it (`serviceLinkedRole:
 * "create"`).
 */
export const STREAMING_SERVICE_LINKED_ROLE: Profile = {
    name: "dynamodb-kinesis-streaming-service-linked-role",
    description: "Let DynamoDB create the Kinesis Data Streams replication service-linked role on the first enable.",
    source: KDS_FOR_DYNAMODB,
    code: [],
    statements: [
        allow("StreamingServiceLinkedRole", "serviceLinkedRole", ["iam:CreateServiceLinkedRole"], "kinesisReplicationService"),
    ],
};

/** Describe the destination and the stream it writes to. */
export const STREAMING_DESCRIBE: Profile = {
    name: "dynamodb-kinesis-streaming-describe",
    description: "Describe Kinesis Data Streams for DynamoDB on a table.",
    source: KDS_FOR_DYNAMODB,
    code: [],
    statements: [
        allow("StreamingDescribe", "table", ["dynamodb:DescribeKinesisStreamingDestination"]),
        allow("StreamingDescribeStream", "stream", ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary"]),
    ],
};

/** Change the destination's settings (the precision of ApproximateCreationDateTime); on the current page, not in the seed. */
export const STREAMING_UPDATE: Profile = {
    name: "dynamodb-kinesis-streaming-update",
    description: "Update Kinesis Data Streams for DynamoDB settings on a table.",
    source: KDS_FOR_DYNAMODB,
    code: [],
    statements: [allow("StreamingUpdate", "table", ["dynamodb:UpdateKinesisStreamingDestination"])],
};

/** Disable streaming on a table. */
export const STREAMING_DISABLE: Profile = {
    name: "dynamodb-kinesis-streaming-disable",
    description: "Disable Kinesis Data Streams for DynamoDB on a table.",
    source: KDS_FOR_DYNAMODB,
    code: [],
    statements: [allow("StreamingDisable", "table", ["dynamodb:DisableKinesisStreamingDestination"])],
};

/** The seed's third example: an explicit Deny wins over any Allow the principal has elsewhere. */
export const STREAMING_DENY_DISABLE: Profile = {
    name: "dynamodb-kinesis-streaming-deny-disable",
    description: "Explicitly deny disabling Kinesis Data Streams for DynamoDB on a table.",
    source: KDS_FOR_DYNAMODB,
    code: [],
    statements: [
        { sid: "StreamingDenyDisable", effect: "Deny", role: "table", actions: ["dynamodb:DisableKinesisStreamingDestination"] },
    ],
};

/** The streaming operators' profiles, in PROFILES order. */
export const STREAMING_PROFILES: readonly Profile[] = [
    STREAMING_ENABLE,
    STREAMING_SERVICE_LINKED_ROLE,
    STREAMING_DESCRIBE,
    STREAMING_UPDATE,
    STREAMING_DISABLE,
    STREAMING_DENY_DISABLE,
];

/** The operations one principal may perform on one table's streaming destination. */
export interface StreamingOperatorOptions {
    enable?: boolean;
    describe?: boolean;
    update?: boolean;
    disable?: boolean;
    denyDisable?: boolean;
    /**
     * Who creates the service-linked role: "existing" (DynamoDB, on the first enable) or "create" (the stack). Default
     * "existing".
     */
    serviceLinkedRole?: "existing" | "create";
}

export function streamingOperatorProfiles(ops: StreamingOperatorOptions): Profile[] {
    return [
        ...(ops.enable ? [STREAMING_ENABLE] : []),
        ...(ops.enable && ops.serviceLinkedRole !== "create" ? [STREAMING_SERVICE_LINKED_ROLE] : []),
        ...(ops.describe ? [STREAMING_DESCRIBE] : []),
        ...(ops.update ? [STREAMING_UPDATE] : []),
        ...(ops.disable ? [STREAMING_DISABLE] : []),
        ...(ops.denyDisable ? [STREAMING_DENY_DISABLE] : []),
    ];
}
