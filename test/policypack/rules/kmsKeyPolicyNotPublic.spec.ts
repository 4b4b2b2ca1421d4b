import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkKmsKeyPolicyNotPublic, kmsKeyPolicyNotPublic } from "../../../policypack/rules";
import { details, doc } from "../helpers";
import { reported } from "./exempt";

const key = (extra: Record<string, unknown>) =>
    doc({
        Statement: { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*", Principal: "*", ...extra },
    });

describe("kms-key-policy-not-public", () => {
    it('Noncompliance: Principal "*" with no condition on the caller, kms:ViaService alone, a loose account', () => {
        for (const d of [
            key({}),
            key({ Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] } }),
            key({ Condition: { StringEquals: { "kms:ViaService": "kinesis.us-east-1.amazonaws.com" } } }),
            key({ Condition: { StringLike: { "kms:CallerAccount": "1111*" } } }),
            key({ Condition: { StringEqualsIfExists: { "kms:CallerAccount": "111122223333" } } }),
        ]) {
            assert.deepEqual(details(checkKmsKeyPolicyNotPublic(d)), [{ statement: 0 }], JSON.stringify(d.statements[0]));
        }
        assert.match(checkKmsKeyPolicyNotPublic(key({}))[0].message, /every AWS account could use the key\./);
    });

    it("Compliance: the account's root (AWS's default key policy), kms:CallerAccount with kms:ViaService, Deny", () => {
        for (const d of [
            key({ Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*" }),
            key({
                Principal: { AWS: "*" },
                Condition: {
                    StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": "kinesis.us-east-1.amazonaws.com" },
                },
            }),
            key({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }),
            key({ Effect: "Deny" }),
        ]) {
            assert.deepEqual(checkKmsKeyPolicyNotPublic(d), [], JSON.stringify(d.statements[0]));
        }
    });

    it("restrictingConditionKeys: which keys count", () => {
        const d = key({ Condition: { StringEquals: { "kms:ViaService": "kinesis.us-east-1.amazonaws.com" } } });
        assert.deepEqual(checkKmsKeyPolicyNotPublic(d, { restrictingConditionKeys: ["kms:ViaService"] }), []);
    });

    it("reads the key policies of every KMS key type and aws.kms.KeyPolicy only, and honours exemptResources", async () => {
        const props = {
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }],
            }),
        };
        assert.equal((await reported(kmsKeyPolicyNotPublic, TYPES.kmsKey, props)).length, 1);
        assert.equal((await reported(kmsKeyPolicyNotPublic, TYPES.kmsKeyPolicy, { keyId: "k", ...props })).length, 1);
        for (const type of [TYPES.kmsExternalKey, TYPES.kmsReplicaKey, TYPES.kmsReplicaExternalKey])
            assert.equal((await reported(kmsKeyPolicyNotPublic, type, props)).length, 1, type);
        assert.deepEqual(await reported(kmsKeyPolicyNotPublic, TYPES.kinesisResourcePolicy, props), []);
        assert.deepEqual(await reported(kmsKeyPolicyNotPublic, TYPES.kmsKey, props, { exemptResources: ["r"] }), []);
    });
});
