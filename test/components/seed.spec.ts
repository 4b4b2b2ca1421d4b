import * as yaml from "js-yaml";
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { grantTriples, named, ofType, resolve, underMocks } from "../harness/pulumi";

const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/StockTradeStream";
const LEASES = "arn:aws:dynamodb:us-west-2:123456789012:table/StockTradesProcessor";

describe("index.ts: the seed scenario under mocks", function () {
    let run: Awaited<ReturnType<typeof underMocks<Record<string, import("@pulumi/pulumi").Output<unknown>>>>>;
    before(async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- index.ts runs its program when loaded: under mocks
        run = await underMocks(() => require("../../index"), { stack: "dev" });
    });

    it(
        "grants StockTradeStreamUser the tutorial's 13 actions plus " + "ListShards (KCL 1.9+ lists shards), each on its own ARN",
        () => {
            const user = named(run.resources, "aws:iam/user:User", "StockTradesProcessor");
            assert.equal(user.inputs.name, "StockTradeStreamUser");
            const attached = ofType(run.resources, "aws:iam/userPolicyAttachment:UserPolicyAttachment").map((a) => a.name);
            const docs = ofType(run.resources, "aws:iam/policy:Policy")
                .filter((p) => attached.includes(p.name))
                .map((p) => p.inputs.policy as string);
            assert.deepEqual(grantTriples(docs), [
                "Allow cloudwatch:PutMetricData *",
                `Allow dynamodb:CreateTable ${LEASES}`,
                `Allow dynamodb:DeleteItem ${LEASES}`,
                `Allow dynamodb:DescribeTable ${LEASES}`,
                `Allow dynamodb:GetItem ${LEASES}`,
                `Allow dynamodb:PutItem ${LEASES}`,
                `Allow dynamodb:Scan ${LEASES}`,
                `Allow dynamodb:UpdateItem ${LEASES}`,
                `Allow kinesis:DescribeStream ${STREAM}`,
                `Allow kinesis:GetRecords ${STREAM}`,
                `Allow kinesis:GetShardIterator ${STREAM}`,
                `Allow kinesis:ListShards ${STREAM}`,
                `Allow kinesis:PutRecord ${STREAM}`,
                `Allow kinesis:PutRecords ${STREAM}`,
            ]);
            assert.equal(docs.length, 2, "one producer and one consumer policy, as the tutorial recommends");
        },
    );

    it("exports the access key secret only as a secret", async () => {
        const { value, secret } = await resolve(run.result.secretAccessKey);
        assert.equal(secret, true);
        assert.equal(typeof value, "string");
        assert.equal((await resolve(run.result.accessKeyId)).secret, false);
    });

    it("lets the operator enable and describe on Music, and denies disable on Orders", () => {
        const policies = ofType(run.resources, "aws:iam/policy:Policy").filter(
            (p) => p.name.startsWith("Music-") || p.name.startsWith("Orders-"),
        );
        assert.deepEqual(grantTriples(policies.map((p) => p.inputs.policy as string)), [
            "Allow dynamodb:DescribeKinesisStreamingDestination arn:aws:dynamodb:us-west-2:123456789012:table/Music",
            "Allow dynamodb:EnableKinesisStreamingDestination arn:aws:dynamodb:us-west-2:123456789012:table/Music",
            "Allow iam:CreateServiceLinkedRole " +
                "arn:aws:iam::123456789012:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/" +
                "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication",
            `Allow kinesis:DescribeStream ${STREAM}`,
            `Allow kinesis:DescribeStreamSummary ${STREAM}`,
            "Allow kinesis:ListStreams *",
            `Allow kinesis:PutRecords ${STREAM}`,
            "Deny dynamodb:DisableKinesisStreamingDestination arn:aws:dynamodb:us-west-2:123456789012:table/Orders",
        ]);
        const slr = JSON.parse(policies.find((p) => p.name === "Music-operator-1")!.inputs.policy as string).Statement.find(
            (s: { Action: string[] }) => s.Action[0] === "iam:CreateServiceLinkedRole",
        );
        assert.deepEqual(slr.Condition, { StringLike: { "iam:AWSServiceName": "kinesisreplication.dynamodb.amazonaws.com" } });
    });

    it("streams both tables into StockTradeStream and protects stream and tables", () => {
        const dests = ofType(run.resources, "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination");
        assert.deepEqual(dests.map((d) => [d.inputs.tableName, d.inputs.streamArn]).sort(), [
            ["Music", STREAM],
            ["Orders", STREAM],
        ]);
        const stream = named(run.resources, "aws:kinesis/stream:Stream", "trades");
        assert.equal(stream.retainOnDelete, true);
        for (const t of ofType(run.resources, "aws:dynamodb/table:Table")) {
            assert.equal(t.retainOnDelete, true, t.name);
            assert.equal(t.inputs.deletionProtectionEnabled, true, t.name);
            assert.deepEqual(t.inputs.pointInTimeRecovery, { enabled: true }, t.name);
        }
        assert.equal(
            ofType(run.resources, "aws:iam/serviceLinkedRole:ServiceLinkedRole").length,
            0,
            '"existing": nothing created',
        );
    });
});

describe("index.ts: the prod stack's config", function () {
    it("runs KCL 3.x with provisioned tables, enhanced fan-out and a role instead of a user", async () => {
        const config = (
            yaml.load(fs.readFileSync(require.resolve("../../Pulumi.prod.yaml"), "utf8")) as { config: Record<string, string> }
        ).config;
        delete require.cache[require.resolve("../../index")];
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- index.ts runs its program when loaded: under mocks
        const run = await underMocks(() => require("../../index"), { stack: "prod", region: config["aws:region"], config });
        assert.equal(ofType(run.resources, "aws:iam/user:User").length, 0);
        assert.equal(named(run.resources, "aws:iam/role:Role", "StockTradesProcessor").inputs.name, "StockTradesProcessor-prod");
        const stream = named(run.resources, "aws:kinesis/stream:Stream", "trades");
        assert.deepEqual([stream.inputs.streamModeDetails, stream.inputs.retentionPeriod], [{ streamMode: "ON_DEMAND" }, 168]);
        const names = ofType(run.resources, "aws:dynamodb/table:Table")
            .map((t) => t.inputs.name)
            .sort();
        assert.deepEqual(names, [
            "Music",
            "Orders",
            "StockTradesProcessor",
            "StockTradesProcessor-CoordinatorState",
            "StockTradesProcessor-WorkerMetricStats",
        ]);
        const consumer = ofType(run.resources, "aws:iam/policy:Policy").filter((p) =>
            p.name.startsWith("StockTradesProcessor-consumer"),
        );
        const granted = grantTriples(consumer.map((p) => p.inputs.policy as string));
        assert.ok(
            granted.includes(
                "Allow kinesis:SubscribeToShard " +
                    "arn:aws:kinesis:us-east-1:123456789012:stream/StockTradeStream/consumer/StockTradesProcessor:*",
            ),
        );
        assert.ok(!granted.some((t) => t.includes("CreateTable")));
        assert.equal((await resolve(run.result.identityArn)).value, "arn:aws:iam::123456789012:role/StockTradesProcessor-prod");
        assert.deepEqual(
            Object.keys(run.result).filter((k) => /user|Key/.test(k)),
            [],
            "no user outputs without a user",
        );
    });
});
