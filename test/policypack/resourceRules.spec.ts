import { strict as assert } from "node:assert";
import type { Policies as RealPolicies } from "@pulumi/policy";
import { UNKNOWN } from "../../policypack/iam";
import {
    checkAdminPolicies,
    checkPolicySize,
    checkStreamEncryption,
    checkTableProtection,
    checkUserAccessKeys,
    POLICIES,
} from "../../policypack/rules";
import { details, SEED_000 } from "./helpers";

// Compile-time: the pack's own declaration of the @pulumi/policy API (rules/policyApi.ts) stays assignable.
const typed: RealPolicies = POLICIES;

describe("policypack: the pack's rules", () => {
    it("has exactly these rules, least-privilege ones mandatory, each with a config schema", () => {
        assert.deepEqual(
            Object.fromEntries(typed.map((p) => [p.name, p.enforcementLevel])),
            {
                "iam-policy-document-valid": "mandatory",
                "iam-no-wildcard-actions": "mandatory",
                "iam-no-wildcard-resources": "mandatory",
                "iam-no-allow-not-action": "mandatory",
                "iam-no-admin-managed-policies": "mandatory",
                "iam-no-passrole-wildcard": "mandatory",
                "iam-service-linked-role-scoped": "mandatory",
                "kinesis-resource-policy-not-public": "mandatory",
                "kinesis-access-profile-exactness": "mandatory",
                "iam-trust-policy-not-public": "mandatory",
                "iam-trust-policy-external-id": "advisory",
                "iam-managed-policy-known": "advisory",
                "iam-unknown-actions": "advisory",
                "iam-action-resource-mismatch": "advisory",
                "kinesis-stream-encrypted": "advisory",
                "dynamodb-table-protected": "advisory",
                "iam-user-no-access-keys": "advisory",
                "iam-policy-size": "advisory",
                "cloudwatch-putmetricdata-namespace": "advisory",
            },
        );
        for (const p of POLICIES) {
            assert.ok(p.configSchema?.properties.exemptResources, p.name);
            assert.ok(!("enforcementLevel" in (p.configSchema?.properties ?? {})), p.name);
        }
    });
});

