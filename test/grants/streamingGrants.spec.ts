// Operators of Kinesis Data Streams for DynamoDB (seed 003; issue 11 item 3): what each operation grants, exactly.
import { strict as assert } from "node:assert";
import { Grant, PROFILES, streamingOperatorGrants, streamingOperatorProfiles } from "../../components/grants";

const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const MUSIC = "arn:aws:dynamodb:us-west-2:123456789012:table/Music";
const SLR =
    "arn:aws:iam::123456789012:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/" +
    "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";
const triples = (gs: Grant[]) =>
    [...new Set(gs.flatMap((g) => g.actions.flatMap((a) => g.resources.map((r) => `${g.effect} ${a} ${r}`))))].sort();
const target = { tableArn: MUSIC, streamArn: STREAM };

describe("grants: streamingOperatorGrants (Kinesis Data Streams for DynamoDB operators)", () => {
    it(
        "enable: what the current AWS page lists (DescribeStream besides the " +
            "seed's three) and the scoped service-linked role",
        () => {
            const gs = streamingOperatorGrants({ enable: true }, target);
            assert.deepEqual(triples(gs), [
                `Allow dynamodb:EnableKinesisStreamingDestination ${MUSIC}`,
                `Allow iam:CreateServiceLinkedRole ${SLR}`,
                `Allow kinesis:DescribeStream ${STREAM}`,
                "Allow kinesis:ListStreams *",
                `Allow kinesis:PutRecords ${STREAM}`,
            ]);
            assert.deepEqual(gs.find((g) => g.actions[0] === "iam:CreateServiceLinkedRole")!.condition, {
                StringLike: { "iam:AWSServiceName": "kinesisreplication.dynamodb.amazonaws.com" },
            });
        },
    );
    it('enable with serviceLinkedRole "create": the stack made the role, so no iam:CreateServiceLinkedRole', () => {
        assert.deepEqual(triples(streamingOperatorGrants({ enable: true, serviceLinkedRole: "create" }, target)), [
            `Allow dynamodb:EnableKinesisStreamingDestination ${MUSIC}`,
            `Allow kinesis:DescribeStream ${STREAM}`,
            "Allow kinesis:ListStreams *",
            `Allow kinesis:PutRecords ${STREAM}`,
        ]);
    });
    it("update: UpdateKinesisStreamingDestination on the table only", () => {
        assert.deepEqual(triples(streamingOperatorGrants({ update: true }, target)), [
            `Allow dynamodb:UpdateKinesisStreamingDestination ${MUSIC}`,
        ]);
    });
    it("describe, disable and deny-disable are unchanged", () => {
        assert.deepEqual(triples(streamingOperatorGrants({ describe: true }, target)), [
            `Allow dynamodb:DescribeKinesisStreamingDestination ${MUSIC}`,
            `Allow kinesis:DescribeStream ${STREAM}`,
            `Allow kinesis:DescribeStreamSummary ${STREAM}`,
        ]);
        assert.deepEqual(triples(streamingOperatorGrants({ disable: true }, target)), [
            `Allow dynamodb:DisableKinesisStreamingDestination ${MUSIC}`,
        ]);
        assert.deepEqual(triples(streamingOperatorGrants({ denyDisable: true }, target)), [
            `Deny dynamodb:DisableKinesisStreamingDestination ${MUSIC}`,
        ]);
    });
    it("names the service-linked role in the table's partition and account", () => {
        const gs = streamingOperatorGrants(
            { enable: true },
            { tableArn: "arn:aws-us-gov:dynamodb:us-gov-west-1:111122223333:table/Music", streamArn: STREAM },
        );
        assert.deepEqual(gs.find((g) => g.actions[0] === "iam:CreateServiceLinkedRole")!.resources, [
            "arn:aws-us-gov:iam::111122223333:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/" +
                "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication",
        ]);
    });
    it("every operator profile is in PROFILES, so the policy pack can judge a policy tagged with it", () => {
        const all = streamingOperatorProfiles({
            enable: true,
            describe: true,
            update: true,
            disable: true,
            denyDisable: true,
        }).map((p) => p.name);
        assert.deepEqual(all, [
            "dynamodb-kinesis-streaming-enable",
            "dynamodb-kinesis-streaming-service-linked-role",
            "dynamodb-kinesis-streaming-describe",
            "dynamodb-kinesis-streaming-update",
            "dynamodb-kinesis-streaming-disable",
            "dynamodb-kinesis-streaming-deny-disable",
        ]);
        for (const n of all)
            assert.ok(
                PROFILES.some((p) => p.name === n),
                n,
            );
    });
});
