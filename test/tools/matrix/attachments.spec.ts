// Every type ATTACHMENT_TARGETS names (policypack/iam/sources.ts), read into the matrix: which field names the
// principal, which the policies, and what a membership or an inline policy hands on.
import * as assert from "assert";
import { managedPolicyDocument } from "../../../policypack/iam";
import { accessJson, buildAccessMatrix, MatrixResource } from "../../../tools/lib/matrix";

const ctx = { partition: "aws", account: "123456789012" };
const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const r = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<MatrixResource> = {}): MatrixResource => ({
    urn: urn(type, name),
    type,
    name,
    inputs,
    ...extra,
});
const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const TABLE = "arn:aws:dynamodb:us-west-2:123456789012:table/T";
const doc = (action: string) => JSON.stringify({ Statement: [{ Effect: "Allow", Action: action, Resource: STREAM }] });
const trust = JSON.stringify({
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
});

const user = r("aws:iam/user:User", "alice", { name: "Alice" });
const role = r("aws:iam/role:Role", "ops", {
    name: "ops",
    assumeRolePolicy: trust,
    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonKinesisFullAccess"],
});
const group = r("aws:iam/group:Group", "devs", { name: "devs" });
const slr = r("aws:iam/serviceLinkedRole:ServiceLinkedRole", "slr", {
    awsServiceName: "kinesisreplication.dynamodb.amazonaws.com",
});
const policy = r("aws:iam/policy:Policy", "p", { name: "P", policy: doc("kinesis:PutRecord") });
const all = r(
    "aws:iam/policyAttachment:PolicyAttachment",
    "all",
    { users: ["Alice"], roles: ["ops"], groups: ["devs"], policyArn: "[unknown]" },
    {
        propertyDependencies: { policyArn: [policy.urn], users: [user.urn, role.urn] },
    },
);
const exclusive = r("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "x", {
    groupName: "devs",
    policyArns: ["arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess"],
});
const userExclusive = r("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "ux", {
    userName: "Carol",
    policyArns: ["arn:aws:iam::aws:policy/service-role/NoSuchPolicyInTheData"],
});
const groupPolicy = r("aws:iam/groupPolicy:GroupPolicy", "gp", { group: "devs", name: "GP", policy: doc("kinesis:GetRecords") });
const rolePolicy = r(
    "aws:iam/rolePolicy:RolePolicy",
    "rp",
    { role: "[unknown]", policy: doc("kinesis:ListShards") },
    {
        propertyDependencies: { role: [role.urn] },
    },
);
const membership = r("aws:iam/userGroupMembership:UserGroupMembership", "m", { user: "Alice", groups: ["devs"] });
const members = r("aws:iam/groupMembership:GroupMembership", "gm", { group: "devs", users: ["Bob"] });
const tablePolicy = r("aws:dynamodb/resourcePolicy:ResourcePolicy", "tp", {
    resourceArn: TABLE,
    policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Principal: { AWS: "210987654321" } }] }),
});
const keyPolicy = {
    Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*", Principal: { AWS: "arn:aws:iam::123456789012:root" } }],
};
const key = r(
    "aws:kms/key:Key",
    "k",
    { policy: JSON.stringify(keyPolicy) },
    { outputs: { arn: "arn:aws:kms:us-west-2:123456789012:key/k" } },
);

const RESOURCES = [
    user,
    role,
    group,
    slr,
    policy,
    all,
    exclusive,
    userExclusive,
    groupPolicy,
    rolePolicy,
    membership,
    members,
    tablePolicy,
    key,
];

describe("tools/lib/matrix/readers: attachments, inline policies and memberships", () => {
    const m = buildAccessMatrix(RESOURCES, ctx);
    const short = (id: string) => id.replace("arn:aws:iam::123456789012:", "");

    it("resolves each attachment's principal fields, its policy fields, and the groups' members", () => {
        const rows = accessJson(m).map((a) => [
            short(a.principal),
            a.actions.join(","),
            a.resources.join(","),
            a.via.map((v) => v.policy).join(", "),
        ]);
        const readOnly = ["kinesis:Describe*,kinesis:Get*,kinesis:List*", "*", "AWS managed policy AmazonKinesisReadOnlyAccess"];
        assert.deepStrictEqual(rows, [
            ["group/devs", ...readOnly],
            ["group/devs", "kinesis:GetRecords,kinesis:PutRecord", STREAM, "inline policy GP, policy P"],
            ["role/ops", "kinesis:*", "*", "AWS managed policy AmazonKinesisFullAccess"],
            ["role/ops", "kinesis:ListShards,kinesis:PutRecord", STREAM, "inline policy rp, policy P"],
            ["root", "kms:*", "*", "resource policy k"],
            ["user/Alice", ...readOnly],
            ["user/Alice", "kinesis:GetRecords,kinesis:PutRecord", STREAM, "inline policy GP, policy P"],
            ["user/Bob", ...readOnly],
            ["user/Bob", "kinesis:GetRecords,kinesis:PutRecord", STREAM, "inline policy GP, policy P"],
            ["arn:aws:iam::210987654321:root", "dynamodb:GetItem", TABLE, "resource policy tp"],
            ["service:lambda.amazonaws.com", "sts:AssumeRole", "arn:aws:iam::123456789012:role/ops", "trust policy of ops"],
        ]);
    });

    it("records the stack's identities, those attachments name by name, and the principals resource policies name", () => {
        assert.deepStrictEqual(
            m.principals.map((p) => [p.kind, p.name]),
            [
                ["user", "Alice"],
                ["user", "Bob"],
                ["user", "Carol"],
                ["role", "ops"],
                ["role", "slr"],
                ["group", "devs"],
                ["account", "123456789012"],
                ["account", "210987654321"],
                ["service", "lambda.amazonaws.com"],
            ],
        );
    });

    it("an attached AWS managed policy the managed-policy data does not know is pending for its principal", () => {
        assert.deepStrictEqual(m.pending, [
            {
                principals: ["arn:aws:iam::123456789012:user/Carol"],
                source: "AWS managed policy NoSuchPolicyInTheData",
                urn: userExclusive.urn,
                reason: "unknown-policy",
                detail: "not in the managed-policy data",
            },
        ]);
    });

    it("reads every other AWS managed policy from the pack's managed-policy data (one home for their contents)", () => {
        const readOnly = r("aws:iam/userPolicyAttachment:UserPolicyAttachment", "ro", {
            user: "Alice",
            policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
        });
        const rows = accessJson(buildAccessMatrix([user, readOnly], ctx));
        const expected = JSON.parse(managedPolicyDocument("ReadOnlyAccess")!) as { Statement: { Action: string[] }[] };
        assert.ok(expected.Statement.length > 1, "ReadOnlyAccess has several statements");
        assert.deepStrictEqual(new Set(rows.flatMap((a) => a.actions)), new Set(expected.Statement.flatMap((st) => st.Action)));
        assert.ok(rows.every((a) => a.via.every((v) => v.policy === "AWS managed policy ReadOnlyAccess")));
    });
});
