import * as aws from "@pulumi/aws";
import { strict as assert } from "node:assert";
import { TableKinesisStreaming } from "../../components";
import { expectInvalid, grantTriples, named, ofType, underMocks } from "../harness/pulumi";

const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SLR = "arn:aws:iam::123456789012:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";
const table = () => new aws.dynamodb.Table("t", { name: "Music", hashKey: "id", attributes: [{ name: "id", type: "S" }] });

describe("TableKinesisStreaming", () => {
    it('serviceLinkedRole "create": the account-wide role is protected and never deleted by a stack', async () => {
        const { resources } = await underMocks(() => new TableKinesisStreaming("m", { table: table(), stream: { arn: STREAM }, serviceLinkedRole: "create" }));
        const slr = named(resources, "aws:iam/serviceLinkedRole:ServiceLinkedRole", "m-service-linked-role");
        assert.deepEqual([slr.inputs.awsServiceName, slr.protect, slr.retainOnDelete], ["kinesisreplication.dynamodb.amazonaws.com", true, true]);
        const dest = named(resources, "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination", "m");
        assert.deepEqual([dest.inputs.tableName, dest.inputs.streamArn, dest.inputs.approximateCreationDateTimePrecision], ["Music", STREAM, "MILLISECOND"]);
        assert.ok(dest.dependencies.some((u) => u.endsWith("::m-service-linked-role")), "enabled only after the role exists");
    });

    it("a stream with a customer managed key: the service-linked role may generate data keys with it", async () => {
        const { resources } = await underMocks(() => new TableKinesisStreaming("m", { table: table(), stream: { arn: STREAM, kmsKeyArn: KEY } }));
        const grant = named(resources, "aws:kms/grant:Grant", "m-replication-key");
        assert.deepEqual([grant.inputs.keyId, grant.inputs.granteePrincipal, grant.inputs.operations], [KEY, SLR, ["GenerateDataKey"]]);
    });

    it("operators given by ARN: one policy per principal, attached to the right kind of identity", async () => {
        const { resources } = await underMocks(() =>
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
        assert.deepEqual(ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.role), ["Operator"]);
        assert.deepEqual(ofType(resources, "aws:iam/userPolicyAttachment:UserPolicyAttachment").map((a) => a.inputs.user), ["auditor"]);
        assert.deepEqual(ofType(resources, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment").map((a) => a.inputs.group), ["Developers"]);
        const policies = ofType(resources, "aws:iam/policy:Policy");
        assert.deepEqual(
            policies.map((p) => p.inputs.tags["kinesis-access:profiles"]),
            ["dynamodb-kinesis-streaming-enable dynamodb-kinesis-streaming-describe", "dynamodb-kinesis-streaming-describe", "dynamodb-kinesis-streaming-deny-disable"],
        );
        assert.deepEqual(grantTriples([policies[2].inputs.policy]), ["Deny dynamodb:DisableKinesisStreamingDestination arn:aws:dynamodb:us-west-2:123456789012:table/Music"]);
        assert.equal(ofType(resources, "aws:iam/serviceLinkedRole:ServiceLinkedRole").length, 0, '"existing" is the default');
    });

    const bad: [string, () => any, string][] = [
        ["a table that is not an aws.dynamodb.Table", () => ({ table: { name: "Music" }, stream: { arn: STREAM } }), "table"],
        ["an unknown serviceLinkedRole mode", () => ({ table: table(), stream: { arn: STREAM }, serviceLinkedRole: "delete" }), "serviceLinkedRole"],
        ["a principal that is not an IAM ARN", () => ({ table: table(), stream: { arn: STREAM }, operators: { enable: ["Operator"] } }), "operators.enable[0]"],
        ["a principal both allowed and denied to disable", () => ({ table: table(), stream: { arn: STREAM }, operators: { disable: ["arn:aws:iam::123456789012:role/R"], denyDisable: ["arn:aws:iam::123456789012:role/R"] } }), "operators.denyDisable[0]"],
        ["an unknown operation", () => ({ table: table(), stream: { arn: STREAM }, operators: { delete: [] } }), "operators.delete"],
        ["an unknown precision", () => ({ table: table(), stream: { arn: STREAM }, approximateCreationDateTimePrecision: "SECOND" }), "approximateCreationDateTimePrecision"],
        ["a stream that is not a Kinesis ARN", () => ({ table: table(), stream: { arn: "arn:aws:sns:us-west-2:123456789012:topic" } }), "stream.arn"],
    ];
    for (const [what, args, argument] of bad) {
        it(`refuses ${what} before registering anything of its own`, async () => {
            await expectInvalid(() => new TableKinesisStreaming("m", args()), argument);
        });
    }
});
