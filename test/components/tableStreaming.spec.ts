import * as aws from "@pulumi/aws";
import { strict as assert } from "node:assert";
import { TableKinesisStreaming } from "../../components";
import * as pulumi from "@pulumi/pulumi";
import { expectInvalid, expectInvalidWhenResolved, grantTriples, named, ofType, underMocks } from "../harness/pulumi";

const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SLR =
    "arn:aws:iam::123456789012:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/" +
    "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";
const table = () => new aws.dynamodb.Table("t", { name: "Music", hashKey: "id", attributes: [{ name: "id", type: "S" }] });

describe("TableKinesisStreaming", () => {
    it('serviceLinkedRole "create": the account-wide role is protected and never deleted by a stack', async () => {
        const { resources } = await underMocks(
            () => new TableKinesisStreaming("m", { table: table(), stream: { arn: STREAM }, serviceLinkedRole: "create" }),
        );
        const slr = named(resources, "aws:iam/serviceLinkedRole:ServiceLinkedRole", "m-service-linked-role");
        assert.deepEqual(
            [slr.inputs.awsServiceName, slr.protect, slr.retainOnDelete],
            ["kinesisreplication.dynamodb.amazonaws.com", true, true],
        );
        const dest = named(resources, "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination", "m");
        assert.deepEqual(
            [dest.inputs.tableName, dest.inputs.streamArn, dest.inputs.approximateCreationDateTimePrecision],
            ["Music", STREAM, "MILLISECOND"],
        );
        assert.ok(
            dest.dependencies.some((u) => u.endsWith("::m-service-linked-role")),
            "enabled only after the role exists",
        );
    });

    it("a stream with a customer managed key: the service-linked role may generate data keys with it", async () => {
        const { resources } = await underMocks(
            () => new TableKinesisStreaming("m", { table: table(), stream: { arn: STREAM, kmsKeyArn: KEY } }),
        );
        const grant = named(resources, "aws:kms/grant:Grant", "m-replication-key");
        assert.deepEqual(
            [grant.inputs.keyId, grant.inputs.granteePrincipal, grant.inputs.operations],
            [KEY, SLR, ["GenerateDataKey"]],
        );
    });

    it("operators given by ARN: one policy per principal, attached to the right kind of identity", async () => {
        const { resources } = await underMocks(
            () =>
                new TableKinesisStreaming("m", {
                    table: table(),
                    stream: { arn: STREAM },
                    operators: {
                        enable: ["arn:aws:iam::123456789012:role/ops/Operator"],
                        describe: ["arn:aws:iam::123456789012:role/ops/Operator", "arn:aws:iam::123456789012:user/auditor"],
                        denyDisable: ["arn:aws:iam::123456789012:group/Developers"],
                    },
                }),
        );
        assert.deepEqual(
            ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.role),
            ["Operator"],
        );
        assert.deepEqual(
            ofType(resources, "aws:iam/userPolicyAttachment:UserPolicyAttachment").map((a) => a.inputs.user),
            ["auditor"],
        );
        assert.deepEqual(
            ofType(resources, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment").map((a) => a.inputs.group),
            ["Developers"],
        );
        const policies = ofType(resources, "aws:iam/policy:Policy");
        assert.deepEqual(
            policies.map((p) => (p.inputs.tags as Record<string, string>)["kinesis-access:profiles"]),
            [
                "dynamodb-kinesis-streaming-enable dynamodb-kinesis-streaming-service-linked-role " +
                    "dynamodb-kinesis-streaming-describe",
                "dynamodb-kinesis-streaming-describe",
                "dynamodb-kinesis-streaming-deny-disable",
            ],
        );
        assert.deepEqual(grantTriples([policies[2].inputs.policy as string]), [
            "Deny dynamodb:DisableKinesisStreamingDestination arn:aws:dynamodb:us-west-2:123456789012:table/Music",
        ]);
        assert.equal(ofType(resources, "aws:iam/serviceLinkedRole:ServiceLinkedRole").length, 0, '"existing" is the default');
    });

    const bad: [string, () => unknown, string][] = [
        ["a table that is not an aws.dynamodb.Table", () => ({ table: { name: "Music" }, stream: { arn: STREAM } }), "table"],
        [
            "an unknown serviceLinkedRole mode",
            () => ({ table: table(), stream: { arn: STREAM }, serviceLinkedRole: "delete" }),
            "serviceLinkedRole",
        ],
        [
            "a principal that is not an IAM ARN",
            () => ({ table: table(), stream: { arn: STREAM }, operators: { enable: ["Operator"] } }),
            "operators.enable[0]",
        ],
        [
            "a principal both allowed and denied to disable",
            () => ({
                table: table(),
                stream: { arn: STREAM },
                operators: { disable: ["arn:aws:iam::123456789012:role/R"], denyDisable: ["arn:aws:iam::123456789012:role/R"] },
            }),
            "operators.denyDisable[0]",
        ],
        [
            "an unknown operation",
            () => ({ table: table(), stream: { arn: STREAM }, operators: { delete: [] } }),
            "operators.delete",
        ],
        [
            "an unknown precision",
            () => ({ table: table(), stream: { arn: STREAM }, approximateCreationDateTimePrecision: "SECOND" }),
            "approximateCreationDateTimePrecision",
        ],
        [
            "a stream that is not a Kinesis ARN",
            () => ({ table: table(), stream: { arn: "arn:aws:sns:us-west-2:123456789012:topic" } }),
            "stream.arn",
        ],
        [
            "a sparse operator list",
            // eslint-disable-next-line no-sparse-arrays -- the hole in the list is the case under test
            () => ({ table: table(), stream: { arn: STREAM }, operators: { enable: [, "arn:aws:iam::123456789012:role/R"] } }),
            "operators.enable[0]",
        ],
    ];
    for (const [what, args, argument] of bad) {
        it(`refuses ${what} before registering anything of its own`, async () => {
            await expectInvalid(() => new TableKinesisStreaming("m", args() as never), argument);
        });
    }
});

