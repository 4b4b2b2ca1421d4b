import { strict as assert } from "node:assert";
import { StreamApplication, StreamApplicationArgs } from "../../components";
import { expectInvalid, grantTriples, named, ofType, Registered, resolve, underMocks } from "../harness/pulumi";

const ARN = (n: string) => `arn:aws:kinesis:us-west-2:123456789012:stream/${n}`;
const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const TABLE = (n: string) => `arn:aws:dynamodb:us-west-2:123456789012:table/${n}`;
const TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" } }],
});
const role = { role: { assumeRolePolicy: TRUST } };

const build = (args: StreamApplicationArgs) => underMocks(() => new StreamApplication("app", args));
const policyJson = (rs: Registered[]) => ofType(rs, "aws:iam/policy:Policy").map((p) => p.inputs.policy as string);

describe("StreamApplication", () => {
    it(
        "KCL 3.x with provisioned tables: creates them with KCL's schema, " + "protected, and grants no CreateTable/UpdateTable",
        async () => {
            const { resources } = await build({
                identity: role,
                consumes: [{ stream: { arn: ARN("S") }, kcl: "3.x", enhancedFanOut: true }],
                applicationName: "App",
            });
            const tables = ofType(resources, "aws:dynamodb/table:Table");
            assert.deepEqual(tables.map((t) => [t.inputs.name, t.inputs.hashKey]).sort(), [
                ["App", "leaseKey"],
                ["App-CoordinatorState", "key"],
                ["App-WorkerMetricStats", "wid"],
            ]);
            const lease = tables.find((t) => t.inputs.name === "App")!;
            assert.deepEqual(lease.inputs.globalSecondaryIndexes, [
                { name: "LeaseOwnerToLeaseKeyIndex", hashKey: "leaseOwner", rangeKey: "leaseKey", projectionType: "KEYS_ONLY" },
            ]);
            for (const t of tables) {
                assert.equal(t.inputs.deletionProtectionEnabled, true);
                assert.deepEqual(t.inputs.pointInTimeRecovery, { enabled: true });
                assert.equal(t.retainOnDelete, true);
            }
            const on = (r: string, ...actions: string[]) => actions.map((a) => `Allow ${a} ${r}`);
            assert.deepEqual(
                grantTriples(policyJson(resources)),
                [
                    "Allow cloudwatch:PutMetricData *",
                    ...on(
                        TABLE("App"),
                        "dynamodb:DeleteItem",
                        "dynamodb:DescribeTable",
                        "dynamodb:GetItem",
                        "dynamodb:PutItem",
                        "dynamodb:Scan",
                        "dynamodb:UpdateItem",
                    ),
                    ...on(
                        TABLE("App-CoordinatorState"),
                        "dynamodb:DeleteItem",
                        "dynamodb:DescribeTable",
                        "dynamodb:GetItem",
                        "dynamodb:PutItem",
                        "dynamodb:UpdateItem",
                    ),
                    `Allow dynamodb:Query ${TABLE("App")}/index/LeaseOwnerToLeaseKeyIndex`,
                    ...on(
                        TABLE("App-WorkerMetricStats"),
                        "dynamodb:DeleteItem",
                        "dynamodb:DescribeTable",
                        "dynamodb:Scan",
                        "dynamodb:UpdateItem",
                    ),
                    ...on(
                        ARN("S"),
                        "kinesis:DescribeStreamSummary",
                        "kinesis:GetRecords",
                        "kinesis:GetShardIterator",
                        "kinesis:ListShards",
                        "kinesis:RegisterStreamConsumer",
                    ),
                    ...on(`${ARN("S")}/consumer/App:*`, "kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"),
                ].sort(),
            );
        },
    );

    it("dataProtection: false is the only way to drop the tables' protections", async () => {
        const { resources } = await build({
            identity: role,
            consumes: [{ stream: { arn: ARN("S") }, kcl: "2.x" }],
            dataProtection: false,
        });
        const [t] = ofType(resources, "aws:dynamodb/table:Table");
        assert.deepEqual(
            [t.inputs.deletionProtectionEnabled, t.inputs.pointInTimeRecovery, t.retainOnDelete],
            [false, { enabled: false }, false],
        );
    });

    it("KCL 2.x defaults to enhanced fan-out, as KCL itself does", async () => {
        const { resources } = await build({ identity: role, consumes: [{ stream: { arn: ARN("S") }, kcl: "2.x" }] });
        assert.ok(grantTriples(policyJson(resources)).includes(`Allow kinesis:SubscribeToShard ${ARN("S")}/consumer/app:*`));
    });

    it("a role identity: trust policy as given, policies attached to the role, no user or key", async () => {
        const { result, resources } = await build({
            identity: { role: { name: "Proc", assumeRolePolicy: TRUST } },
            produces: [{ arn: ARN("S") }],
        });
        const r = named(resources, "aws:iam/role:Role", "app");
        assert.deepEqual([r.inputs.name, r.inputs.assumeRolePolicy], ["Proc", TRUST]);
        assert.deepEqual(
            ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.role),
            ["Proc"],
        );
        assert.equal(ofType(resources, "aws:iam/user:User").length, 0);
        assert.equal(result.accessKeyId, undefined);
    });

    it("a user without accessKey gets no long-lived key", async () => {
        const { result, resources } = await build({ identity: { user: { name: "U" } }, produces: [{ arn: ARN("S") }] });
        assert.equal(ofType(resources, "aws:iam/accessKey:AccessKey").length, 0);
        assert.equal(result.secretAccessKey, undefined);
    });

    it("the access key's secret is a Pulumi secret and a secret output of the key resource", async () => {
        const { result, resources } = await build({
            identity: { user: { name: "U", accessKey: true } },
            produces: [{ arn: ARN("S") }],
        });
        // The provider marks the key's secret output secret in state; the component's own output is wrapped too.
        assert.ok(named(resources, "aws:iam/accessKey:AccessKey", "app-key").additionalSecretOutputs.includes("secret"));
        assert.equal((await resolve(result.secretAccessKey!)).secret, true);
    });

    it("each produced stream gets its client's calls: the KPL's, a plain SDK's, the tutorial writer's", async () => {
        const produces = [
            { stream: { arn: ARN("A") }, client: "kpl" as const },
            { arn: ARN("B") },
            { stream: { arn: ARN("C") }, statusCheck: true },
        ];
        const { resources } = await build({ identity: role, produces });
        assert.deepEqual(grantTriples(policyJson(resources)), [
            "Allow cloudwatch:PutMetricData *",
            `Allow kinesis:DescribeStream ${ARN("C")}`,
            `Allow kinesis:ListShards ${ARN("A")}`,
            `Allow kinesis:PutRecord ${ARN("B")}`,
            `Allow kinesis:PutRecord ${ARN("C")}`,
            `Allow kinesis:PutRecords ${ARN("A")}`,
            `Allow kinesis:PutRecords ${ARN("B")}`,
            `Allow kinesis:PutRecords ${ARN("C")}`,
        ]);
    });

    it("a stream with a customer managed key: GenerateDataKey to produce, Decrypt to consume, on that key only", async () => {
        const s = { arn: ARN("S"), kmsKeyArn: KEY };
        const { resources } = await build({
            identity: role,
            produces: [s],
            consumes: [{ stream: s, kcl: "2.x", enhancedFanOut: false }],
        });
        assert.deepEqual(
            grantTriples(policyJson(resources)).filter((t) => t.includes("kms:")),
            [`Allow kms:Decrypt ${KEY}`, `Allow kms:GenerateDataKey ${KEY}`],
        );
    });

    it("separates producer and consumer policies and tags each with its profiles", async () => {
        const { resources } = await build({
            identity: role,
            produces: [{ arn: ARN("S") }],
            consumes: [{ stream: { arn: ARN("S") }, kcl: "1.x" }],
            leaseTables: "created-by-kcl",
        });
        const tags = ofType(resources, "aws:iam/policy:Policy").map((p) => [
            p.name,
            (p.inputs.tags as Record<string, string>)["kinesis-access:component"],
            (p.inputs.tags as Record<string, string>)["kinesis-access:profiles"],
        ]);
        assert.deepEqual(tags, [
            ["app-producer", "StreamApplication", "sdk-producer-stream"],
            ["app-consumer", "StreamApplication", "kcl-1.x-stream kcl-1.x-2.x-lease-table-created-by-kcl kcl-cloudwatch-metrics"],
        ]);
        assert.equal(
            (named(resources, "aws:iam/role:Role", "app").inputs.tags as Record<string, string>)["kinesis-access:component"],
            "StreamApplication",
        );
    });

    it("splits a consumer of 60 streams over several managed policies, each within 6,144 characters", async () => {
        const consumes = Array.from({ length: 60 }, (_, i) => ({
            stream: { arn: ARN(`trades-${i}`) },
            kcl: "3.x" as const,
            enhancedFanOut: true,
        }));
        const { result, resources } = await build({ identity: role, consumes });
        const docs = policyJson(resources);
        assert.ok(docs.length > 1 && docs.length <= 10, `${docs.length} policies`);
        for (const d of docs) assert.ok(d.replace(/\s/g, "").length <= 6144);
        const granted = grantTriples(docs);
        for (let i = 0; i < 60; i++)
            assert.ok(granted.includes(`Allow kinesis:SubscribeToShard ${ARN(`trades-${i}`)}/consumer/app:*`));
        assert.equal(ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, docs.length);
        assert.equal((await resolve(result.policyDocuments)).value.length, docs.length);
    });

    const S = { arn: ARN("S") };
    const bad: [string, unknown, string][] = [
        ["no identity", { produces: [S] }, "identity"],
        ["both a user and a role", { identity: { user: {}, role: { assumeRolePolicy: TRUST } }, produces: [S] }, "identity"],
        ["an invalid user name", { identity: { user: { name: "bad name" } }, produces: [S] }, "identity.user.name"],
        [
            "a role name over 64 characters",
            { identity: { role: { name: "r".repeat(65), assumeRolePolicy: TRUST } }, produces: [S] },
            "identity.role.name",
        ],
        [
            "a trust policy that is not JSON",
            { identity: { role: { assumeRolePolicy: "{not json" } }, produces: [S] },
            "identity.role.assumeRolePolicy",
        ],
        ["nothing produced or consumed", { identity: role }, "produces/consumes"],
        [
            "a stream ARN of another service",
            { identity: role, produces: [{ arn: "arn:aws:sqs:us-west-2:123456789012:q" }] },
            "produces[0].arn",
        ],
        ["an unknown KCL version", { identity: role, consumes: [{ stream: S, kcl: "4.x" }] }, "consumes[0].kcl"],
        [
            "enhanced fan-out with KCL 1.x",
            { identity: role, consumes: [{ stream: S, kcl: "1.x", enhancedFanOut: true }] },
            "consumes[0].enhancedFanOut",
        ],
        [
            "two KCL versions in one application",
            {
                identity: role,
                consumes: [
                    { stream: S, kcl: "3.x" },
                    { stream: { arn: ARN("T") }, kcl: "2.x" },
                ],
            },
            "consumes[1].kcl",
        ],
        [
            "two streams for one KCL 1.x application",
            {
                identity: role,
                consumes: [
                    { stream: S, kcl: "1.x" },
                    { stream: { arn: ARN("T") }, kcl: "1.x" },
                ],
            },
            "consumes",
        ],
        ["leaseTables without a consumer", { identity: role, produces: [S], leaseTables: "provisioned" }, "leaseTables"],
        ["an unknown leaseTables mode", { identity: role, consumes: [{ stream: S }], leaseTables: "shared" }, "leaseTables"],
        [
            "an application name that is not a table name",
            { identity: role, consumes: [{ stream: S }], applicationName: "a b" },
            "applicationName",
        ],
        [
            "a KCL 3.x application name too long for its metadata tables",
            { identity: role, consumes: [{ stream: S }], applicationName: "a".repeat(240) },
            "applicationName",
        ],
        ["an unknown argument", { identity: role, produces: [S], consumers: [] }, "consumers"],
        ["an unknown producer client", { identity: role, produces: [{ stream: S, client: "boto" }] }, "produces[0].client"],
        [
            "a status check with the KPL, which never calls DescribeStream",
            { identity: role, produces: [{ stream: S, client: "kpl", statusCheck: true }] },
            "produces[0].statusCheck",
        ],
        ["KCL options without a consumer", { identity: role, produces: [S], kclOptions: {} }, "kclOptions"],
        [
            "a metrics namespace reserved for AWS",
            { identity: role, consumes: [{ stream: S }], kclOptions: { metricsNamespace: "AWS/Kinesis" } },
            "kclOptions.metricsNamespace",
        ],
        [
            "table tags on tables the stack provisions",
            { identity: role, consumes: [{ stream: S }], leaseTables: "provisioned", kclOptions: { tableTags: true } },
            "kclOptions.tableTags",
        ],
        [
            "the single table before KCL 3",
            { identity: role, consumes: [{ stream: S, kcl: "2.x" }], kclOptions: { singleTable: true } },
            "kclOptions.singleTable",
        ],
        ["an unknown KCL option", { identity: role, consumes: [{ stream: S }], kclOptions: { pitr: true } }, "kclOptions.pitr"],
        [
            "more managed policies than IAM allows per identity",
            { identity: role, consumes: Array.from({ length: 600 }, (_, i) => ({ stream: { arn: ARN(`s${i}`) }, kcl: "3.x" })) },
            "produces/consumes",
        ],
    ];
    for (const [what, args, argument] of bad) {
        it(`refuses ${what} before registering anything`, async () => {
            await expectInvalid(() => new StreamApplication("app", args as never), argument);
        });
    }
});
