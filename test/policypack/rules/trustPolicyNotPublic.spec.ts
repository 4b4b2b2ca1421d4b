import { strict as assert } from "node:assert";
import { TYPES, UNKNOWN } from "../../../policypack/iam";
import { checkTrustPolicyNotPublic, trustPolicyNotPublic } from "../../../policypack/rules";
import { details, doc } from "../helpers";
import { reported } from "./exempt";

const trust = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const anyone = { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" };

describe("iam-trust-policy-not-public", () => {
    it('Noncompliance 1: Principal "*" and {"AWS": "*"} (string or list) with no condition', () => {
        for (const principal of ["*", { AWS: "*" }, { AWS: ["*"] }]) {
            assert.deepEqual(details(checkTrustPolicyNotPublic(doc(trust({ ...anyone, Principal: principal })))), [
                { statement: 0, actions: ["sts:AssumeRole"] },
            ]);
        }
    });

    it("Noncompliance 2: conditions that do not confine the caller (negative, IfExists, all-wildcard, other keys)", () => {
        for (const Condition of [
            { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
            { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
            { StringLike: { "aws:PrincipalArn": "*" } },
            { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        ]) {
            assert.equal(
                checkTrustPolicyNotPublic(doc(trust({ ...anyone, Sid: "S", Condition }))).length,
                1,
                JSON.stringify(Condition),
            );
        }
    });

    it("Compliance: named principals, confining conditions, Deny, unknown conditions", () => {
        for (const d of [
            trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
            trust({ ...anyone, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }),
            trust({ ...anyone, Condition: { StringEquals: { "sts:ExternalId": "partner-7" } } }),
            trust({ ...anyone, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::my-bucket" } } }),
            trust({ ...anyone, Effect: "Deny" }),
            // Not known at preview: validated at update.
            trust({ ...anyone, Condition: UNKNOWN }),
        ]) {
            assert.deepEqual(checkTrustPolicyNotPublic(doc(d)), [], JSON.stringify(d));
        }
    });

    it("confiningConditionKeys: which keys count", () => {
        const d = doc(trust({ ...anyone, Condition: { StringEquals: { "aws:PrincipalTag/team": "ops" } } }));
        assert.equal(checkTrustPolicyNotPublic(d).length, 1);
        assert.deepEqual(checkTrustPolicyNotPublic(d, { confiningConditionKeys: ["aws:PrincipalTag/team"] }), []);
    });

    it("reads Role.assumeRolePolicy only, and honours exemptResources", async () => {
        const props = { assumeRolePolicy: JSON.stringify(trust(anyone)) };
        assert.equal((await reported(trustPolicyNotPublic, TYPES.role, props)).length, 1);
        assert.deepEqual(await reported(trustPolicyNotPublic, TYPES.role, props, { exemptResources: ["r"] }), []);
        // The same statement as a permissions policy is not a trust policy.
        assert.deepEqual(await reported(trustPolicyNotPublic, TYPES.policy, { policy: props.assumeRolePolicy }), []);
    });
});
