// The pack as a whole: which rules it has, in which order, and that each registers once with a config schema.
import { strict as assert } from "node:assert";
import type { Policies as RealPolicies } from "@pulumi/policy";
import { DOCUMENT_RULES, POLICIES } from "../../policypack/rules";

// Compile-time: the pack's own declaration of the @pulumi/policy API (rules/policyApi.ts) stays assignable.
const typed: RealPolicies = POLICIES;

describe("policypack: the pack's rules", () => {
    it("has exactly these rules, in this order, least-privilege ones mandatory, each with a config schema", () => {
        assert.deepEqual(
            typed.map((p) => [p.name, p.enforcementLevel]),
            [
                ["iam-policy-document-valid", "mandatory"],
                ["iam-no-wildcard-actions", "mandatory"],
                ["iam-no-wildcard-resources", "mandatory"],
                ["iam-no-allow-not-action", "mandatory"],
                ["iam-no-admin-managed-policies", "mandatory"],
                ["iam-no-passrole-wildcard", "mandatory"],
                ["iam-service-linked-role-scoped", "mandatory"],
                ["kinesis-resource-policy-not-public", "mandatory"],
                ["dynamodb-resource-policy-not-public", "mandatory"],
                ["kms-key-policy-not-public", "mandatory"],
                ["iam-trust-policy-not-public", "mandatory"],
                ["kinesis-access-profile-exactness", "mandatory"],
                ["iam-trust-policy-external-id", "advisory"],
                ["iam-managed-policy-known", "advisory"],
                ["iam-unknown-actions", "advisory"],
                ["iam-action-resource-mismatch", "advisory"],
                ["kinesis-stream-encrypted", "advisory"],
                ["dynamodb-table-protected", "advisory"],
                ["iam-user-no-access-keys", "advisory"],
                ["iam-policy-size", "advisory"],
                ["cloudwatch-putmetricdata-namespace", "advisory"],
            ],
        );
        for (const p of POLICIES) {
            assert.ok(p.configSchema?.properties.exemptResources, p.name);
            assert.ok(!("enforcementLevel" in (p.configSchema?.properties ?? {})), p.name);
        }
    });

    it("lints with every rule that reads one document, in the pack's order", () => {
        const pack = POLICIES.map((p) => p.name);
        const names = DOCUMENT_RULES.map((r) => r.name);
        assert.deepEqual(names, [
            "iam-policy-document-valid",
            "iam-no-wildcard-actions",
            "iam-no-wildcard-resources",
            "iam-no-allow-not-action",
            "iam-no-passrole-wildcard",
            "iam-service-linked-role-scoped",
            "kinesis-resource-policy-not-public",
            "dynamodb-resource-policy-not-public",
            "kms-key-policy-not-public",
            "iam-trust-policy-not-public",
            "iam-trust-policy-external-id",
            "iam-managed-policy-known",
            "iam-unknown-actions",
            "iam-action-resource-mismatch",
            "iam-policy-size",
            "cloudwatch-putmetricdata-namespace",
        ]);
        assert.deepEqual(
            names,
            pack.filter((n) => names.includes(n)),
        );
    });
});
