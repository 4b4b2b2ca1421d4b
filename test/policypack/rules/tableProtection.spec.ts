import { strict as assert } from "node:assert";
import { TYPES, UNKNOWN } from "../../../policypack/iam";
import { checkTableProtection, tableProtection } from "../../../policypack/rules";
import { details } from "../helpers";
import { reported } from "./exempt";

describe("dynamodb-table-protected", () => {
    it("Noncompliance 1 and 2: no point-in-time recovery, no deletion protection", () => {
        assert.deepEqual(details(checkTableProtection({})), [
            { missing: "pointInTimeRecovery" },
            { missing: "deletionProtectionEnabled" },
        ]);
        assert.deepEqual(
            details(checkTableProtection({ pointInTimeRecovery: { enabled: false }, deletionProtectionEnabled: true })),
            [{ missing: "pointInTimeRecovery" }],
        );
    });

    it("Compliance: both set, or not known yet", () => {
        assert.deepEqual(checkTableProtection({ pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true }), []);
        assert.deepEqual(checkTableProtection({ pointInTimeRecovery: UNKNOWN, deletionProtectionEnabled: UNKNOWN }), []);
    });

    it("requirePointInTimeRecovery and requireDeletionProtection: each can be turned off", () => {
        assert.deepEqual(details(checkTableProtection({}, { requirePointInTimeRecovery: false })), [
            { missing: "deletionProtectionEnabled" },
        ]);
        assert.deepEqual(details(checkTableProtection({}, { requireDeletionProtection: false })), [
            { missing: "pointInTimeRecovery" },
        ]);
        assert.deepEqual(checkTableProtection({}, { requirePointInTimeRecovery: false, requireDeletionProtection: false }), []);
    });

    it("reads tables only, and honours exemptResources", async () => {
        assert.equal((await reported(tableProtection, TYPES.dynamodbTable, {})).length, 2);
        assert.deepEqual(await reported(tableProtection, TYPES.dynamodbTable, {}, { exemptResources: ["r"] }), []);
    });
});
