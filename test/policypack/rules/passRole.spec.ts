import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkPassRole, passRole } from "../../../policypack/rules";
import { ACCOUNT, details, doc, stmt } from "../helpers";
import { policyProps, reported } from "./exempt";

describe("iam-no-passrole-wildcard", () => {
    it("Noncompliance 1: iam:PassRole on every role, however spelled", () => {
        assert.deepEqual(details(checkPassRole(stmt({ Sid: "P", Action: "iam:PassRole", Resource: "*" }))), [
            { statement: 0, sid: "P", resource: "*" },
        ]);
        const cases = [
            stmt({ Action: "iam:PassRole", Resource: "*" }),
            stmt({ Action: "iam:passrole", Resource: `arn:aws:iam::${ACCOUNT}:role/*` }),
            stmt({ Action: "iam:Pass*", Resource: "arn:aws:iam::*:role*" }),
            stmt({ Action: "*", Resource: "*" }),
            stmt({ NotAction: "s3:*", Resource: "*" }),
        ];
        assert.deepEqual(
            cases.map((d) => details(checkPassRole(d)).map((x) => x?.resource)),
            [["*"], [`arn:aws:iam::${ACCOUNT}:role/*`], ["arn:aws:iam::*:role*"], ["*"], ["*"]],
        );
    });

    it("Noncompliance 2: iam:PassRole with NotResource (every role but a few)", () => {
        assert.deepEqual(
            details(checkPassRole(stmt({ Action: "iam:PassRole", NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }))),
            [{ statement: 0, resource: "NotResource" }],
        );
    });

    it("Compliance: PassRole on named roles or a path, other IAM actions, Deny", () => {
        for (const d of [
            stmt({ Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/app-role` }),
            stmt({ Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/service-role/*` }),
            stmt({ Action: "iam:GetRole", Resource: "*" }),
            doc({ Statement: { Effect: "Deny", Action: "iam:PassRole", Resource: "*" } }),
        ]) {
            assert.deepEqual(checkPassRole(d), []);
        }
    });

    it("honours exemptResources", async () => {
        const props = policyProps({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" });
        assert.equal((await reported(passRole, TYPES.policy, props)).length, 1);
        assert.deepEqual(await reported(passRole, TYPES.policy, props, { exemptResources: ["r"] }), []);
    });
});
