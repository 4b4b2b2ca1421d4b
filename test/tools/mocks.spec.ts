import * as assert from "assert";
import {
    autoname,
    createMocks,
    isSecretValue,
    MOCK_ACCOUNT,
    partitionOf,
    policyDocumentInvoke,
    secretValue,
} from "../../tools/lib/mocks";

describe("tools/lib/mocks", () => {
    const up = createMocks({ region: "us-west-2", preview: false, stack: "dev", project: "p" });
    const preview = createMocks({ region: "us-west-2", preview: true, stack: "dev", project: "p" });
    const res = (type: string, name: string, inputs: Record<string, unknown> = {}) => ({ type, name, inputs, custom: true });

    it("gives a stream its ARN from the name input, in the configured region and the mock account", () => {
        const r = up.newResource(res("aws:kinesis/stream:Stream", "trades", { name: "StockTradeStream", shardCount: 1 }));
        assert.strictEqual(r.state.arn, `arn:aws:kinesis:us-west-2:${MOCK_ACCOUNT}:stream/StockTradeStream`);
        assert.strictEqual(r.id, r.state.arn);
        assert.strictEqual(r.state.shardCount, 1, "inputs are echoed as outputs");
    });

    it("autonames like Pulumi (logical name + 7 hex), deterministically per stack", () => {
        const a = up.newResource(res("aws:dynamodb/table:Table", "leases")).state.name;
        const b = up.newResource(res("aws:dynamodb/table:Table", "leases")).state.name;
        assert.match(a as string, /^leases-[0-9a-f]{7}$/);
        assert.strictEqual(a, b);
        assert.notStrictEqual(autoname("leases", "aws:dynamodb/table:Table", "prod"), a);
        assert.strictEqual(autoname("x".repeat(70), "aws:iam/role:Role", "dev", 64).length, 64);
    });

    it("builds realistic IAM ARNs and ids", () => {
        const user = up.newResource(res("aws:iam/user:User", "u", { name: "StockTradeStreamUser" }));
        assert.strictEqual(user.state.arn, `arn:aws:iam::${MOCK_ACCOUNT}:user/StockTradeStreamUser`);
        assert.match(user.state.uniqueId as string, /^AIDA[A-Z2-7]{17}$/);
        const role = up.newResource(res("aws:iam/role:Role", "r", { name: "Ops", path: "/team/" }));
        assert.strictEqual(role.state.arn, `arn:aws:iam::${MOCK_ACCOUNT}:role/team/Ops`);
        const policy = up.newResource(res("aws:iam/policy:Policy", "p", { name: "StockTradeStreamPolicy" }));
        assert.strictEqual(policy.state.arn, `arn:aws:iam::${MOCK_ACCOUNT}:policy/StockTradeStreamPolicy`);
        assert.strictEqual(policy.id, policy.state.arn);
        const table = up.newResource(res("aws:dynamodb/table:Table", "t", { name: "Music", streamEnabled: true }));
        assert.strictEqual(table.state.arn, `arn:aws:dynamodb:us-west-2:${MOCK_ACCOUNT}:table/Music`);
        assert.match(table.state.streamArn as string, /table\/Music\/stream\//);
        const key = up.newResource(res("aws:kms/key:Key", "k"));
        assert.match(key.state.arn as string, new RegExp(`^arn:aws:kms:us-west-2:${MOCK_ACCOUNT}:key/[0-9a-f-]{36}$`));
        const slr = up.newResource(
            res("aws:iam/serviceLinkedRole:ServiceLinkedRole", "slr", {
                awsServiceName: "kinesisreplication.dynamodb.amazonaws.com",
            }),
        );
        assert.strictEqual(
            slr.state.arn,
            `arn:aws:iam::${MOCK_ACCOUNT}:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/` +
                `AWSServiceRoleForDynamoDBKinesisDataStreamsReplication`,
        );
    });

    it("gives access keys an AKIA id and a 40-character secret", () => {
        const k = up.newResource(res("aws:iam/accessKey:AccessKey", "key", { user: "u" }));
        assert.match(k.id!, /^AKIA[A-Z2-7]{16}$/);
        assert.strictEqual(String(k.state.secret).length, 40);
    });

    it("leaves computed outputs and ids unknown at preview, but knows inputs and autonames", () => {
        const s = preview.newResource(res("aws:kinesis/stream:Stream", "trades", { shardCount: 1 }));
        assert.strictEqual(s.id, undefined);
        assert.strictEqual(s.state.arn, undefined);
        assert.match(s.state.name as string, /^trades-[0-9a-f]{7}$/);
        assert.strictEqual(s.state.shardCount, 1);
    });

    it("gives components nothing", () => {
        assert.deepStrictEqual(up.newResource({ type: "x:index:C", name: "c", inputs: {}, custom: false }), {
            id: undefined,
            state: {},
        });
    });

    it("answers the account, region and partition invokes", () => {
        assert.strictEqual(
            up.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} }).accountId,
            MOCK_ACCOUNT,
        );
        assert.strictEqual(up.call({ token: "aws:index/getRegion:getRegion", inputs: {} }).name, "us-west-2");
        assert.strictEqual(up.call({ token: "aws:index/getPartition:getPartition", inputs: {} }).partition, "aws");
        const cn = createMocks({ region: "cn-north-1", preview: false, stack: "s", project: "p" });
        assert.strictEqual(cn.call({ token: "aws:index/getPartition:getPartition", inputs: {} }).dnsSuffix, "amazonaws.com.cn");
        assert.strictEqual(partitionOf("us-gov-west-1"), "aws-us-gov");
    });

    it("records invokes it does not know and echoes their inputs", () => {
        const m = createMocks({ preview: false, stack: "s", project: "p" });
        assert.deepStrictEqual(m.call({ token: "aws:foo/getBar:getBar", inputs: { a: 1 } }), { a: 1 });
        assert.deepStrictEqual([...m.unhandledInvokes], ["aws:foo/getBar:getBar"]);
    });

    it("builds getPolicyDocument JSON offline", () => {
        const r = policyDocumentInvoke({
            statements: [
                {
                    effect: "Allow",
                    actions: ["kinesis:PutRecord"],
                    resources: ["arn:x"],
                    conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["1"] }],
                },
            ],
        });
        assert.deepStrictEqual(JSON.parse(r.json), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: "kinesis:PutRecord",
                    Resource: "arn:x",
                    Condition: { StringEquals: { "aws:SourceAccount": "1" } },
                },
            ],
        });
    });

    it("wraps secrets in the SDK's wire envelope", () => {
        assert.ok(isSecretValue(secretValue("s")));
        assert.ok(!isSecretValue({ value: "s" }));
    });
});
