import { strict as assert } from "node:assert";
import { judge } from "../../conformance/judge";
import { matrixRows, resourceLabel } from "../../conformance/matrix";
import { OptionalPath } from "../../conformance/optionalPaths";
import { generatedAccess } from "../../conformance/policies";
import { authorizedRequests, CallRecord, distinctRequests, Location } from "../../conformance/records";
import { createTableRequest } from "../../conformance/tables";

const LOC: Location = { partition: "aws", region: "us-east-1", account: "123456789012" };
const STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/S";
const TABLE = (n: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${n}`;
const call = (service: string, operation: string, params: Record<string, unknown> = {}): CallRecord => ({
    recorder: "test",
    worker: "w1",
    service,
    operation,
    params,
    outcome: "ok",
    t: 0,
});
const scenario = { stream: STREAM, consumerArn: (s: string, n: string) => `${s}/consumer/${n}:1700000000` };
const requests = (...records: CallRecord[]) => distinctRequests(records.flatMap((r) => authorizedRequests(r, LOC, scenario)));

describe("conformance/records: what IAM authorizes for each recorded call", () => {
    it(
        "Kinesis calls on the stream they name, GetRecords (an iterator only) " +
            "on the scenario's stream, consumers on their ARN",
        () => {
            const got = requests(
                call("kinesis", "ListShards", { StreamName: "S" }),
                call("kinesis", "GetRecords", { ShardIterator: "AAAA" }),
                call("kinesis", "SubscribeToShard", { ConsumerARN: `${STREAM}/consumer/App:1` }),
                call("kinesis", "DescribeStreamConsumer", { StreamARN: STREAM, ConsumerName: "App" }),
                call("kinesis", "ListStreams"),
            );
            assert.deepEqual(
                got.map((q) => `${q.action} ${q.resource}`),
                [
                    `kinesis:DescribeStreamConsumer ${STREAM}/consumer/App:1700000000`,
                    `kinesis:GetRecords ${STREAM}`,
                    `kinesis:ListShards ${STREAM}`,
                    "kinesis:ListStreams *",
                    `kinesis:SubscribeToShard ${STREAM}/consumer/App:1`,
                ],
            );
        },
    );

    it("DynamoDB: Query on its index, transactions item by item, CreateTable with tags also as TagResource", () => {
        const got = requests(
            call("dynamodb", "Query", { TableName: "App", IndexName: "LeaseOwnerToLeaseKeyIndex" }),
            call("dynamodb", "TransactWriteItems", {
                TransactItems: [
                    { kind: "ConditionCheck", TableName: "App-CoordinatorState" },
                    { kind: "Put", TableName: "App" },
                ],
            }),
            call("dynamodb", "CreateTable", { TableName: "App", Tags: 2 }),
        );
        assert.deepEqual(
            got.map((q) => `${q.action} ${q.resource}`),
            [
                `dynamodb:ConditionCheckItem ${TABLE("App-CoordinatorState")}`,
                `dynamodb:CreateTable ${TABLE("App")}`,
                `dynamodb:PutItem ${TABLE("App")}`,
                `dynamodb:Query ${TABLE("App")}/index/LeaseOwnerToLeaseKeyIndex`,
                `dynamodb:TagResource ${TABLE("App")}`,
            ],
        );
    });

    it("PutMetricData on * with its namespace as context; GetCallerIdentity needs no permission; repeats are counted", () => {
        const got = requests(
            call("cloudwatch", "PutMetricData", { Namespace: "App" }),
            call("cloudwatch", "PutMetricData", { Namespace: "App" }),
            call("sts", "GetCallerIdentity"),
        );
        assert.deepEqual(got, [
            { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "App" }, calls: 2 },
        ]);
    });

    it("refuses a call it cannot place, instead of judging it against nothing", () => {
        assert.throws(() => authorizedRequests(call("dynamodb", "GetItem"), LOC, scenario), /names no table/);
        assert.throws(() => authorizedRequests(call("s3", "GetObject"), LOC, scenario), /no IAM mapping for s3:GetObject/);
    });
});

describe("conformance/judge: sufficiency and minimality by iam-simulate", () => {
    const doc = {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["kinesis:GetRecords", "kinesis:ListShards"], Resource: [STREAM] },
            {
                Effect: "Allow",
                Action: ["cloudwatch:PutMetricData"],
                Resource: ["*"],
                Condition: { StringEquals: { "cloudwatch:namespace": "App" } },
            },
        ],
    };

    it("every call allowed and every grant used: sufficient and minimal", async () => {
        const v = await judge(
            [doc],
            requests(
                call("kinesis", "GetRecords"),
                call("kinesis", "ListShards", { StreamName: "S" }),
                call("cloudwatch", "PutMetricData", { Namespace: "App" }),
            ),
            [],
            LOC.account,
        );
        assert.deepEqual([v.sufficient, v.minimal], [true, true]);
        assert.deepEqual(
            matrixRows(v).map((r) => [r.action, r.on, r.calls, r.verdict]),
            [
                ["cloudwatch:PutMetricData", "*", 1, "ok"],
                ["kinesis:GetRecords", "stream", 1, "ok"],
                ["kinesis:ListShards", "stream", 1, "ok"],
            ],
        );
    });

    it("a call the policies do not allow (another namespace, another action) is DENIED; an unused grant is UNUSED", async () => {
        const v = await judge(
            [doc],
            requests(
                call("cloudwatch", "PutMetricData", { Namespace: "Other" }),
                call("kinesis", "DescribeStream", { StreamName: "S" }),
                call("kinesis", "GetRecords"),
            ),
            [],
            LOC.account,
        );
        assert.deepEqual([v.sufficient, v.minimal], [false, false]);
        assert.deepEqual(
            matrixRows(v)
                .filter((r) => r.verdict !== "ok")
                .map((r) => `${r.verdict} ${r.action} ${r.on}`),
            [
                "UNUSED cloudwatch:PutMetricData *",
                "DENIED cloudwatch:PutMetricData *",
                "DENIED kinesis:DescribeStream stream",
                "UNUSED kinesis:ListShards stream",
            ],
        );
    });

    it("an unused grant listed as an optional path for the configuration is excused, and says so", async () => {
        const optional: OptionalPath = {
            action: "kinesis:ListShards",
            resource: /stream\/S$/,
            configurations: /.*/,
            why: "test",
            source: "x",
        };
        const v = await judge(
            [doc],
            requests(call("kinesis", "GetRecords"), call("cloudwatch", "PutMetricData", { Namespace: "App" })),
            [optional],
            LOC.account,
        );
        assert.deepEqual([v.sufficient, v.minimal], [true, true]);
        assert.equal(v.grants.find((g) => g.grant.action === "kinesis:ListShards")!.optional, optional);
    });
});

describe("conformance/policies and tables: the component's own output, as the suite uses it", () => {
    it(
        "generates the StreamApplication's documents and tables in the " +
            "emulators' account, and creates the tables as declared",
        async () => {
            const access = await generatedAccess(
                "App",
                { consumes: [{ stream: { arn: STREAM }, kcl: "3.x", enhancedFanOut: false }], leaseTables: "provisioned" },
                LOC,
            );
            const resources = access.documents.flatMap((d) =>
                (d as { Statement: { Resource: string[] }[] }).Statement.flatMap((s) => s.Resource),
            );
            assert.ok(resources.includes(TABLE("App-WorkerMetricStats")), resources.join(" "));
            const lease = access.tables.find((t) => t.name === "App")!;
            assert.deepEqual(createTableRequest(lease as never), {
                TableName: "App",
                BillingMode: "PAY_PER_REQUEST",
                KeySchema: [{ AttributeName: "leaseKey", KeyType: "HASH" }],
                AttributeDefinitions: [
                    { AttributeName: "leaseKey", AttributeType: "S" },
                    { AttributeName: "leaseOwner", AttributeType: "S" },
                ],
                GlobalSecondaryIndexes: [
                    {
                        IndexName: "LeaseOwnerToLeaseKeyIndex",
                        KeySchema: [
                            { AttributeName: "leaseOwner", KeyType: "HASH" },
                            { AttributeName: "leaseKey", KeyType: "RANGE" },
                        ],
                        Projection: { ProjectionType: "KEYS_ONLY" },
                    },
                ],
                DeletionProtectionEnabled: true,
                Tags: [{ Key: "kinesis-access:component", Value: "StreamApplication" }],
            });
        },
    );

    it("labels resources by the role they play in the matrix", () => {
        assert.deepEqual([STREAM, `${STREAM}/consumer/App:*`, TABLE("App"), `${TABLE("App")}/index/I`, "*"].map(resourceLabel), [
            "stream",
            "consumer App:*",
            "table App",
            "index App/I",
            "*",
        ]);
    });
});
