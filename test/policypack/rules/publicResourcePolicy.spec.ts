import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkPublicResourcePolicy, publicResourcePolicy } from "../../../policypack/rules";
import { ACCOUNT, details, doc, STREAM } from "../helpers";
import { reported } from "./exempt";

const pub = (extra: Record<string, unknown>) =>
    doc({ Statement: { Effect: "Allow", Action: "kinesis:GetRecords", Resource: STREAM, ...extra } });

describe("kinesis-resource-policy-not-public", () => {
    it('Noncompliance 1: Principal "*" without a restricting condition', () => {
        for (const d of [
            pub({ Principal: "*" }),
            pub({ Principal: { AWS: ["*"] } }),
            pub({ Principal: "*", Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } }),
            pub({ Principal: "*", Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } } }),
            pub({ Principal: "*", Condition: { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abc" } } }),
            pub({ Principal: "*", Condition: { StringLike: { "aws:PrincipalArn": "*" } } }),
            // A wildcard where the account goes, and every address, confine nothing.
            pub({ Principal: "*", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:*:alarm:*" } } }),
            pub({ Principal: "*", Condition: { StringLike: { "aws:SourceVpce": "vpce-*" } } }),
            pub({ Principal: "*", Condition: { StringLike: { "aws:userid": "*:ci" } } }),
            pub({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": ["0.0.0.0/0", "::/0"] } } }),
        ]) {
            assert.deepEqual(
                details(checkPublicResourcePolicy(d)),
                [{ statement: 0 }],
                JSON.stringify(d.statements[0].condition),
            );
        }
        assert.deepEqual(details(checkPublicResourcePolicy(pub({ Sid: "Open", Principal: "*" }))), [
            { statement: 0, sid: "Open" },
        ]);
    });

    it("Compliance: named principals, restricting conditions, Deny", () => {
        for (const d of [
            pub({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/consumer` } }),
            pub({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } }),
            pub({
                Principal: "*",
                Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:lambda:us-west-2:${ACCOUNT}:function:f` } },
            }),
            doc({ Statement: { Effect: "Deny", Principal: "*", Action: "kinesis:*", Resource: STREAM } }),
            pub({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }),
            pub({ Principal: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }),
            pub({ Principal: "*", Condition: { StringLike: { "aws:userid": "AROAEXAMPLEID:*" } } }),
        ]) {
            assert.deepEqual(checkPublicResourcePolicy(d), []);
        }
    });

    it("restrictingConditionKeys: which keys count", () => {
        const d = pub({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "ops" } } });
        assert.equal(checkPublicResourcePolicy(d).length, 1);
        assert.deepEqual(checkPublicResourcePolicy(d, { restrictingConditionKeys: ["aws:PrincipalTag/team"] }), []);
    });

    it("reads Kinesis resource policies only, and honours exemptResources", async () => {
        const props = {
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: "*", Action: "kinesis:GetRecords", Resource: STREAM }],
            }),
        };
        assert.equal((await reported(publicResourcePolicy, TYPES.kinesisResourcePolicy, props)).length, 1);
        assert.deepEqual(await reported(publicResourcePolicy, TYPES.policy, props), []);
        assert.deepEqual(await reported(publicResourcePolicy, TYPES.dynamodbResourcePolicy, props), []);
        assert.deepEqual(
            await reported(publicResourcePolicy, TYPES.kinesisResourcePolicy, props, { exemptResources: ["r"] }),
            [],
        );
    });
});