describe("policypack rule iam-no-admin-managed-policies", () => {
    const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    it("refuses admin and full-access managed policies on every kind of attachment", () => {
        const cases: [string, Record<string, unknown>, string][] = [
            ["aws:iam/policyAttachment:PolicyAttachment", { policyArn: admin, users: ["u"], roles: [UNKNOWN] }, 'user "u", a role not known yet'],
            ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/PowerUserAccess", role: "r" }, 'role "r"'],
            ["aws:iam/userPolicyAttachment:UserPolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/AmazonKinesisFullAccess", user: "StockTradeStreamUser" }, 'user "StockTradeStreamUser"'],
            ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/IAMFullAccess", group: "g" }, 'group "g"'],
            ["aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { policyArns: ["arn:aws-cn:iam::aws:policy/AmazonDynamoDBFullAccess"], roleName: "r" }, 'role "r"'],
            ["aws:iam/role:Role", { name: "r", managedPolicyArns: ["arn:aws:iam::aws:policy/job-function/SystemAdministrator"] }, 'role "r"'],
        ];
        for (const [type, props, to] of cases) {
            const f = checkAdminPolicies(type, props);
            assert.equal(f.length, 1, type);
            assert.ok(f[0].message.includes(` to ${to}: `), f[0].message);
        }
        assert.deepEqual(details(checkAdminPolicies("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: admin, role: "r" })), [{ policyArn: admin, policy: "AdministratorAccess" }]);
    });

    it("allows scoped managed policies, the stack's own policies, unknown ARNs and configured exceptions", () => {
        for (const arn of ["arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess", "arn:aws:iam::123456789012:policy/AdministratorAccess", UNKNOWN]) {
            assert.deepEqual(checkAdminPolicies("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: arn, role: "r" }), [], arn);
        }
        assert.deepEqual(checkAdminPolicies("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: admin, role: "r" }, { allowedPolicies: ["AdministratorAccess"] }), []);
        assert.deepEqual(checkAdminPolicies("aws:iam/policy:Policy", { policy: SEED_000 }), []);
    });
});

describe("policypack rule kinesis-stream-encrypted", () => {
    it("wants KMS server-side encryption", () => {
        assert.deepEqual(details(checkStreamEncryption({})), [{ encryptionType: null }]);
        assert.deepEqual(details(checkStreamEncryption({ encryptionType: "NONE" })), [{ encryptionType: "NONE" }]);
        assert.deepEqual(checkStreamEncryption({ encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" }), []);
        assert.deepEqual(checkStreamEncryption({ encryptionType: UNKNOWN }), []);
    });

    it("can require a customer managed key", () => {
        assert.deepEqual(details(checkStreamEncryption({ encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" }, { requireCustomerManagedKey: true })), [{ kmsKeyId: "alias/aws/kinesis" }]);
        assert.deepEqual(checkStreamEncryption({ encryptionType: "KMS", kmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }, { requireCustomerManagedKey: true }), []);
    });
});

describe("policypack rule dynamodb-table-protected", () => {
    it("wants point-in-time recovery and deletion protection", () => {
        assert.deepEqual(details(checkTableProtection({})), [{ missing: "pointInTimeRecovery" }, { missing: "deletionProtectionEnabled" }]);
        assert.deepEqual(details(checkTableProtection({ pointInTimeRecovery: { enabled: false }, deletionProtectionEnabled: true })), [{ missing: "pointInTimeRecovery" }]);
        assert.deepEqual(checkTableProtection({ pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true }), []);
        assert.deepEqual(checkTableProtection({ pointInTimeRecovery: UNKNOWN, deletionProtectionEnabled: UNKNOWN }), []);
        assert.deepEqual(checkTableProtection({}, { requirePointInTimeRecovery: false, requireDeletionProtection: false }), []);
    });
});

describe("policypack rule iam-user-no-access-keys", () => {
    it("flags active access keys, naming the user and never the secret", () => {
        const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        const f = checkUserAccessKeys({ user: "StockTradeStreamUser", secret, sesSmtpPasswordV4: secret });
        assert.deepEqual(details(f), [{ user: "StockTradeStreamUser" }]);
        assert.ok(!f[0].message.includes(secret));
        assert.deepEqual(details(checkUserAccessKeys({ user: UNKNOWN })), [{ user: null }]);
        assert.deepEqual(checkUserAccessKeys({ user: "u", status: "Inactive" }), []);
    });
});

describe("policypack rule iam-policy-size (resources)", () => {
    it("checks each document and the total of a role's inline policies", async () => {
        const statement = (i: number) => ({ Effect: "Allow", Action: "kinesis:GetRecords", Resource: `arn:aws:kinesis:us-west-2:123456789012:stream/s${"x".repeat(3000)}${i}` });
        const policy = (i: number) => JSON.stringify({ Version: "2012-10-17", Statement: [statement(i)] });
        const sizes = [0, 1, 2, 3].map((i) => policy(i).length);
        const total = sizes.reduce((a, b) => a + b, 0);
        assert.ok(total > 10240 && sizes[0] < 6144);
        const f = await checkPolicySize("aws:iam/role:Role", { inlinePolicies: [0, 1, 2, 3].map((i) => ({ name: `p${i}`, policy: policy(i) })) });
        assert.deepEqual(details(f), [{ size: total, limit: 10240, kind: "inline-role-total" }]);
        assert.deepEqual(details(await checkPolicySize("aws:iam/userPolicy:UserPolicy", { policy: policy(0) })), [{ path: "policy", size: sizes[0], limit: 2048, kind: "inline-user" }]);
        assert.deepEqual(await checkPolicySize("aws:iam/policy:Policy", { policy: policy(0) }), []);
    });
});
