// The seed scenario: the Kinesis tutorial's StockTrade producer/consumer (seed 000) and Kinesis Data Streams
// for DynamoDB on the Music and Orders tables (seed 003), built only from the components and driven by stack config.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { KinesisStream, StreamApplication, TableKinesisStreaming, Identity, KclVersion, LeaseTables } from "./components";

const config = new pulumi.Config();
const stack = pulumi.getStack();

const kmsKeyArn = config.get("kmsKeyArn");
const stream = new KinesisStream("trades", {
    name: config.get("streamName") ?? "StockTradeStream",
    capacity:
        config.get("capacityMode") === "on-demand"
            ? { mode: "on-demand" }
            : { mode: "provisioned", shards: config.getNumber("shards") ?? 1 },
    retentionHours: config.getNumber("retentionHours") ?? 24,
    ...(kmsKeyArn ? { encryption: { kmsKeyArn } } : {}),
});

const identity: Identity =
    (config.get("identity") ?? "user") === "user"
        ? { user: { name: config.get("userName") ?? "StockTradeStreamUser", accessKey: config.getBoolean("accessKey") ?? true } }
        : {
              role: {
                  name: config.get("roleName"),
                  assumeRolePolicy: JSON.stringify({
                      Version: "2012-10-17",
                      Statement: [
                          {
                              Effect: "Allow",
                              Action: "sts:AssumeRole",
                              Principal: { Service: config.get("trustedService") ?? "ecs-tasks.amazonaws.com" },
                          },
                      ],
                  }),
              },
          };

const applicationName = config.get("applicationName") ?? "StockTradesProcessor";
const app = new StreamApplication(applicationName, {
    identity,
    // The tutorial's writer checks that the stream is ACTIVE (DescribeStream) before it writes.
    produces: [{ stream, statusCheck: config.getBoolean("producerStatusCheck") ?? true }],
    consumes: [
        { stream, kcl: (config.get("kcl") ?? "1.x") as KclVersion, enhancedFanOut: config.getBoolean("enhancedFanOut") ?? false },
    ],
    applicationName,
    leaseTables: (config.get("leaseTables") ?? "created-by-kcl") as LeaseTables,
});

// Whoever operates table streaming: a role any principal of this account may assume, if its own policy lets it.
const caller = aws.getCallerIdentityOutput();
const partition = aws.getPartitionOutput();
const operator = new aws.iam.Role("streaming-operator", {
    name: config.get("operatorRoleName") ?? `KinesisStreamingOperator-${stack}`,
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

const dataProtection = config.getBoolean("dataProtection") ?? true;
const table = (name: string) =>
    new aws.dynamodb.Table(
        name,
        {
            name,
            billingMode: "PAY_PER_REQUEST",
            hashKey: "id",
            attributes: [{ name: "id", type: "S" }],
            deletionProtectionEnabled: dataProtection,
            pointInTimeRecovery: { enabled: dataProtection },
        },
        { retainOnDelete: dataProtection },
    );
const music = table(config.get("musicTable") ?? "Music");
const orders = table(config.get("ordersTable") ?? "Orders");

const serviceLinkedRole = (config.get("serviceLinkedRole") ?? "existing") as "existing" | "create";
const musicStreaming = new TableKinesisStreaming("Music", {
    table: music,
    stream,
    serviceLinkedRole,
    operators: { enable: [operator], describe: [operator] },
});
new TableKinesisStreaming(
    "Orders",
    { table: orders, stream, operators: { denyDisable: [operator] } },
    // The service-linked role must exist before a second table is enabled.
    { dependsOn: [musicStreaming] },
);

// Stack outputs; the user's name and key exist only with a user identity (an undefined output would warn).
const identityResource = app.user ?? app.role!;
const outputs: Record<string, unknown> = {
    streamArn: stream.arn,
    streamName: stream.name,
    identityArn: identityResource.arn,
    operatorRoleArn: operator.arn,
    serviceLinkedRoleArn: musicStreaming.serviceLinkedRoleArn,
    ...(app.user ? { userName: app.user.name } : {}),
    ...(app.accessKeyId ? { accessKeyId: app.accessKeyId, secretAccessKey: app.secretAccessKey } : {}),
};
export = outputs;
