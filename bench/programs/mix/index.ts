// One group of the pack benchmark's realistic mix, every physical name carrying the marker "zq0000" so that
// bench/lib/mix.ts can clone the group into as many distinct copies as it needs. Mostly what the components make
// (streams, users with keys, roles, managed policies, attachments, KCL tables, streaming destinations), plus the
// hand-written IAM a real stack also has, some of it too broad (the pack must do its full work on it).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { KinesisStream, StreamApplication, TableKinesisStreaming } from "../../../components";

const M = "zq0000";
const trust = (service: string) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: service } }],
    });

// The tutorial's shape: a user with a key producing to and consuming from one stream (KCL 1.x, tables by KCL).
const trades = new KinesisStream(`trades-${M}`, { name: `trades-${M}` });
new StreamApplication(`trades-app-${M}`, {
    identity: { user: { name: `trades-user-${M}`, accessKey: true } },
    produces: [trades],
    consumes: [{ stream: trades, kcl: "1.x", enhancedFanOut: false }],
    applicationName: `trades-app-${M}`,
    leaseTables: "created-by-kcl",
});

// A role-based KCL 3.x consumer of two streams with enhanced fan-out and provisioned metadata tables.
const orders = new KinesisStream(`orders-${M}`, { name: `orders-${M}`, capacity: { mode: "on-demand" }, retentionHours: 48 });
new StreamApplication(`analytics-${M}`, {
    identity: { role: { name: `analytics-${M}`, assumeRolePolicy: trust("ecs-tasks.amazonaws.com") } },
    consumes: [
        { stream: trades, kcl: "3.x", enhancedFanOut: true },
        { stream: orders, kcl: "3.x", enhancedFanOut: true },
    ],
    applicationName: `analytics-${M}`,
});
new StreamApplication(`ingest-${M}`, {
    identity: { role: { name: `ingest-${M}`, assumeRolePolicy: trust("lambda.amazonaws.com") } },
    produces: [orders, { stream: trades, client: "kpl" }],
});

// Kinesis Data Streams for DynamoDB: a table replicating into the orders stream, and its operators.
const operator = new aws.iam.Role(`operator-${M}`, { name: `operator-${M}`, assumeRolePolicy: trust("ec2.amazonaws.com") });
const table = new aws.dynamodb.Table(
    `orders-table-${M}`,
    {
        name: `orders-table-${M}`,
        billingMode: "PAY_PER_REQUEST",
        hashKey: "id",
        attributes: [{ name: "id", type: "S" }],
        deletionProtectionEnabled: true,
        pointInTimeRecovery: { enabled: true },
    },
    { retainOnDelete: true },
);
new TableKinesisStreaming(`orders-table-${M}`, {
    table,
    stream: orders,
    operators: { enable: [operator], describe: [operator], denyDisable: [operator] },
});

// Hand-written IAM: a reporting role with an inline policy, a managed policy with a wildcard action on every
// stream (refused), the PutMetricData grant without a namespace (advisory), and a stream resource policy.
const reporting = new aws.iam.Role(`reporting-${M}`, {
    name: `reporting-${M}`,
    assumeRolePolicy: trust("ecs-tasks.amazonaws.com"),
    inlinePolicies: [
        {
            name: "read-orders-table",
            policy: table.arn.apply((arn) =>
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"], Resource: [arn] },
                    ],
                }),
            ),
        },
    ],
});
const broad = new aws.iam.Policy(`reporting-streams-${M}`, {
    name: `reporting-streams-${M}`,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["kinesis:Get*", "kinesis:DescribeStream"],
                Resource: "arn:aws:kinesis:us-west-2:123456789012:stream/*",
            },
            { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" },
        ],
    }),
});
new aws.iam.RolePolicyAttachment(`reporting-streams-${M}`, { role: reporting.name, policyArn: broad.arn });
new aws.iam.RolePolicy(`reporting-describe-${M}`, {
    role: reporting.name,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["kinesis:DescribeStreamSummary", "kinesis:ListShards"], Resource: [orders.arn] }],
    }),
});
new aws.kinesis.ResourcePolicy(`orders-sharing-${M}`, {
    resourceArn: orders.arn,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::210987654321:root" },
                Action: ["kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
                Resource: orders.arn,
            },
        ],
    }),
});
