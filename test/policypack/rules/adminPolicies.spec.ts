import { strict as assert } from "node:assert";
import { TYPES, UNKNOWN } from "../../../policypack/iam";
import { adminPolicies, checkAdminPolicies } from "../../../policypack/rules";
import { details, SEED_000 } from "../helpers";
import { reported } from "./exempt";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

describe("iam-no-admin-managed-policies", () => {
    it("Noncompliance 1: admin and full-access managed policies on every kind of attachment, naming whom", () => {
        const cases: [string, Record<string, unknown>, string][] = [
            [TYPES.policyAttachment, { policyArn: ADMIN, users: ["u"], roles: [UNKNOWN] }, 'user "u", a role not known yet'],
            [TYPES.rolePolicyAttachment, { policyArn: "arn:aws:iam::aws:policy/PowerUserAccess", role: "r" }, 'role "r"'],
            [
                TYPES.userPolicyAttachment,
                { policyArn: "arn:aws:iam::aws:policy/AmazonKinesisFullAccess", user: "StockTradeStreamUser" },
                'user "StockTradeStreamUser"',
            ],
            [TYPES.groupPolicyAttachment, { policyArn: "arn:aws:iam::aws:policy/IAMFullAccess", group: "g" }, 'group "g"'],
            [
                TYPES.rolePolicyAttachmentsExclusive,
                { policyArns: ["arn:aws-cn:iam::aws:policy/AmazonDynamoDBFullAccess"], roleName: "r" },
                'role "r"',
            ],
            [TYPES.userPolicyAttachmentsExclusive, { policyArns: [ADMIN], userName: UNKNOWN }, "a user not known yet"],
            [TYPES.groupPolicyAttachmentsExclusive, { policyArns: [ADMIN] }, "no principal"],
            [
                TYPES.role,
                { name: "r", managedPolicyArns: ["arn:aws:iam::aws:policy/job-function/SystemAdministrator"] },
                'role "r"',
            ],
            [TYPES.role, { managedPolicyArns: [ADMIN] }, "role (name not known yet)"],
        ];
        for (const [type, props, to] of cases) {
            const f = checkAdminPolicies(type, props);
            assert.equal(f.length, 1, type);
            assert.ok(f[0].message.includes(` to ${to}: `), f[0].message);
        }
        assert.deepEqual(details(checkAdminPolicies(TYPES.rolePolicyAttachment, { policyArn: ADMIN, role: "r" })), [
            { policyArn: ADMIN, policy: "AdministratorAccess" },
        ]);
    });

    it("Compliance: scoped managed policies, the stack's own policies, unknown ARNs, types that attach nothing", () => {
        for (const arn of [
            "arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess",
            "arn:aws:iam::123456789012:policy/AdministratorAccess",
            UNKNOWN,
        ]) {
            assert.deepEqual(checkAdminPolicies(TYPES.rolePolicyAttachment, { policyArn: arn, role: "r" }), [], String(arn));
        }
        assert.deepEqual(checkAdminPolicies(TYPES.policy, { policy: SEED_000 }), []);
        assert.deepEqual(checkAdminPolicies(TYPES.rolePolicy, { role: "r", policyArn: ADMIN }), []);
    });

    it("allowedPolicies: permitted anyway", () => {
        assert.deepEqual(
            checkAdminPolicies(
                TYPES.rolePolicyAttachment,
                { policyArn: ADMIN, role: "r" },
                { allowedPolicies: ["AdministratorAccess"] },
            ),
            [],
        );
    });

    it("forbiddenPolicies: replaces the refused patterns", () => {
        const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        const opt = { forbiddenPolicies: ["ReadOnly*"] };
        assert.deepEqual(details(checkAdminPolicies(TYPES.rolePolicyAttachment, { policyArn: readOnly, role: "r" }, opt)), [
            { policyArn: readOnly, policy: "ReadOnlyAccess" },
        ]);
        assert.deepEqual(checkAdminPolicies(TYPES.rolePolicyAttachment, { policyArn: ADMIN, role: "r" }, opt), []);
    });

    it("honours exemptResources", async () => {
        assert.equal((await reported(adminPolicies, TYPES.userPolicyAttachment, { user: "u", policyArn: ADMIN })).length, 1);
        assert.deepEqual(
            await reported(
                adminPolicies,
                TYPES.userPolicyAttachment,
                { user: "u", policyArn: ADMIN },
                { exemptResources: ["r"] },
            ),
            [],
        );
    });
});
