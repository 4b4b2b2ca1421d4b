import { strict as assert } from "node:assert";
import {
    buildPolicyDocument,
    buildPolicyDocuments,
    buildStatements,
    Grant,
    policySize,
    POLICY_SIZE_LIMITS,
} from "../../components/grants";

const g = (sid: string, actions: string[], resources: string[], effect: "Allow" | "Deny" = "Allow"): Grant => ({
    sid,
    effect,
    actions,
    resources,
});
const pairs = (docs: { Statement: { Effect: string; Action: string[]; Resource: string[] }[] }[]) =>
    docs
        .flatMap((d) => d.Statement.flatMap((s) => s.Action.flatMap((a) => s.Resource.map((r) => `${s.Effect} ${a} ${r}`))))
        .sort();

describe("grants: policy documents", () => {
    it("merges grants with identical action sets, unioning and sorting resources", () => {
        const st = buildStatements([
            g("Read", ["kinesis:GetRecords", "kinesis:DescribeStream"], ["arn:b"]),
            g("Read", ["kinesis:DescribeStream", "kinesis:GetRecords"], ["arn:a", "arn:b"]),
        ]);
        assert.deepEqual(st, [
            {
                Sid: "Read",
                Effect: "Allow",
                Action: ["kinesis:DescribeStream", "kinesis:GetRecords"],
                Resource: ["arn:a", "arn:b"],
            },
        ]);
    });
    it("names a merged statement after every grant it covers", () => {
        const st = buildStatements([
            g("TutorialStatusCheck", ["kinesis:DescribeStream"], ["arn:s"]),
            g("StreamingDescribeStream", ["kinesis:DescribeStream"], ["arn:t"]),
        ]);
        assert.deepEqual(st, [
            {
                Sid: "StreamingDescribeStreamTutorialStatusCheck",
                Effect: "Allow",
                Action: ["kinesis:DescribeStream"],
                Resource: ["arn:s", "arn:t"],
            },
        ]);
    });
    it("keeps different effects and conditions apart", () => {
        const cond = { StringEquals: { "cloudwatch:namespace": "A" } };
        const st = buildStatements([
            g("X", ["dynamodb:DisableKinesisStreamingDestination"], ["arn:t"]),
            g("X", ["dynamodb:DisableKinesisStreamingDestination"], ["arn:t"], "Deny"),
            { ...g("M", ["cloudwatch:PutMetricData"], ["*"]), condition: cond },
            g("M", ["cloudwatch:PutMetricData"], ["*"]),
        ]);
        assert.equal(st.length, 4);
        assert.deepEqual(st.map((s) => s.Sid).sort(), ["M", "M2", "X", "X2"]);
    });
    it("is deterministic: the same grants in any order give the same JSON", () => {
        const gs = [
            g("B", ["kinesis:PutRecord"], ["arn:1"]),
            g("A", ["kinesis:GetRecords"], ["arn:2"]),
            g("C", ["dynamodb:Scan"], ["arn:3", "arn:0"]),
        ];
        const a = JSON.stringify(buildPolicyDocument(gs));
        assert.equal(JSON.stringify(buildPolicyDocument([...gs].reverse())), a);
        assert.equal(JSON.stringify(buildPolicyDocument([gs[1], gs[2], gs[0]])), a);
    });
    it("counts size as IAM does, without white space", () => {
        const d = buildPolicyDocument([g("A", ["kinesis:PutRecord"], ["arn:1"])]);
        assert.equal(policySize(JSON.stringify(d, null, 4)), JSON.stringify(d).length);
    });
    it("splits a document over the managed-policy limit, every part within it and nothing lost", () => {
        const arns = Array.from(
            { length: 150 },
            (_, i) => `arn:aws:kinesis:us-west-2:123456789012:stream/stream-number-${String(i).padStart(4, "0")}`,
        );
        const gs = [
            g("Read", ["kinesis:GetRecords", "kinesis:GetShardIterator"], arns),
            g("Metrics", ["cloudwatch:PutMetricData"], ["*"]),
        ];
        const docs = buildPolicyDocuments(gs);
        assert.ok(docs.length > 1);
        for (const d of docs) assert.ok(policySize(d) <= POLICY_SIZE_LIMITS.managed, `${policySize(d)} > limit`);
        assert.deepEqual(pairs(docs), pairs([buildPolicyDocument(gs)]));
        for (const d of docs)
            assert.equal(new Set(d.Statement.map((s) => s.Sid)).size, d.Statement.length, "Sids unique within a document");
    });
    it("spreads over exactly the planned number of documents", () => {
        const gs = [g("A", ["kinesis:PutRecord"], ["arn:1", "arn:2", "arn:3"]), g("B", ["kinesis:GetRecords"], ["arn:4"])];
        const docs = buildPolicyDocuments(gs, POLICY_SIZE_LIMITS.managed, 3);
        assert.equal(docs.length, 3);
        assert.ok(docs.every((d) => d.Statement.length > 0));
        assert.deepEqual(pairs(docs), pairs([buildPolicyDocument(gs)]));
        assert.throws(() => buildPolicyDocuments(gs, POLICY_SIZE_LIMITS.managed, 5), /cannot spread/);
    });
    it("refuses a resource that alone exceeds the limit", () => {
        assert.throws(
            () => buildPolicyDocuments([g("A", ["kinesis:PutRecord"], ["x".repeat(3000)])], 2048),
            /alone exceeds the 2048-character/,
        );
    });
});
