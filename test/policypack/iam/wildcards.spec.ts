// policypack/iam, action and resource wildcards as IAM matches them.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { actionMatches, compileTemplate, resourceMatches, templateIntersects } from "../../../policypack/iam";
import { STREAM, TABLE } from "../helpers";

describe("policypack/iam: wildcards", () => {
    it("matches actions case-insensitively with * and ? anywhere", () => {
        assert.equal(actionMatches("kinesis:Put*", "KINESIS:putrecords"), true);
        assert.equal(actionMatches("kinesis:*Record?", "kinesis:PutRecords"), true);
        assert.equal(actionMatches("kinesis:*Record?", "kinesis:PutRecord"), false);
        assert.equal(actionMatches("*", "iam:PassRole"), true);
        assert.equal(actionMatches("kinesis:Get*", "kinesisvideo:GetMedia"), false);
        assert.equal(actionMatches("kinesis:Put.Record", "kinesis:PutxRecord"), false);
    });

    it("an exact action pattern matches the same action in any case, and nothing else", () => {
        const name = fc.stringMatching(/^[A-Za-z.:$^(|]{0,12}$/);
        fc.assert(
            fc.property(name, name, fc.boolean(), (p, a, same) => {
                const action = same ? [...p].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join("") : a;
                assert.equal(actionMatches(p, action), p.toLowerCase() === action.toLowerCase());
            }),
        );
    });

    it("matches resources case-sensitively", () => {
        assert.equal(resourceMatches("arn:aws:kinesis:*:*:stream/Stock*", STREAM), true);
        assert.equal(resourceMatches("arn:aws:kinesis:*:*:stream/stock*", STREAM), false);
    });

    it("intersects ARN templates with wildcarded resources", () => {
        const kinesis = [
            "arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}",
            "arn:${Partition}:kinesis:${Region}:${Account}:${StreamType}/${StreamName}/consumer/${ConsumerName}:" +
                "${ConsumerCreationTimpstamp}",
        ];
        const dynamodb = [
            "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}",
            "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}",
        ];
        const stream = compileTemplate(kinesis[0], kinesis);
        const table = compileTemplate(dynamodb[0], dynamodb);
        const index = compileTemplate(dynamodb[1], dynamodb);
        const role = compileTemplate("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
        assert.equal(templateIntersects(stream, STREAM), true);
        assert.equal(templateIntersects(stream, TABLE), false);
        assert.equal(templateIntersects(stream, "arn:aws:kinesis:*:*:stream/*"), true);
        assert.equal(templateIntersects(stream, `${STREAM}/consumer/*`), false);
        assert.equal(templateIntersects(table, `${TABLE}/index/*`), false);
        assert.equal(templateIntersects(index, `${TABLE}/index/*`), true);
        assert.equal(templateIntersects(index, "arn:aws:dynamodb:*"), true);
        assert.equal(templateIntersects(role, "arn:aws:iam::*:role/aws-service-role/x.amazonaws.com/R"), true);
        assert.equal(templateIntersects(role, "arn:aws:iam::1:user/u"), false);
    });

    it("lets a template's last name hold / and : unless a sibling template continues it with one (#10)", () => {
        const ssm = compileTemplate("arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}");
        const logs = [
            "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}",
            "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}",
        ];
        const lambda = [
            "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}",
            "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}",
        ];
        assert.equal(templateIntersects(ssm, "arn:aws:ssm:us-east-1:123456789012:parameter/dev/*"), true);
        assert.equal(
            templateIntersects(compileTemplate(logs[0], logs), "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x"),
            true,
        );
        assert.equal(
            templateIntersects(compileTemplate(logs[0], logs), "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*"),
            false,
        );
        assert.equal(
            templateIntersects(compileTemplate(logs[1], logs), "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*"),
            true,
        );
        assert.equal(
            templateIntersects(compileTemplate(lambda[0], lambda), "arn:aws:lambda:us-east-1:123456789012:function:f:*"),
            false,
        );
        assert.equal(
            templateIntersects(compileTemplate(lambda[1], lambda), "arn:aws:lambda:us-east-1:123456789012:function:f:*"),
            true,
        );
    });
});
