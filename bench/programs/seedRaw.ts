// The seed scenario (index.ts with its default configuration) written by hand with raw @pulumi/aws resources:
// the same cloud resources, inputs and policy JSON, without the components (no component resources, no grants
// library, no validation). `node -r ts-node/register/transpile-only bench/workers/components.ts raw 0 dump` prints
// what it registers; bench/run.ts checks it against index.ts before measuring.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const stack = pulumi.getStack();
const COMPONENT = "kinesis-access:component";
const PROFILES = "kinesis-access:profiles";
const doc = (Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

const stream = new aws.kinesis.Stream(
    "trades",
    {
        name: "StockTradeStream",
        shardCount: 1,
        streamModeDetails: { streamMode: "PROVISIONED" },
        retentionPeriod: 24,
        encryptionType: "KMS",
        kmsKeyId: "alias/aws/kinesis",
        enforceConsumerDeletion: false,
    },
    { retainOnDelete: true },
);

// StockTradesProcessor: the tutorial's user with an access key, producer and KCL 1.x consumer policies.
const appTags = { [COMPONENT]: "StreamApplication" };
const user = new aws.iam.User("StockTradesProcessor", { name: "StockTradeStreamUser", tags: appTags });
const key = new aws.iam.AccessKey("StockTradesProcessor-key", { user: user.name });
const producer = new aws.iam.Policy("StockTradesProcessor-producer", {
    description: "Produce to Kinesis streams as StockTradesProcessor (kinesis-access)",
    policy: stream.arn.apply((arn) =>
        doc([
            { Sid: "SdkProducer", Effect: "Allow", Action: ["kinesis:PutRecord", "kinesis:PutRecords"], Resource: [arn] },
            { Sid: "TutorialStatusCheck", Effect: "Allow", Action: ["kinesis:DescribeStream"], Resource: [arn] },
        ]),
    ),
    tags: { ...appTags, [PROFILES]: "sdk-producer-stream tutorial-writer-status-check" },
});
const consumer = new aws.iam.Policy("StockTradesProcessor-consumer", {
    description: "Consume from Kinesis streams as StockTradesProcessor (kinesis-access)",
    policy: stream.arn.apply((arn) => {
        const [, partition, , region, account] = arn.split(":");
        return doc([
            {
                Sid: "KclLeaseTable",
                Effect: "Allow",
                Action: [
                    "dynamodb:CreateTable",
                    "dynamodb:DeleteItem",
                    "dynamodb:DescribeTable",
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:Scan",
                    "dynamodb:UpdateItem",
                ],
                Resource: [`arn:${partition}:dynamodb:${region}:${account}:table/StockTradesProcessor`],
            },
            {
                Sid: "KclMetrics",
                Effect: "Allow",
                Action: ["cloudwatch:PutMetricData"],
                Resource: ["*"],
                Condition: { StringEquals: { "cloudwatch:namespace": "StockTradesProcessor" } },
            },
            {
                Sid: "KclReadStream",
                Effect: "Allow",
                Action: ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
                Resource: [arn],
            },
        ]);
    }),
    tags: { ...appTags, [PROFILES]: "kcl-1.x-stream kcl-1.x-2.x-lease-table-created-by-kcl kcl-cloudwatch-metrics" },
});
new aws.iam.UserPolicyAttachment("StockTradesProcessor-producer", { user: user.name, policyArn: producer.arn });
new aws.iam.UserPolicyAttachment("StockTradesProcessor-consumer", { user: user.name, policyArn: consumer.arn });

// The streaming operator role, assumable from this account.
const caller = aws.getCallerIdentityOutput();
const partition = aws.getPartitionOutput();
const operator = new aws.iam.Role("streaming-operator", {
    name: `KinesisStreamingOperator-${stack}`,
    assumeRolePolicy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: "sts:AssumeRole",
                Principal: { AWS: pulumi.interpolate`arn:${partition.partition}:iam::${caller.accountId}:root` },
            },
        ],
    }),
});

