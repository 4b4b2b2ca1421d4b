import { strict as assert } from "node:assert";
import { TYPES, UNKNOWN } from "../../../policypack/iam";
import { checkStreamEncryption, streamEncryption } from "../../../policypack/rules";
import { details } from "../helpers";
import { reported } from "./exempt";

const CMK = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("kinesis-stream-encrypted", () => {
    it("Noncompliance 1: no KMS server-side encryption", () => {
        assert.deepEqual(details(checkStreamEncryption({})), [{ encryptionType: null }]);
        assert.deepEqual(details(checkStreamEncryption({ encryptionType: "NONE" })), [{ encryptionType: "NONE" }]);
    });

    it("Compliance: KMS with the AWS managed key; an encryption type not known yet", () => {
        assert.deepEqual(checkStreamEncryption({ encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" }), []);
        assert.deepEqual(checkStreamEncryption({ encryptionType: UNKNOWN }), []);
    });

    it("requireCustomerManagedKey: Noncompliance 2, the AWS managed key; a customer managed key passes", () => {
        const opt = { requireCustomerManagedKey: true };
        assert.deepEqual(details(checkStreamEncryption({ encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" }, opt)), [
            { kmsKeyId: "alias/aws/kinesis" },
        ]);
        assert.deepEqual(details(checkStreamEncryption({ encryptionType: "KMS" }, opt)), [{ kmsKeyId: null }]);
        assert.deepEqual(checkStreamEncryption({ encryptionType: "KMS", kmsKeyId: CMK }, opt), []);
    });

    it("reads streams only, and honours exemptResources", async () => {
        assert.equal((await reported(streamEncryption, TYPES.kinesisStream, {})).length, 1);
        assert.deepEqual(await reported(streamEncryption, TYPES.kinesisStream, {}, { exemptResources: ["r"] }), []);
    });
});
