import * as assert from "assert";
import { AccessMatrix, accessJson, buildAccessMatrix, MatrixResource, mergeRows } from "../../tools/lib/matrix";

const ctx = { partition: "aws", account: "123456789012" };
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const r = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<MatrixResource> = {}): MatrixResource => ({
    urn: urn(type, name),
    type,
    name,
    inputs,
    ...extra,
});
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
/** The JSON rows without `via` (its own spec below). */
const rowsOf = (m: AccessMatrix) => accessJson(m).map(({ via: _via, ...row }) => row);

describe("tools/lib/matrix", () => {
    it("resolves a managed policy to its user through the attachment's property dependencies (preview: ARN unknown)", () => {
        const user = r("aws:iam/user:User", "u", { name: "Alice" });
        const policy = r("aws:iam/policy:Policy", "p", {
            name: "P",
            policy: doc({ Effect: "Allow", Action: ["kinesis:PutRecord", "kinesis:DescribeStream"], Resource: STREAM }),
        });
        const att = r(
            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            "a",
            { user: "Alice", policyArn: "[unknown]" },
            { propertyDependencies: { user: [user.urn], policyArn: [policy.urn] } },
        );
        const m = buildAccessMatrix([user, policy, att], ctx);
        assert.deepStrictEqual(rowsOf(m), [
            {
                principal: "arn:aws:iam::123456789012:user/Alice",
                effect: "Allow",
                actions: ["kinesis:DescribeStream", "kinesis:PutRecord"],
                resources: [STREAM],
                conditions: null,
            },
        ]);
        assert.deepStrictEqual(
            m.principals.map((p) => [p.kind, p.name, p.urn]),
            [["user", "Alice", user.urn]],
        );
    });

    it("resolves attachments by ARN and name when there are no property dependencies (update)", () => {
        const role = r(
            "aws:iam/role:Role",
            "r",
            { name: "Worker" },
            { outputs: { arn: "arn:aws:iam::123456789012:role/Worker" } },
        );
        const policy = r(
            "aws:iam/policy:Policy",
            "p",
            {
                name: "P",
                policy: doc({
                    Effect: "Allow",
                    Action: "dynamodb:GetItem",
                    Resource: "arn:aws:dynamodb:us-west-2:123456789012:table/T",
                }),
            },
            { outputs: { arn: "arn:aws:iam::123456789012:policy/P" } },
        );
        const att = r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", {
            role: "Worker",
            policyArn: "arn:aws:iam::123456789012:policy/P",
        });
        const m = buildAccessMatrix([role, policy, att], ctx);
        assert.strictEqual(m.rows.length, 1);
        assert.strictEqual(m.rows[0].principal, "arn:aws:iam::123456789012:role/Worker");
        assert.deepStrictEqual(m.rows[0].sources, ["policy P"]);
    });

    it("knows what AdministratorAccess grants and keeps Deny, conditions and NotAction apart", () => {
        const user = r("aws:iam/user:User", "u", { name: "Bob" });
        const admin = r("aws:iam/userPolicyAttachment:UserPolicyAttachment", "admin", {
            user: "Bob",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        });
        const inline = r("aws:iam/userPolicy:UserPolicy", "i", {
            user: "Bob",
            name: "inline",
            policy: {
                Statement: [
                    { Effect: "Deny", Action: "kinesis:DeleteStream", Resource: STREAM },
                    {
                        Effect: "Allow",
                        Action: "cloudwatch:PutMetricData",
                        Resource: "*",
                        Condition: { StringEquals: { "cloudwatch:namespace": "App" } },
                    },
                    { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
                ],
            },
        });
        const rows = rowsOf(buildAccessMatrix([user, admin, inline], ctx));
        const bob = "arn:aws:iam::123456789012:user/Bob";
        assert.deepStrictEqual(rows, [
            { principal: bob, effect: "Allow", actions: ["*"], resources: ["*"], conditions: null },
            {
                principal: bob,
                effect: "Allow",
                actions: ["cloudwatch:PutMetricData"],
                resources: ["*"],
                conditions: { StringEquals: { "cloudwatch:namespace": "App" } },
            },
            { principal: bob, effect: "Allow", actions: ["NOT iam:*"], resources: ["*"], conditions: null },
            { principal: bob, effect: "Deny", actions: ["kinesis:DeleteStream"], resources: [STREAM], conditions: null },
        ]);
    });

    it("passes group policies on to members, reads role inline policies and trust policies", () => {
        const user = r("aws:iam/user:User", "u", { name: "Carol" });
        const group = r("aws:iam/group:Group", "g", { name: "Readers" });
        const member = r("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "Carol", groups: ["Readers"] });
        const gp = r("aws:iam/groupPolicy:GroupPolicy", "gp", {
            group: "Readers",
            policy: doc({ Effect: "Allow", Action: "kinesis:GetRecords", Resource: STREAM }),
        });
        const role = r("aws:iam/role:Role", "r", {
            name: "Svc",
            assumeRolePolicy: doc({
                Effect: "Allow",
                Action: "sts:AssumeRole",
                Principal: { Service: "ecs-tasks.amazonaws.com" },
            }),
            inlinePolicies: [{ name: "put", policy: doc({ Effect: "Allow", Action: "kinesis:PutRecords", Resource: STREAM }) }],
        });
        const m = buildAccessMatrix([user, group, member, gp, role], ctx);
        const by = (p: string) =>
            rowsOf(m)
                .filter((x) => x.principal === p)
                .map((x) => [x.effect, x.actions.join(","), x.resources.join(",")]);
        assert.deepStrictEqual(by("arn:aws:iam::123456789012:group/Readers"), [["Allow", "kinesis:GetRecords", STREAM]]);
        assert.deepStrictEqual(by("arn:aws:iam::123456789012:user/Carol"), [["Allow", "kinesis:GetRecords", STREAM]]);
        assert.deepStrictEqual(by("arn:aws:iam::123456789012:role/Svc"), [["Allow", "kinesis:PutRecords", STREAM]]);
        assert.deepStrictEqual(by("service:ecs-tasks.amazonaws.com"), [
            ["Allow", "sts:AssumeRole", "arn:aws:iam::123456789012:role/Svc"],
        ]);
    });

    it("reads resource policies with their principals", () => {
        const rp = r("aws:kinesis/resourcePolicy:ResourcePolicy", "rp", {
            resourceArn: STREAM,
            policy: doc({ Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "kinesis:GetRecords" }),
        });
        assert.deepStrictEqual(rowsOf(buildAccessMatrix([rp], ctx)), [
            {
                principal: "arn:aws:iam::111122223333:root",
                effect: "Allow",
                actions: ["kinesis:GetRecords"],
                resources: [STREAM],
                conditions: null,
            },
        ]);
    });

    it("lists documents it cannot read instead of guessing: unknown at preview, secret, not JSON", () => {
        const user = r("aws:iam/user:User", "u", { name: "Dan" });
        const a = r("aws:iam/userPolicy:UserPolicy", "a", { user: "Dan", name: "a", policy: "[unknown]" });
        const b = r("aws:iam/userPolicy:UserPolicy", "b", { user: "Dan", name: "b", policy: "[secret]" });
        const c = r("aws:iam/userPolicy:UserPolicy", "c", { user: "Dan", name: "c", policy: "{not json" });
        // At preview a document built from outputs may have its whole Statement list unknown.
        const d = r("aws:iam/userPolicy:UserPolicy", "d", { user: "Dan", name: "d", policy: { Statement: "[unknown]" } });
        const m = buildAccessMatrix([user, a, b, c, d], ctx);
        assert.strictEqual(m.rows.length, 0);
        assert.deepStrictEqual(
            m.pending.map((p) => [p.source, p.reason, p.principals]),
            [
                ["inline policy a", "unknown", ["arn:aws:iam::123456789012:user/Dan"]],
                ["inline policy b", "secret", ["arn:aws:iam::123456789012:user/Dan"]],
                ["inline policy c", "unparsable", ["arn:aws:iam::123456789012:user/Dan"]],
                ["inline policy d", "unknown", ["arn:aws:iam::123456789012:user/Dan"]],
            ],
        );
    });

    it("reads documents as the policy pack reads them: a statement IAM would refuse is left out and said", () => {
        const user = r("aws:iam/user:User", "u", { name: "Dan" });
        const policy = JSON.stringify({
            Statement: [
                { Effect: "Allow", Action: "kinesis:ListShards", Resource: STREAM },
                { Effect: "Allow", Action: "kinesis:PutRecord", NotAction: "kinesis:GetRecords", Resource: STREAM },
            ],
        });
        const a = r("aws:iam/userPolicy:UserPolicy", "a", { user: "Dan", name: "a", policy });
        const none = r("aws:iam/userPolicy:UserPolicy", "n", { user: "Dan", name: "n", policy: "{}" });
        const m = buildAccessMatrix([user, a, none], ctx);
        assert.deepStrictEqual(
            m.rows.map((row) => row.actions),
            [["kinesis:ListShards"]],
        );
        assert.deepStrictEqual(
            m.pending.map((p) => [p.source, p.reason, p.detail]),
            [
                ["inline policy a", "invalid", "Statement[1] must have exactly one of Action and NotAction"],
                ["inline policy n", "unparsable", "the policy document has no Statement"],
            ],
        );
    });

    it("merges split documents into one row per grant", () => {
        const base = { principal: "p", effect: "Allow" as const, sources: ["x"], via: [{ policy: "x", urn: "u1" }] };
        const merged = mergeRows([
            { ...base, actions: ["a:B"], resources: ["r1"] },
            { ...base, actions: ["a:A"], resources: ["r1"], sources: ["y"], via: [{ policy: "y", urn: "u2" }] },
            { ...base, actions: ["a:A", "a:B"], resources: ["r2"] },
        ]);
        const via = [
            { policy: "x", urn: "u1" },
            { policy: "y", urn: "u2" },
        ];
        assert.deepStrictEqual(merged, [{ ...base, actions: ["a:A", "a:B"], resources: ["r1", "r2"], sources: ["x", "y"], via }]);
    });
});
