import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkServiceLinkedRoleScoped, serviceLinkedRoleScoped } from "../../../policypack/rules";
import { details, doc, SEED_003, stmt } from "../helpers";
import { policyProps, reported } from "./exempt";

const SLR =
    "arn:aws:iam::*:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/" +
    "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";
const SLR_CONDITION = { StringLike: { "iam:AWSServiceName": "kinesisreplication.dynamodb.amazonaws.com" } };
const NOT_SLR = "is not a service-linked role ARN (arn:aws:iam::ACCOUNT:role/aws-service-role/SERVICE/ROLE)";
const NO_CONDITION = 'it has no "iam:AWSServiceName" condition (StringEquals or StringLike)';

describe("iam-service-linked-role-scoped", () => {
    const problems = (d: ReturnType<typeof stmt>, c = {}) => details(checkServiceLinkedRoleScoped(d, c)).map((x) => x?.problems);

    it("Noncompliance 1: unscoped, every problem listed in one finding", () => {
        assert.deepEqual(details(checkServiceLinkedRoleScoped(stmt({ Action: "iam:CreateServiceLinkedRole", Resource: "*" }))), [
            { statement: 0, problems: [`Resource "*" ${NOT_SLR}`, NO_CONDITION] },
        ]);
        assert.deepEqual(
            problems(
                stmt({
                    Action: "iam:CreateServiceLinkedRole",
                    Resource: SLR,
                    Condition: { StringLike: { "iam:AWSServiceName": "*" } },
                }),
            ),
            [['its "iam:AWSServiceName" condition allows any service']],
        );
        assert.deepEqual(
            problems(stmt({ Action: "iam:*", Resource: "arn:aws:iam::*:role/aws-service-role/*", Condition: SLR_CONDITION })),
            [[`Resource "arn:aws:iam::*:role/aws-service-role/*" ${NOT_SLR}`]],
        );
        assert.deepEqual(
            problems(
                stmt({
                    Action: "iam:CreateServiceLinkedRole",
                    Resource: SLR,
                    Condition: { StringNotEquals: { "iam:AWSServiceName": "x" } },
                }),
            ),
            [[NO_CONDITION]],
        );
        assert.deepEqual(problems(stmt({ Action: "iam:CreateServiceLinkedRole", NotResource: SLR, Condition: SLR_CONDITION })), [
            ["it uses NotResource instead of naming the role ARN"],
        ]);
    });

    it("Compliance: the seed's scoped statement", () => {
        assert.deepEqual(checkServiceLinkedRoleScoped(doc(SEED_003.enable)), []);
    });

    it("allowedServiceNames: only these services", () => {
        const d = stmt({ Action: "iam:CreateServiceLinkedRole", Resource: SLR, Condition: SLR_CONDITION });
        assert.deepEqual(problems(d, { allowedServiceNames: ["elasticmapreduce.amazonaws.com"] }), [
            ['its "iam:AWSServiceName" names services not allowed here: kinesisreplication.dynamodb.amazonaws.com'],
        ]);
        assert.deepEqual(problems(d, { allowedServiceNames: ["kinesisreplication.dynamodb.amazonaws.com"] }), []);
    });

    it("honours exemptResources", async () => {
        const props = policyProps({ Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: "*" });
        assert.equal((await reported(serviceLinkedRoleScoped, TYPES.policy, props)).length, 1);
        assert.deepEqual(await reported(serviceLinkedRoleScoped, TYPES.policy, props, { exemptResources: ["r"] }), []);
    });
});
