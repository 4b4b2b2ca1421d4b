import * as assert from "assert";
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
const SLR =
    "arn:aws:iam::123456789012:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/" +
    "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";
const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("tools/lib/matrix/readers", () => {
    it("reads a KMS grant as the grantee's row on the key, with its constraints as conditions", () => {
        const grant = r("aws:kms/grant:Grant", "orders-replication-key", {
            keyId: KEY,
            granteePrincipal: SLR,
            operations: ["GenerateDataKey", "Decrypt"],
            constraints: [{ encryptionContextSubset: { app: "orders" } }],
        });
        const m = buildAccessMatrix([grant], ctx);
        assert.deepStrictEqual(accessJson(m), [
            {
                principal: SLR,
                effect: "Allow",
                actions: ["kms:Decrypt", "kms:GenerateDataKey"],
                resources: [KEY],
                conditions: { StringEquals: { "kms:EncryptionContext:app": "orders" } },
                via: [{ policy: "KMS grant orders-replication-key", urn: grant.urn }],
            },
        ]);
        assert.deepStrictEqual(m.principals, [
            {
                id: SLR,
                kind: "role",
                name:
                    "aws-service-role/kinesisreplication.dynamodb.amazonaws.com/" +
                    "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication",
            },
        ]);
    });

    it("reads the key policy of every KMS key type and of aws.kms.KeyPolicy, on the key", () => {
        const policy = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }],
        });
        const keys = [
            "aws:kms/externalKey:ExternalKey",
            "aws:kms/replicaKey:ReplicaKey",
            "aws:kms/replicaExternalKey:ReplicaExternalKey",
        ];
        const resources = [
            ...keys.map((t, i) => r(t, `k${i}`, { policy }, { outputs: { arn: `${KEY}${i}` } })),
            r("aws:kms/keyPolicy:KeyPolicy", "kp", { keyId: KEY, policy }),
        ];
        // The statement's Resource "*" is the key; each row says whose policy it is.
        const rows = accessJson(buildAccessMatrix(resources, ctx));
        assert.deepStrictEqual(
            rows.map((row) => [row.principal, row.actions, row.resources]),
            [["*", ["kms:Decrypt"], ["*"]]],
        );
        assert.deepStrictEqual(
            rows[0].via.map((v) => v.urn),
            resources.map((x) => x.urn),
        );
    });

    it("a grant whose grantee is unknown at preview is pending, not dropped", () => {
        const grant = r("aws:kms/grant:Grant", "g", {
            keyId: KEY,
            granteePrincipal: "[unknown]",
            operations: ["GenerateDataKey"],
        });
        assert.deepStrictEqual(buildAccessMatrix([grant], ctx).pending, [
            { principals: [], source: "KMS grant g", urn: grant.urn, reason: "unknown" },
        ]);
    });

    it("keeps principals' paths: the stack's role/ops/oncall, an external role/ci/deployer", () => {
        const trust = {
            Statement: [
                { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "arn:aws:iam::123456789012:role/ci/deployer" } },
            ],
        };
        const role = r("aws:iam/role:Role", "oncall", { name: "oncall", path: "/ops/", assumeRolePolicy: JSON.stringify(trust) });
        const m = buildAccessMatrix([role], ctx);
        assert.deepStrictEqual(
            m.principals.map((p) => [p.kind, p.name, p.id]),
            [
                ["role", "ops/oncall", "arn:aws:iam::123456789012:role/ops/oncall"],
                ["external", "role/ci/deployer", "arn:aws:iam::123456789012:role/ci/deployer"],
            ],
        );
        assert.deepStrictEqual(m.rows[0].sources, ["trust policy of ops/oncall"]);
    });

    it("says via which policy each JSON row comes, with the resource that holds or attaches it", () => {
        const user = r("aws:iam/user:User", "u", { name: "Alice" });
        const stream = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
        const doc = (action: string) => JSON.stringify({ Statement: [{ Effect: "Allow", Action: action, Resource: stream }] });
        const a = r("aws:iam/userPolicy:UserPolicy", "a", { user: "Alice", name: "A", policy: doc("kinesis:DescribeStream") });
        const b = r("aws:iam/userPolicy:UserPolicy", "b", { user: "Alice", name: "B", policy: doc("kinesis:DescribeStream") });
        const att = r("aws:iam/userPolicyAttachment:UserPolicyAttachment", "admin", {
            user: "Alice",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        });
        const via = accessJson(buildAccessMatrix([user, a, b, att], ctx)).map((row) => [row.actions.join(","), row.via]);
        assert.deepStrictEqual(via, [
            ["*", [{ policy: "AWS managed policy AdministratorAccess", urn: att.urn }]],
            [
                "kinesis:DescribeStream",
                [
                    { policy: "inline policy A", urn: a.urn },
                    { policy: "inline policy B", urn: b.urn },
                ],
            ],
        ]);
    });
});
