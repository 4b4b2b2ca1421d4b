// StreamApplication (issue 11): grants in the right place and clear refusals for Outputs, other accounts, many streams,
// duplicates, trust documents and the extension points.
import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "node:assert";
import { KinesisStream, StreamApplication, StreamApplicationArgs } from "../../components";
import { expectInvalid, expectInvalidWhenResolved, grantTriples, named, ofType, Registered, underMocks } from "../harness/pulumi";

const ARN = (n: string, region = "us-west-2", account = "123456789012") => `arn:aws:kinesis:${region}:${account}:stream/${n}`;
const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" } }],
});
const role = { role: { assumeRolePolicy: TRUST } };
const policies = (rs: Registered[]) => ofType(rs, "aws:iam/policy:Policy");
const policyJson = (rs: Registered[]) => policies(rs).map((p) => p.inputs.policy as string);
const build = (args: StreamApplicationArgs) => underMocks(() => new StreamApplication("app", args));
const tableTriples = (rs: Registered[]) => grantTriples(policyJson(rs)).filter((t) => t.includes(":dynamodb:"));

describe("StreamApplication: inputs of every kind (issue 11)", () => {
    it("item 2: created-by-kcl tables are where the provider points, not in the stream's account and region", async () => {
        const { resources } = await build({
            identity: role,
            consumes: [{ stream: { arn: ARN("S", "eu-west-1", "999999999999") }, kcl: "1.x" }],
            applicationName: "App",
            leaseTables: "created-by-kcl",
        });
        const T = "arn:aws:dynamodb:us-west-2:123456789012:table/App";
        assert.deepEqual(
            tableTriples(resources),
            ["CreateTable", "DeleteItem", "DescribeTable", "GetItem", "PutItem", "Scan", "UpdateItem"].map(
                (a) => `Allow dynamodb:${a} ${T}`,
            ),
        );
    });
    it("item 2: KCL 3.5's single-table probes are in the provider's account and region too", async () => {
        const { resources } = await build({
            identity: role,
            consumes: [{ stream: { arn: ARN("S", "eu-west-1", "999999999999") } }],
            applicationName: "App",
            leaseTables: "created-by-kcl",
            kclOptions: { singleTable: true },
        });
        const arns = [...new Set(tableTriples(resources).map((t) => t.split(" ")[2]))].sort();
        assert.ok(
            arns.length > 0 && arns.every((a) => a.startsWith("arn:aws:dynamodb:us-west-2:123456789012:table/App")),
            arns.join(", "),
        );
    });

    it(
        "item 4: a stream key given as an Output that resolves to " +
            "alias/aws/kinesis gets no KMS statement and no KMS profile",
        async () => {
            const { resources } = await underMocks(() => {
                const s = new KinesisStream("s", { name: "S", encryption: { kmsKeyArn: pulumi.output("alias/aws/kinesis") } });
                return new StreamApplication("app", { identity: role, produces: [s] });
            });
            assert.deepEqual(grantTriples(policyJson(resources)), [
                `Allow kinesis:PutRecord ${ARN("S")}`,
                `Allow kinesis:PutRecords ${ARN("S")}`,
            ]);
            assert.equal(
                (policies(resources)[0].inputs.tags as Record<string, string>)["kinesis-access:profiles"],
                "sdk-producer-stream",
            );
        },
    );
    it("item 4: the same with { arn, kmsKeyArn: Output } — and a key ARN Output does get its KMS statement", async () => {
        const alias = await build({
            identity: role,
            produces: [{ arn: ARN("S"), kmsKeyArn: pulumi.output("alias/aws/kinesis") }],
        });
        assert.deepEqual(grantTriples(policyJson(alias.resources)), [
            `Allow kinesis:PutRecord ${ARN("S")}`,
            `Allow kinesis:PutRecords ${ARN("S")}`,
        ]);
        const key = await build({ identity: role, produces: [{ arn: ARN("S"), kmsKeyArn: pulumi.output(KEY) }] });
        assert.deepEqual(grantTriples(policyJson(key.resources)), [
            `Allow kinesis:PutRecord ${ARN("S")}`,
            `Allow kinesis:PutRecords ${ARN("S")}`,
            `Allow kms:GenerateDataKey ${KEY}`,
        ]);
    });

    it("item 5: one KCL 3.x application consuming 30 autonamed KinesisStreams plans enough policies", async () => {
        const { resources } = await underMocks(() => {
            const streams = Array.from({ length: 30 }, (_, i) => new KinesisStream(`s${i}`));
            return new StreamApplication("app", { identity: role, consumes: streams.map((stream) => ({ stream })) });
        });
        const docs = policyJson(resources);
        assert.ok(docs.length >= 2, `${docs.length} policies`);
        assert.equal(grantTriples(docs).filter((t) => t.startsWith("Allow kinesis:SubscribeToShard")).length, 30);
    });
    it("item 5: 100 streams given as { arn: Output } plan enough policies", async () => {
        const consumes = Array.from({ length: 100 }, (_, i) => ({
            stream: { arn: pulumi.output(ARN(`stream-${i}`)) },
            kcl: "2.x" as const,
            enhancedFanOut: false,
        }));
        const { resources } = await build({ identity: role, consumes });
        assert.equal(grantTriples(policyJson(resources)).filter((t) => t.startsWith("Allow kinesis:GetRecords")).length, 100);
    });

    it("item 6: a sparse consumes array names the missing element", async () => {
        const msg = await expectInvalid(
            // eslint-disable-next-line no-sparse-arrays -- the hole in the list is the case under test
            () => new StreamApplication("app", { identity: role, consumes: [,] as never }),
            "consumes[0]",
        );
        assert.match(msg, /invalid consumes\[0\] = undefined; allowed: an element \(the array has a hole here/);
    });

    const resolvedBad: [string, () => unknown, string, string][] = [
        [
            "a stream ARN Output of another service",
            () =>
                new StreamApplication("app", {
                    identity: role,
                    produces: [{ arn: pulumi.output("arn:aws:sqs:us-west-2:123456789012:q") }],
                }),
            "produces[0].arn",
            "arn:aws:sqs:us-west-2:123456789012:q",
        ],
        [
            "a consumed stream ARN Output that is garbage",
            () => new StreamApplication("app", { identity: role, consumes: [{ stream: { arn: pulumi.output("garbage") } }] }),
            "consumes[0].stream.arn",
            "garbage",
        ],
        [
            "a kmsKeyArn Output that is not a key",
            () =>
                new StreamApplication("app", { identity: role, produces: [{ arn: ARN("S"), kmsKeyArn: pulumi.output("nope") }] }),
            "produces[0].kmsKeyArn",
            "nope",
        ],
        [
            "a KinesisStream key Output that is not a key",
            () => new KinesisStream("s", { encryption: { kmsKeyArn: pulumi.output("nope") } }),
            "encryption.kmsKeyArn",
            "nope",
        ],
        [
            "an assumeRolePolicy Output that is not JSON",
            () =>
                new StreamApplication("app", {
                    identity: { role: { assumeRolePolicy: pulumi.output("nope") } },
                    produces: [{ arn: ARN("S") }],
                }),
            "identity.role.assumeRolePolicy",
            "nope",
        ],
        [
            "an existing role of another account",
            () =>
                new StreamApplication("app", {
                    identity: { existingRole: "arn:aws:iam::999999999999:role/r" },
                    produces: [{ arn: ARN("S") }],
                }),
            "identity.existingRole",
            "arn:aws:iam::999999999999:role/r",
        ],
        [
            "a permissions boundary Output that is not a policy ARN",
            () =>
                new StreamApplication("app", {
                    identity: { user: { permissionsBoundary: pulumi.output("nope") } },
                    produces: [{ arn: ARN("S") }],
                }),
            "identity.user.permissionsBoundary",
            "nope",
        ],
    ];
    for (const [what, program, argument, value] of resolvedBad) {
        it(`item 7: refuses ${what} when it resolves, with the plain value's message`, async () => {
            const msg = await expectInvalidWhenResolved(program, argument, value);
            assert.match(msg, /(StreamApplication "app"|KinesisStream "s"): invalid /);
        });
    }
    it("item 7: the plain value gets the same message, before anything registers", async () => {
        const plain = await expectInvalid(
            () => new StreamApplication("app", { identity: role, produces: [{ arn: "arn:aws:sqs:us-west-2:123456789012:q" }] }),
            "produces[0].arn",
        );
        const resolved = await expectInvalidWhenResolved(
            () =>
                new StreamApplication("app", {
                    identity: role,
                    produces: [{ arn: pulumi.output("arn:aws:sqs:us-west-2:123456789012:q") }],
                }),
            "produces[0].arn",
        );
        assert.ok(resolved.includes(plain), `${resolved}\n${plain}`);
    });

    it("item 8: two applications with one applicationName are refused, naming the other", async () => {
        const msg = await expectInvalid(
            () => {
                new StreamApplication("a", { identity: role, consumes: [{ stream: { arn: ARN("S") } }], applicationName: "App" });
                new StreamApplication("b", {
                    identity: role,
                    consumes: [{ stream: { arn: ARN("T") } }],
                    applicationName: "App",
                    leaseTables: "created-by-kcl",
                });
            },
            "applicationName",
            "App",
        ).catch((e) => e.message as string);
        assert.match(
            msg,
            new RegExp(
                'StreamApplication "b": invalid applicationName = "App"; allowed: a name no ' +
                    'other KCL application of this stack uses: StreamApplication "a" already uses ' +
                    'the table "App"',
            ),
        );
    });
    it("item 8: an application named like another's metadata table is refused too", async () => {
        const msg = await expectInvalid(() => {
            new StreamApplication("a", { identity: role, consumes: [{ stream: { arn: ARN("S") } }], applicationName: "App" });
            new StreamApplication("b", {
                identity: role,
                consumes: [{ stream: { arn: ARN("T") } }],
                applicationName: "App-CoordinatorState",
                kclOptions: {},
            });
        }, "applicationName").catch((e) => e.message as string);
        assert.match(msg, /StreamApplication "a" already uses the table "App-CoordinatorState"/);
    });

    it(
        "item 9: a trust policy document object, as " + "aws.iam.assumeRolePolicyForPrincipal returns, is passed to the role",
        async () => {
            const doc = {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
            };
            const { resources } = await build({
                identity: { role: { assumeRolePolicy: doc as never } },
                produces: [{ arn: ARN("S") }],
            });
            assert.deepEqual(JSON.parse(named(resources, "aws:iam/role:Role", "app").inputs.assumeRolePolicy as string), doc);
        },
    );

    it("item 10: a permissions boundary and extra managed policies, listed on the identity for the policy pack", async () => {
        const BOUNDARY = "arn:aws:iam::123456789012:policy/Boundary";
        const LAMBDA = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        const { resources } = await build({
            identity: { role: { assumeRolePolicy: TRUST, permissionsBoundary: BOUNDARY } },
            produces: [{ arn: ARN("S") }],
            managedPolicyArns: [LAMBDA],
        });
        const r = named(resources, "aws:iam/role:Role", "app");
        assert.deepEqual(
            [r.inputs.permissionsBoundary, (r.inputs.tags as Record<string, string>)["kinesis-access:extra-policies"]],
            [BOUNDARY, LAMBDA],
        );
        const attached = ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => [
            a.name,
            (a.inputs.policyArn as string).startsWith("arn:aws:iam::aws:") ? a.inputs.policyArn : "ours",
        ]);
        assert.deepEqual(attached.sort(), [
            ["app-extra-1", LAMBDA],
            ["app-producer", "ours"],
        ]);
    });
    it("item 10: an existing role by ARN of this account gets only the policies, attached by name", async () => {
        const { resources } = await build({
            identity: { existingRole: "arn:aws:iam::123456789012:role/team/Proc" },
            produces: [{ arn: ARN("S") }],
        });
        assert.deepEqual([ofType(resources, "aws:iam/role:Role").length, ofType(resources, "aws:iam/user:User").length], [0, 0]);
        assert.deepEqual(
            ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.role),
            ["Proc"],
        );
    });
    it("item 10: an existing user by name", async () => {
        const { resources } = await build({ identity: { existingUser: "worker" }, produces: [{ arn: ARN("S") }] });
        assert.deepEqual(
            ofType(resources, "aws:iam/userPolicyAttachment:UserPolicyAttachment").map((a) => a.inputs.user),
            ["worker"],
        );
    });
    const bad10: [string, object, string][] = [
        [
            "a managed policy that is not a policy ARN",
            { identity: role, produces: [{ arn: ARN("S") }], managedPolicyArns: ["AdministratorAccess"] },
            "managedPolicyArns[0]",
        ],
        [
            "an existing role given as a user ARN",
            { identity: { existingRole: "arn:aws:iam::123456789012:user/u" }, produces: [{ arn: ARN("S") }] },
            "identity.existingRole",
        ],
        [
            "a permissions boundary that is not a policy ARN",
            { identity: { role: { assumeRolePolicy: TRUST, permissionsBoundary: "Boundary" } }, produces: [{ arn: ARN("S") }] },
            "identity.role.permissionsBoundary",
        ],
    ];
    for (const [what, args, argument] of bad10) {
        it(`item 10: refuses ${what}`, async () => {
            await expectInvalid(() => new StreamApplication("app", args as never), argument);
        });
    }

    it("item 12: a defaulted applicationName says it was defaulted", async () => {
        const msg = await expectInvalid(
            () => new StreamApplication("db", { identity: role, consumes: [{ stream: { arn: ARN("S") } }] }),
            "applicationName",
            "db",
        );
        assert.match(msg, /applicationName was not given: it defaults to the resource name "db"/);
    });
});
