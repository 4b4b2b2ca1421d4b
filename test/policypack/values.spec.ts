// policypack/iam/values.ts: the engine's unknown sentinels, recognized by length first.
import { strict as assert } from "node:assert";
import { isUnknown, SENTINEL_LENGTH, UNKNOWN, UNKNOWN_SENTINELS } from "../../policypack/iam/values";

describe("policypack/iam: unknown values", () => {
    it("every sentinel has the length isUnknown checks first, and is recognized", () => {
        for (const s of UNKNOWN_SENTINELS) {
            assert.equal(s.length, SENTINEL_LENGTH, s);
            assert.equal(isUnknown(s), true, s);
        }
        assert.equal(isUnknown(UNKNOWN), true);
    });

    it("nothing else is unknown: another UUID, a sentinel in upper case or inside a longer string, non-strings", () => {
        for (const v of [
            "00000000-0000-0000-0000-000000000000",
            UNKNOWN.toUpperCase(),
            `${UNKNOWN} `,
            UNKNOWN.slice(1),
            "",
            36,
            undefined,
            null,
            [UNKNOWN],
        ])
            assert.equal(isUnknown(v), false, String(v));
    });
});
