import { strict as assert } from "node:assert";
import { TYPES, UNKNOWN } from "../../../policypack/iam";
import { checkUserAccessKeys, userAccessKeys } from "../../../policypack/rules";
import { details } from "../helpers";
import { reported } from "./exempt";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

describe("iam-user-no-access-keys", () => {
    it("Noncompliance 1: an active access key, naming the user (or null when not known yet) and never the secret", () => {
        const f = checkUserAccessKeys({ user: "StockTradeStreamUser", secret: SECRET, sesSmtpPasswordV4: SECRET });
        assert.deepEqual(details(f), [{ user: "StockTradeStreamUser" }]);
        assert.ok(!f[0].message.includes(SECRET));
        assert.deepEqual(details(checkUserAccessKeys({ user: UNKNOWN })), [{ user: null }]);
    });

    it("Compliance: an inactive key", () => {
        assert.deepEqual(checkUserAccessKeys({ user: "u", status: "Inactive" }), []);
    });

    it("reads AccessKey resources only, and honours exemptResources", async () => {
        assert.equal((await reported(userAccessKeys, TYPES.accessKey, { user: "u" })).length, 1);
        assert.deepEqual(await reported(userAccessKeys, TYPES.user, { name: "u" }), []);
        assert.deepEqual(await reported(userAccessKeys, TYPES.accessKey, { user: "u" }, { exemptResources: ["r"] }), []);
    });
});
