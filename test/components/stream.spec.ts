import { strict as assert } from "node:assert";
import { KinesisStream } from "../../components";
import { expectInvalid, named, underMocks } from "../harness/pulumi";

const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const streamOf = async (args: ConstructorParameters<typeof KinesisStream>[1]) => {
    const { result, resources } = await underMocks(() => new KinesisStream("s", args));
    return { component: result, stream: named(resources, "aws:kinesis/stream:Stream", "s") };
};

describe("KinesisStream", () => {
    it("defaults: one provisioned shard, 24 h, the AWS managed key, kept on delete", async () => {
        const { component, stream } = await streamOf({ name: "S" });
        assert.deepEqual(
            {
                name: stream.inputs.name,
                shards: stream.inputs.shardCount,
                mode: stream.inputs.streamModeDetails,
                hours: stream.inputs.retentionPeriod,
            },
            { name: "S", shards: 1, mode: { streamMode: "PROVISIONED" }, hours: 24 },
        );
        assert.deepEqual([stream.inputs.encryptionType, stream.inputs.kmsKeyId], ["KMS", "alias/aws/kinesis"]);
        assert.equal(stream.retainOnDelete, true);
        assert.equal(stream.inputs.enforceConsumerDeletion, false);
        assert.equal(component.customerManagedKey, false);
        assert.equal(stream.parent, "urn:pulumi:test::kinesis-access::kinesis-access:index:KinesisStream::s");
    });
    it("on-demand capacity has no shard count", async () => {
        const { stream } = await streamOf({ capacity: { mode: "on-demand" } });
        assert.deepEqual(stream.inputs.streamModeDetails, { streamMode: "ON_DEMAND" });
        assert.equal(stream.inputs.shardCount, undefined);
    });
    it("a customer managed key is used and reported", async () => {
        const { component, stream } = await streamOf({ encryption: { kmsKeyArn: KEY } });
        assert.equal(stream.inputs.kmsKeyId, KEY);
        assert.equal(component.customerManagedKey, true);
    });
    it("encryption: false turns encryption off; retainOnDelete: false lets Pulumi delete", async () => {
        const { stream } = await streamOf({ encryption: false, retainOnDelete: false });
        assert.equal(stream.inputs.encryptionType, "NONE");
        assert.equal(stream.inputs.kmsKeyId, undefined);
        assert.equal(stream.retainOnDelete, false);
    });

    it("accepts tags in a null-prototype object (as some parsers make them) and registers them as plain tags", async () => {
        const tags = Object.assign(Object.create(null), { team: "data" });
        const { stream } = await streamOf({ tags });
        assert.deepEqual(stream.inputs.tags, { team: "data" });
    });

    const bad: [string, unknown, string, unknown][] = [
        ["a name with a space", { name: "my stream" }, "name", "my stream"],
        ["a name over 128 characters", { name: "s".repeat(129) }, "name", "s".repeat(129)],
        ["retention under 24 hours", { retentionHours: 23 }, "retentionHours", 23],
        ["retention over 8760 hours", { retentionHours: 8761 }, "retentionHours", 8761],
        ["fractional retention", { retentionHours: 24.5 }, "retentionHours", 24.5],
        ["zero shards", { capacity: { mode: "provisioned", shards: 0 } }, "capacity.shards", 0],
        ["on-demand with a shard count", { capacity: { mode: "on-demand", shards: 2 } }, "capacity.shards", 2],
        ["an unknown capacity mode", { capacity: { mode: "burst" } }, "capacity.mode", "burst"],
        ["a key that is not a KMS key ARN", { encryption: { kmsKeyArn: "alias/mine" } }, "encryption.kmsKeyArn", "alias/mine"],
        ["an unknown argument", { retention: 48 }, "retention", 48],
        ["a non-boolean retainOnDelete", { retainOnDelete: "yes" }, "retainOnDelete", "yes"],
        ["a non-string tag", { tags: { team: 1 } }, "tags.team", 1],
    ];
    for (const [what, args, argument, value] of bad) {
        it(`refuses ${what} before registering anything`, async () => {
            const msg = await expectInvalid(() => new KinesisStream("s", args as never), argument, value);
            assert.match(msg, /^KinesisStream "s": invalid /);
        });
    }
});