// Issue 11: the right grants and clear refusals for every input.
describe("TableKinesisStreaming: principals, operations, Outputs and duplicates (issue 11)", () => {
    const MUSIC = "arn:aws:dynamodb:us-west-2:123456789012:table/Music";
    const attachments = (rs: Awaited<ReturnType<typeof underMocks>>["resources"]) =>
        ofType(rs, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.role as string);
    const withOperators =
        (operators: object, extra: object = {}) =>
        () =>
            new TableKinesisStreaming("m", { table: table(), stream: { arn: STREAM }, operators, ...extra } as never);

    it("item 1: an ARN of this account and partition is attached by name, with or without a path", async () => {
        const { resources } = await underMocks(
            withOperators({ enable: ["arn:aws:iam::123456789012:role/ops/oncall", "arn:aws:iam::123456789012:role/admin"] }),
        );
        assert.deepEqual(attachments(resources), ["oncall", "admin"]);
    });
    for (const arn of [
        "arn:aws:iam::999999999999:role/admin",
        "arn:aws-cn:iam::123456789012:role/admin",
        "arn:aws:iam::999999999999:role/ops/oncall",
    ]) {
        it(`item 1: refuses ${arn}: a policy is attached only in the stack's own account and partition`, async () => {
            const msg = await expectInvalidWhenResolved(withOperators({ describe: [arn] }), "operators.describe[0]", arn);
            assert.match(
                msg,
                new RegExp(
                    'this stack\'s account 123456789012 in partition "aws" .*a role of this account ' +
                        "that the other principal may assume, or grant the other account with a " +
                        "resource policy",
                ),
            );
        });
    }

    it(
        "item 3: enable follows the current page (DescribeStream too) and " + "update grants UpdateKinesisStreamingDestination",
        async () => {
            const { resources } = await underMocks(
                withOperators({ enable: ["arn:aws:iam::123456789012:role/E"], update: ["arn:aws:iam::123456789012:role/U"] }),
            );
            const [enable, update] = ofType(resources, "aws:iam/policy:Policy");
            assert.deepEqual(grantTriples([enable.inputs.policy as string]), [
                `Allow dynamodb:EnableKinesisStreamingDestination ${MUSIC}`,
                `Allow iam:CreateServiceLinkedRole ${SLR}`,
                `Allow kinesis:DescribeStream ${STREAM}`,
                "Allow kinesis:ListStreams *",
                `Allow kinesis:PutRecords ${STREAM}`,
            ]);
            assert.deepEqual(grantTriples([update.inputs.policy as string]), [
                `Allow dynamodb:UpdateKinesisStreamingDestination ${MUSIC}`,
            ]);
            assert.deepEqual(
                (update.inputs.tags as Record<string, string>)["kinesis-access:profiles"],
                "dynamodb-kinesis-streaming-update",
            );
        },
    );

    it('item 3: with serviceLinkedRole "create", enabling needs no iam:CreateServiceLinkedRole', async () => {
        const { resources } = await underMocks(
            withOperators({ enable: ["arn:aws:iam::123456789012:role/E"] }, { serviceLinkedRole: "create" }),
        );
        const [enable] = ofType(resources, "aws:iam/policy:Policy");
        assert.deepEqual(grantTriples([enable.inputs.policy as string]), [
            `Allow dynamodb:EnableKinesisStreamingDestination ${MUSIC}`,
            `Allow kinesis:DescribeStream ${STREAM}`,
            "Allow kinesis:ListStreams *",
            `Allow kinesis:PutRecords ${STREAM}`,
        ]);
        assert.equal(
            (enable.inputs.tags as Record<string, string>)["kinesis-access:profiles"],
            "dynamodb-kinesis-streaming-enable",
        );
    });

    it(
        "item 4: a key given as an Output that resolves to alias/aws/kinesis " + "is refused where the KMS grant needs a key ARN",
        async () => {
            await expectInvalidWhenResolved(
                () =>
                    new TableKinesisStreaming("m", {
                        table: table(),
                        stream: { arn: STREAM, kmsKeyArn: pulumi.output("alias/aws/kinesis") },
                    }),
                "stream.kmsKeyArn",
                "alias/aws/kinesis",
            );
        },
    );
    it("item 4: a key given as an Output that resolves to a key ARN gets the grant on that key", async () => {
        const { resources } = await underMocks(
            () => new TableKinesisStreaming("m", { table: table(), stream: { arn: STREAM, kmsKeyArn: pulumi.output(KEY) } }),
        );
        assert.equal(named(resources, "aws:kms/grant:Grant", "m-replication-key").inputs.keyId, KEY);
    });

    it("item 7: a stream ARN given as an Output is checked when it resolves, with the plain value's message", async () => {
        const msg = await expectInvalidWhenResolved(
            () => new TableKinesisStreaming("m", { table: table(), stream: { arn: pulumi.output("garbage") } }),
            "stream.arn",
            "garbage",
        );
        assert.match(msg, /TableKinesisStreaming "m": invalid stream\.arn = "garbage"; allowed: a Kinesis stream ARN/);
    });

    it('item 8: a second serviceLinkedRole "create" in one stack is refused, naming the first', async () => {
        const msg = await expectInvalid(
            () => {
                new TableKinesisStreaming("a", { table: table(), stream: { arn: STREAM }, serviceLinkedRole: "create" });
                new TableKinesisStreaming("b", { table: table(), stream: { arn: STREAM }, serviceLinkedRole: "create" });
            },
            "serviceLinkedRole",
            "create",
        ).catch((e) => e.message as string);
        assert.match(
            msg,
            new RegExp(
                'TableKinesisStreaming "b": invalid serviceLinkedRole = "create"; allowed: ' +
                    '"existing" here: TableKinesisStreaming "a" already creates',
            ),
        );
    });
});