const table = (name: string) =>
    new aws.dynamodb.Table(
        name,
        {
            name,
            billingMode: "PAY_PER_REQUEST",
            hashKey: "id",
            attributes: [{ name: "id", type: "S" }],
            deletionProtectionEnabled: true,
            pointInTimeRecovery: { enabled: true },
        },
        { retainOnDelete: true },
    );
const music = table("Music");
const orders = table("Orders");
const streamingTags = (profiles: string) => ({ [COMPONENT]: "TableKinesisStreaming", [PROFILES]: profiles });

// Music: streaming enabled; the operator may enable (creating the service-linked role) and describe it.
const musicDestination = new aws.dynamodb.KinesisStreamingDestination("Music", {
    tableName: music.name,
    streamArn: stream.arn,
    approximateCreationDateTimePrecision: "MILLISECOND",
});
const musicPolicy = new aws.iam.Policy("Music-operator-1", {
    description: "Operate Kinesis Data Streams for DynamoDB on a table: enable, describe (kinesis-access)",
    policy: pulumi.all([music.arn, stream.arn]).apply(([tableArn, streamArn]) => {
        const [, p, , , account] = tableArn.split(":");
        const service = "kinesisreplication.dynamodb.amazonaws.com";
        return doc([
            {
                Sid: "StreamingDescribe",
                Effect: "Allow",
                Action: ["dynamodb:DescribeKinesisStreamingDestination"],
                Resource: [tableArn],
            },
            {
                Sid: "StreamingDescribeStream",
                Effect: "Allow",
                Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary"],
                Resource: [streamArn],
            },
            {
                Sid: "StreamingEnable",
                Effect: "Allow",
                Action: ["dynamodb:EnableKinesisStreamingDestination"],
                Resource: [tableArn],
            },
            { Sid: "StreamingEnableListStreams", Effect: "Allow", Action: ["kinesis:ListStreams"], Resource: ["*"] },
            {
                Sid: "StreamingEnableStream",
                Effect: "Allow",
                Action: ["kinesis:DescribeStream", "kinesis:PutRecords"],
                Resource: [streamArn],
            },
            {
                Sid: "StreamingServiceLinkedRole",
                Effect: "Allow",
                Action: ["iam:CreateServiceLinkedRole"],
                Resource: [
                    `arn:${p}:iam::${account}:role/aws-service-role/${service}/` +
                        `AWSServiceRoleForDynamoDBKinesisDataStreamsReplication`,
                ],
                Condition: { StringLike: { "iam:AWSServiceName": service } },
            },
        ]);
    }),
    tags: streamingTags(
        "dynamodb-kinesis-streaming-enable dynamodb-kinesis-streaming-service-linked-role " +
            "dynamodb-kinesis-streaming-describe",
    ),
});
new aws.iam.RolePolicyAttachment("Music-operator-1", { role: operator.name, policyArn: musicPolicy.arn });

// Orders: streaming enabled after Music (the service-linked role must exist); disabling explicitly denied.
const ordersPolicy = new aws.iam.Policy("Orders-operator-1", {
    description: "Operate Kinesis Data Streams for DynamoDB on a table: denyDisable (kinesis-access)",
    policy: orders.arn.apply((tableArn) =>
        doc([
            {
                Sid: "StreamingDenyDisable",
                Effect: "Deny",
                Action: ["dynamodb:DisableKinesisStreamingDestination"],
                Resource: [tableArn],
            },
        ]),
    ),
    tags: streamingTags("dynamodb-kinesis-streaming-deny-disable"),
});
new aws.dynamodb.KinesisStreamingDestination(
    "Orders",
    { tableName: orders.name, streamArn: stream.arn, approximateCreationDateTimePrecision: "MILLISECOND" },
    { dependsOn: [musicDestination] },
);
new aws.iam.RolePolicyAttachment("Orders-operator-1", { role: operator.name, policyArn: ordersPolicy.arn });

export const streamArn = stream.arn;
export const accessKeyId = key.id;
export const secretAccessKey = pulumi.secret(key.secret);
