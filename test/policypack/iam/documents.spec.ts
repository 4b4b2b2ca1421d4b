// policypack/iam, reading policy documents: parsing, the documents of each resource type, unknown values.
import { strict as assert } from "node:assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import {
    conditionEntries,
    containsUnknown,
    documentSources,
    parsePolicyDocument,
    plain,
    tagsOf,
    UNKNOWN,
} from "../../../policypack/iam";
import { doc, SEED_000, STREAM } from "../helpers";

describe("policypack/iam: reading policy documents", () => {
    it("reads a JSON string and the same object identically", () => {
        const obj = JSON.parse(SEED_000);
        assert.deepEqual(parsePolicyDocument(obj), parsePolicyDocument(SEED_000));
        // The size (counted when first read) is IAM's: the text's white space does not count.
        const size = (p: ReturnType<typeof parsePolicyDocument>) => (p.status === "ok" ? p.document.size : -1);
        assert.equal(size(parsePolicyDocument(SEED_000)), JSON.stringify(obj).length);
        assert.equal(size(parsePolicyDocument(obj)), JSON.stringify(obj).length);
        const d = doc(SEED_000);
        assert.deepEqual(
            d.statements.map((s) => [s.sid, s.effect, s.action?.values, s.resource?.values]),
            [
                [
                    "Stmt123",
                    "Allow",
                    [
                        "kinesis:DescribeStream",
                        "kinesis:PutRecord",
                        "kinesis:PutRecords",
                        "kinesis:GetShardIterator",
                        "kinesis:GetRecords",
                    ],
                    ["arn:aws:kinesis:us-west-2:123:stream/StockTradeStream"],
                ],
                ["Stmt456", "Allow", ["dynamodb:*"], ["arn:aws:dynamodb:us-west-2:123:table/StockTradesProcessor"]],
                ["Stmt789", "Allow", ["cloudwatch:PutMetricData"], ["*"]],
            ],
        );
        assert.equal(d.size, SEED_000.replace(/\s/g, "").length);
    });

    it("takes Statement as an object and Action/Resource/NotAction/NotResource as strings", () => {
        const d = doc({ Statement: { Effect: "Deny", NotAction: "s3:*", NotResource: "arn:aws:s3:::b" } });
        assert.equal(d.statements.length, 1);
        assert.deepEqual(d.statements[0].notAction, { values: ["s3:*"], unknown: false });
        assert.deepEqual(d.statements[0].notResource, { values: ["arn:aws:s3:::b"], unknown: false });
        assert.equal(d.statements[0].action, undefined);
    });

    it("normalizes principals and conditions, matching condition keys case-insensitively", () => {
        const d = doc({
            Statement: [
                {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "kinesis:GetRecords",
                    Resource: STREAM,
                    Condition: { StringEquals: { "AWS:SourceAccount": "123456789012", "aws:n": 5 } },
                },
                {
                    Effect: "Allow",
                    Principal: { AWS: ["arn:aws:iam::123456789012:root", "*"], Service: "x.amazonaws.com" },
                    Action: "kinesis:GetRecords",
                    Resource: STREAM,
                },
            ],
        });
        assert.deepEqual(d.statements[0].principal, { wildcard: true, values: { AWS: ["*"] }, unknown: false });
        assert.deepEqual(conditionEntries(d.statements[0].condition, "aws:sourceaccount"), [
            { operator: "StringEquals", values: ["123456789012"] },
        ]);
        assert.deepEqual(conditionEntries(d.statements[0].condition, "aws:n"), [{ operator: "StringEquals", values: ["5"] }]);
        assert.deepEqual(d.statements[1].principal, {
            wildcard: true,
            values: { AWS: ["arn:aws:iam::123456789012:root", "*"], Service: ["x.amazonaws.com"] },
            unknown: false,
        });
    });

    it("reports malformed documents as such, never throwing", () => {
        const cases: [unknown, string][] = [
            ["{not json", "the policy document is not valid JSON"],
            ["", "the policy document is an empty string"],
            ["[1,2]", "the policy document is not a JSON object"],
            ['{"Version":"2012-10-17"}', "the policy document has no Statement"],
            ['{"Statement":[]}', "Statement is empty"],
        ];
        for (const [raw, error] of cases) {
            const p = parsePolicyDocument(raw);
            assert.equal(p.status, "malformed", String(raw));
            assert.ok(p.status === "malformed" && p.errors[0].startsWith(error), `${String(raw)}: ${JSON.stringify(p)}`);
        }
    });

    it("keeps statement-level errors and leaves those statements out", () => {
        const p = parsePolicyDocument({
            Statement: [
                { Effect: "allow", Action: "s3:GetObject", Resource: "*" },
                { Effect: "Allow", Action: "s3:GetObject", NotAction: "s3:PutObject", Resource: "*" },
                { Effect: "Allow", Action: ["s3:GetObject", 7], Resource: "*" },
                { Sid: "Ok", Effect: "Allow", Action: "s3:GetObject", Resource: "*", Bogus: 1 },
                { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
            ],
        });
        assert.ok(p.status === "ok");
        assert.deepEqual(p.document.errors, [
            'Statement[0] has Effect "allow"; it must be "Allow" or "Deny"',
            "Statement[1] must have exactly one of Action and NotAction",
            "Statement[2] Action must contain only strings",
            'Statement[3] ("Ok") has an unknown element "Bogus"',
        ]);
        assert.deepEqual(
            p.document.statements.map((s) => s.index),
            [4],
        );
    });

    it("marks unknown values (preview) instead of guessing them", () => {
        assert.deepEqual(parsePolicyDocument(UNKNOWN), { status: "unknown" });
        assert.deepEqual(parsePolicyDocument(undefined), { status: "absent" });
        const d = doc({
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["dynamodb:GetItem", UNKNOWN],
                    Resource: UNKNOWN,
                    Condition: { StringEquals: { k: UNKNOWN } },
                },
            ],
        });
        const s = d.statements[0];
        assert.deepEqual(s.action, { values: ["dynamodb:GetItem"], unknown: true });
        assert.deepEqual(s.resource, { values: [], unknown: true });
        assert.equal(s.conditionUnknown, true);
        assert.equal(containsUnknown({ a: [1, { b: UNKNOWN }] }), true);
        assert.equal(containsUnknown({ a: [1, { b: "x" }] }), false);
    });

    it("copies the policy server's unknown-checking proxies out, unknowns as the sentinel", () => {
        const proxied = unknownCheckingProxy({ policy: UNKNOWN, tags: { a: "b" }, list: ["x", UNKNOWN] });
        assert.throws(() => proxied.policy);
        assert.deepEqual(plain(proxied), { policy: UNKNOWN, tags: { a: "b" }, list: ["x", UNKNOWN] });
    });

    it("finds documents wherever they occur, and only there", () => {
        const p = JSON.parse(SEED_000);
        const kinds = (type: string, props: Record<string, unknown>) =>
            documentSources(type, props).map((s) => [s.path, s.kind, s.parsed.status]);
        assert.deepEqual(kinds("aws:iam/policy:Policy", { policy: SEED_000 }), [["policy", "managed", "ok"]]);
        assert.deepEqual(kinds("aws:iam/rolePolicy:RolePolicy", { policy: p }), [["policy", "inline-role", "ok"]]);
        assert.deepEqual(kinds("aws:iam/userPolicy:UserPolicy", { policy: "{" }), [["policy", "inline-user", "malformed"]]);
        assert.deepEqual(kinds("aws:iam/groupPolicy:GroupPolicy", { policy: UNKNOWN }), [["policy", "inline-group", "unknown"]]);
        assert.deepEqual(kinds("aws:kinesis/resourcePolicy:ResourcePolicy", { policy: SEED_000 }), [
            ["policy", "resource", "ok"],
        ]);
        assert.deepEqual(kinds("aws:iam/role:Role", { inlinePolicies: [{ name: "a", policy: SEED_000 }, UNKNOWN, {}] }), [
            ["inlinePolicies[0].policy", "inline-role", "ok"],
            ["inlinePolicies[1]", "inline-role", "unknown"],
            ["inlinePolicies[2].policy", "inline-role", "absent"],
        ]);
        assert.deepEqual(kinds("aws:iam/role:Role", { inlinePolicies: UNKNOWN }), []);
        assert.deepEqual(kinds("aws:s3/bucket:Bucket", { policy: SEED_000 }), []);
    });

    it("merges tags and tagsAll, ignoring unknown values", () => {
        assert.deepEqual(tagsOf({ tags: { a: "1", b: UNKNOWN }, tagsAll: { c: "3" } }), { a: "1", c: "3" });
    });
});
