import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkPolicySize, policySize, policySizeRule } from "../../../policypack/rules";
import { details, source, STREAM } from "../helpers";
import { reported } from "./exempt";

const big = (n: number) => ({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Action: "kinesis:GetRecords", Resource: Array.from({ length: n }, (_, i) => `${STREAM}${i}`) },
    ],
});
const statement = (i: number) => ({
    Effect: "Allow",
    Action: "kinesis:GetRecords",
    Resource: `arn:aws:kinesis:us-west-2:123456789012:stream/s${"x".repeat(3000)}${i}`,
});
const policy = (i: number) => JSON.stringify({ Version: "2012-10-17", Statement: [statement(i)] });

describe("iam-policy-size", () => {
    it("Noncompliance 1: a document over its kind's limit, white space not counted", async () => {
        const raw = JSON.stringify(big(40), null, 2);
        const size = raw.replace(/\s/g, "").length;
        assert.ok(size > 2048 && size < 6144, String(size));
        assert.deepEqual(details(await policySizeRule.check(source(raw, "inline-user"), policySizeRule.defaults)), [
            { size, limit: 2048, kind: "inline-user" },
        ]);
        assert.deepEqual(details(await checkPolicySize(TYPES.userPolicy, { policy: policy(0) })), [
            { path: "policy", size: policy(0).length, limit: 2048, kind: "inline-user" },
        ]);
    });

    it("Noncompliance 2: a role's inline policies that together pass the role's limit", async () => {
        const sizes = [0, 1, 2, 3].map((i) => policy(i).length);
        const total = sizes.reduce((a, b) => a + b, 0);
        assert.ok(total > 10240 && sizes[0] < 6144);
        const f = await checkPolicySize(TYPES.role, {
            inlinePolicies: [0, 1, 2, 3].map((i) => ({ name: `p${i}`, policy: policy(i) })),
        });
        assert.deepEqual(details(f), [{ size: total, limit: 10240, kind: "inline-role-total" }]);
    });

    it("Compliance: within the limit; resource and trust policies have none here", async () => {
        const raw = JSON.stringify(big(40), null, 2);
        assert.deepEqual(await policySizeRule.check(source(raw, "managed"), policySizeRule.defaults), []);
        assert.deepEqual(await checkPolicySize(TYPES.policy, { policy: policy(0) }), []);
        assert.deepEqual(await checkPolicySize(TYPES.kinesisResourcePolicy, { policy: JSON.stringify(big(400)) }), []);
        // Longer than the limit only by its white space: within it.
        let n = 1;
        while (JSON.stringify(big(n + 1)).length <= 2048) n++;
        const padded = JSON.stringify(big(n), null, 20);
        assert.ok(padded.length > 2048 && padded.replace(/\s/g, "").length <= 2048);
        assert.deepEqual(await policySizeRule.check(source(padded, "inline-user"), policySizeRule.defaults), []);
    });

    it("managed, inlineUser, inlineRole, inlineGroup: each limit can be set", async () => {
        const p = policy(0);
        const size = p.length;
        for (const [type, key, kind] of [
            [TYPES.policy, "managed", "managed"],
            [TYPES.userPolicy, "inlineUser", "inline-user"],
            [TYPES.rolePolicy, "inlineRole", "inline-role"],
            [TYPES.groupPolicy, "inlineGroup", "inline-group"],
        ] as const) {
            assert.deepEqual(
                details(await checkPolicySize(type, { policy: p }, { [key]: 1000 })),
                [{ path: "policy", size, limit: 1000, kind }],
                key,
            );
            assert.deepEqual(await checkPolicySize(type, { policy: p }, { [key]: size }), [], key);
        }
        assert.deepEqual(
            details(await policySizeRule.check(source(p, "managed"), { ...policySizeRule.defaults, managed: 2000 })),
            [{ size, limit: 2000, kind: "managed" }],
        );
    });

    it("honours exemptResources", async () => {
        assert.equal((await reported(policySize, TYPES.userPolicy, { policy: policy(0) })).length, 1);
        assert.deepEqual(await reported(policySize, TYPES.userPolicy, { policy: policy(0) }, { exemptResources: ["r"] }), []);
    });
});
