import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkNotActionNotResource, notActionNotResource } from "../../../policypack/rules";
import { details, doc, stmt, STREAM } from "../helpers";
import { policyProps, reported } from "./exempt";

describe("iam-no-allow-not-action", () => {
    it("Noncompliance 1, 2, 3: NotAction, NotResource and NotPrincipal with Allow", () => {
        assert.deepEqual(details(checkNotActionNotResource(stmt({ NotAction: "iam:*", Resource: "*" }))), [
            { statement: 0, element: "NotAction" },
        ]);
        assert.deepEqual(
            details(checkNotActionNotResource(stmt({ Sid: "S", Action: "s3:GetObject", NotResource: "arn:aws:s3:::b/*" }))),
            [{ statement: 0, sid: "S", element: "NotResource" }],
        );
        assert.deepEqual(
            details(
                checkNotActionNotResource(
                    stmt({ NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "kinesis:GetRecords", Resource: STREAM }),
                ),
            ),
            [{ statement: 0, element: "NotPrincipal" }],
        );
    });

    it("Compliance: the same elements with Deny; Allow with Action and Resource", () => {
        assert.deepEqual(
            checkNotActionNotResource(
                doc({ Statement: { Effect: "Deny", NotAction: "kinesis:GetRecords", NotResource: STREAM } }),
            ),
            [],
        );
        assert.deepEqual(checkNotActionNotResource(stmt({ Action: "kinesis:GetRecords", Resource: STREAM })), []);
    });

    it("reads trust policies too, and honours exemptResources", async () => {
        const trust = {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "sts:AssumeRole" }],
        };
        assert.equal((await reported(notActionNotResource, TYPES.role, { assumeRolePolicy: JSON.stringify(trust) })).length, 1);
        const props = policyProps({ Effect: "Allow", NotAction: "iam:*", Resource: "*" });
        assert.equal((await reported(notActionNotResource, TYPES.policy, props)).length, 1);
        assert.deepEqual(await reported(notActionNotResource, TYPES.policy, props, { exemptResources: ["r"] }), []);
    });
});
