import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkTrustPolicyExternalId, trustPolicyExternalId } from "../../../policypack/rules";
import { details, doc } from "../helpers";
import { reported } from "./exempt";

const trust = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const partner = (AWS: unknown, extra: object = {}) => ({
    Effect: "Allow",
    Principal: { AWS },
    Action: "sts:AssumeRole",
    ...extra,
});

describe("iam-trust-policy-external-id", () => {
    it("Noncompliance 1: another account's principal (account ID, root, role, assumed role) without sts:ExternalId", () => {
        for (const p of [
            "123123123123",
            "arn:aws:iam::123123123123:root",
            "arn:aws:iam::123123123123:role/Deployer",
            "arn:aws:sts::123123123123:assumed-role/Deployer/s",
        ]) {
            assert.deepEqual(
                details(checkTrustPolicyExternalId(doc(trust(partner(p))))),
                [{ statement: 0, accounts: ["123123123123"] }],
                p,
            );
        }
        assert.deepEqual(
            details(checkTrustPolicyExternalId(doc(trust(partner(["arn:aws:iam::222222222222:root", "111111111111"]))))),
            [{ statement: 0, accounts: ["111111111111", "222222222222"] }],
        );
    });

    it("Compliance: an ExternalId, service principals, wildcard principals (the other rule's), Deny", () => {
        for (const s of [
            partner("arn:aws:iam::123123123123:root", { Condition: { StringEquals: { "sts:ExternalId": "partner-7" } } }),
            { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" },
            partner("*"),
            { ...partner("123123123123"), Effect: "Deny" },
        ]) {
            assert.deepEqual(checkTrustPolicyExternalId(doc(trust(s))), [], JSON.stringify(s));
        }
    });

    it("ownAccounts: the stack's own accounts need no external ID", () => {
        assert.deepEqual(
            checkTrustPolicyExternalId(doc(trust(partner("arn:aws:iam::123123123123:root"))), { ownAccounts: ["123123123123"] }),
            [],
        );
    });

    it("is advisory, reads trust policies only, and honours exemptResources", async () => {
        assert.equal(trustPolicyExternalId.enforcementLevel, "advisory");
        const props = { assumeRolePolicy: trust(partner("123123123123")) };
        assert.equal((await reported(trustPolicyExternalId, TYPES.role, props)).length, 1);
        assert.deepEqual(await reported(trustPolicyExternalId, TYPES.role, props, { exemptResources: ["r"] }), []);
    });
});
