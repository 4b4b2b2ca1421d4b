// Kinesis Data Streams for DynamoDB (seed 003): the operators' profiles. Data only, like profiles.ts.
// DynamoDB checks these on the caller's behalf, server side: no client code makes them, so `code` is empty and the page is the source.

import { allow, Profile } from "./profile";

const KDS_FOR_DYNAMODB = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds_iam.html";

// Kinesis Data Streams for DynamoDB (seed 003). Enabling creates the service-linked role on first use.
// Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds_iam.html
export const STREAMING_ENABLE: Profile = {
    name: "dynamodb-kinesis-streaming-enable",
    description: "Enable Kinesis Data Streams for DynamoDB on a table.",
    source: KDS_FOR_DYNAMODB,
    code: [],
    statements: [
        allow("StreamingEnable", "table", ["dynamodb:EnableKinesisStreamingDestination"]),
        allow("StreamingEnableListStreams", "*", ["kinesis:ListStreams"]),
        allow("StreamingEnablePutRecords", "stream", ["kinesis:PutRecords"]),
        allow("StreamingServiceLinkedRole", "serviceLinkedRole", ["iam:CreateServiceLinkedRole"], "kinesisReplicationService"),
    ],
};

// Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds_iam.html
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

// Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds_iam.html
export const STREAMING_DISABLE: Profile = {
    name: "dynamodb-kinesis-streaming-disable",
    description: "Disable Kinesis Data Streams for DynamoDB on a table.",
    source: KDS_FOR_DYNAMODB,
    code: [],
    statements: [allow("StreamingDisable", "table", ["dynamodb:DisableKinesisStreamingDestination"])],
};

// The seed's third example: an explicit Deny wins over any Allow the principal has elsewhere.
// Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds_iam.html
export const STREAMING_DENY_DISABLE: Profile = {
    name: "dynamodb-kinesis-streaming-deny-disable",
    description: "Explicitly deny disabling Kinesis Data Streams for DynamoDB on a table.",
    source: KDS_FOR_DYNAMODB,
    code: [],
    statements: [{ sid: "StreamingDenyDisable", effect: "Deny", role: "table", actions: ["dynamodb:DisableKinesisStreamingDestination"] }],
};

/** The streaming operators' profiles, in PROFILES order. */
export const STREAMING_PROFILES: readonly Profile[] = [STREAMING_ENABLE, STREAMING_DESCRIBE, STREAMING_DISABLE, STREAMING_DENY_DISABLE];

export interface StreamingOperatorOptions {
    enable?: boolean;
    describe?: boolean;
    disable?: boolean;
    denyDisable?: boolean;
}

export function streamingOperatorProfiles(ops: StreamingOperatorOptions): Profile[] {
    return [
        ...(ops.enable ? [STREAMING_ENABLE] : []),
        ...(ops.describe ? [STREAMING_DESCRIBE] : []),
        ...(ops.disable ? [STREAMING_DISABLE] : []),
        ...(ops.denyDisable ? [STREAMING_DENY_DISABLE] : []),
    ];
}
