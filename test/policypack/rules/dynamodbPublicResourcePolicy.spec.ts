import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkDynamodbPublicResourcePolicy, dynamodbPublicResourcePolicy } from "../../../policypack/rules";
import { ACCOUNT, details, doc } from "../helpers";
import { reported } from "./exempt";

const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Music`;
const pub = (extra: Record<string, unknown>) =>
    doc({ Statement: { Effect: "Allow", Action: "dynamodb:GetItem", Resource: TABLE, Principal: "*", ...extra } });

describe("dynamodb-resource-policy-not-public", () => {
    it('Noncompliance: Principal "*" without one of block public access\'s trusted keys, or with a loose one', () => {
        for (const d of [
            pub({}),
            pub({ Principal: { AWS: "*" } }),
            // aws:SourceIp is not among DynamoDB's trusted keys (the Kinesis rule's list has it).
            pub({ Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }),
            pub({ Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/reader" } } }),
            pub({ Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } } }),
            pub({ Condition: { StringLike: { "aws:PrincipalServiceName": "*.amazonaws.com" } } }),
        ]) {
            assert.deepEqual(details(checkDynamodbPublicResourcePolicy(d)), [{ statement: 0 }], JSON.stringify(d.statements[0]));
        }
        assert.match(
            checkDynamodbPublicResourcePolicy(pub({}))[0].message,
            /every AWS account could use the table or stream \(DynamoDB refuses the policy when it is put\)/,
        );
    });

    it("Compliance: named principals, trusted keys that name the caller, Deny", () => {
        for (const d of [
            pub({ Principal: { AWS: ["123456789012", "111122223333"] } }),
            pub({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }),
            pub({ Condition: { StringEquals: { "aws:PrincipalServiceName": "dynamodb.amazonaws.com" } } }),
            pub({ Condition: { Bool: { "aws:PrincipalIsAWSService": "true" } } }),
            pub({ Condition: { StringEquals: { "aws:Ec2InstanceSourceVpc": "vpc-1a2b3c4d" } } }),
            pub({ Effect: "Deny" }),
        ]) {
            assert.deepEqual(checkDynamodbPublicResourcePolicy(d), [], JSON.stringify(d.statements[0]));
        }
    });

    it("restrictingConditionKeys: which keys count", () => {
        const d = pub({ Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } });
        assert.deepEqual(checkDynamodbPublicResourcePolicy(d, { restrictingConditionKeys: ["aws:SourceIp"] }), []);
        const org = pub({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } });
        assert.equal(checkDynamodbPublicResourcePolicy(org, { restrictingConditionKeys: ["aws:SourceIp"] }).length, 1);
    });

    it("reads DynamoDB resource policies only, and honours exemptResources", async () => {
        const props = {
            resourceArn: TABLE,
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: "*", Action: "dynamodb:GetItem", Resource: TABLE }],
            }),
        };
        assert.equal((await reported(dynamodbPublicResourcePolicy, TYPES.dynamodbResourcePolicy, props)).length, 1);
        assert.deepEqual(await reported(dynamodbPublicResourcePolicy, TYPES.kinesisResourcePolicy, props), []);
        assert.deepEqual(
            await reported(dynamodbPublicResourcePolicy, TYPES.dynamodbResourcePolicy, props, { exemptResources: ["r"] }),
            [],
        );
    });
});
