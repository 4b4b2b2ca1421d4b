import { strict as assert } from "node:assert";
import { managedPolicyDocument, TYPES, UNKNOWN } from "../../../policypack/iam";
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

    it("Noncompliance 1: neither a service-linked role ARN nor a condition naming the service, every problem listed", () => {
        assert.deepEqual(details(checkServiceLinkedRoleScoped(stmt({ Action: "iam:CreateServiceLinkedRole", Resource: "*" }))), [
            { statement: 0, problems: [`Resource "*" ${NOT_SLR}`, NO_CONDITION] },
        ]);
        assert.deepEqual(
            problems(
                stmt({
                    Action: "iam:CreateServiceLinkedRole",
                    Resource: "*",
                    Condition: { StringLike: { "iam:AWSServiceName": "*" } },
                }),
            ),
            [[`Resource "*" ${NOT_SLR}`, 'its "iam:AWSServiceName" condition allows any service']],
        );
        // The service segment must be spelled out: role/aws-service-role/* is every service's.
        assert.deepEqual(problems(stmt({ Action: "iam:*", Resource: "arn:aws:iam::*:role/aws-service-role/*" })), [
            [`Resource "arn:aws:iam::*:role/aws-service-role/*" ${NOT_SLR}`, NO_CONDITION],
        ]);
        assert.deepEqual(
            problems(
                stmt({
                    Action: "iam:CreateServiceLinkedRole",
                    Resource: "*",
                    Condition: { StringNotEquals: { "iam:AWSServiceName": "x" } },
                }),
            ),
            [[`Resource "*" ${NOT_SLR}`, NO_CONDITION]],
        );
        assert.deepEqual(problems(stmt({ Action: "iam:CreateServiceLinkedRole", NotResource: SLR })), [
            ["it uses NotResource instead of naming the role ARN", NO_CONDITION],
        ]);
    });

    it("Compliance: the seed's statement, and AWS's own: the role ARN alone or the condition alone confines it", () => {
        assert.deepEqual(checkServiceLinkedRoleScoped(doc(SEED_003.enable)), []);
        // IAM authorizes the call on the ARN of the role it creates (role/aws-service-role/SERVICE/NAME), so either
        // part names the service: AmazonCloudWatchRUMFullAccess writes the ARN alone, AWSBackupFullAccess and
        // AWSCloud9User the condition alone, with Resource "*".
        for (const [name, i] of [
            ["AmazonCloudWatchRUMFullAccess", 1],
            ["AWSBackupFullAccess", 24],
            ["AWSCloud9User", 4],
        ] as const) {
            const d = JSON.parse(managedPolicyDocument(name)!) as { Statement: Record<string, unknown>[] };
            assert.match(JSON.stringify(d.Statement[i]), /iam:CreateServiceLinkedRole/, name);
            assert.deepEqual(checkServiceLinkedRoleScoped(stmt(d.Statement[i])), [], name);
        }
        // A condition that allows any service is beside the point when the ARN names one; so is an unrelated one.
        for (const Condition of [
            { StringLike: { "iam:AWSServiceName": "*" } },
            { StringNotEquals: { "iam:AWSServiceName": "x" } },
        ])
            assert.deepEqual(problems(stmt({ Action: "iam:CreateServiceLinkedRole", Resource: SLR, Condition })), []);
        assert.deepEqual(
            problems(stmt({ Action: "iam:CreateServiceLinkedRole", NotResource: SLR, Condition: SLR_CONDITION })),
            [],
        );
    });

    it("values not known yet: no finding while a part that could confine it is unknown", () => {
        const unknownResource = doc({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: UNKNOWN }],
        });
        assert.deepEqual(checkServiceLinkedRoleScoped(unknownResource), []);
        const unknownCondition = doc({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: "*", Condition: UNKNOWN }],
        });
        assert.deepEqual(checkServiceLinkedRoleScoped(unknownCondition), []);
    });

    it("allowedServiceNames: only these services, named by the condition or by the role ARN", () => {
        const allowed = (allowedServiceNames: string[]) => ({ allowedServiceNames });
        const d = stmt({ Action: "iam:CreateServiceLinkedRole", Resource: SLR, Condition: SLR_CONDITION });
        const emr = allowed(["elasticmapreduce.amazonaws.com"]);
        const NOT_ALLOWED = "it names services not allowed here: kinesisreplication.dynamodb.amazonaws.com";
        assert.deepEqual(problems(d, emr), [[NOT_ALLOWED]]);
        assert.deepEqual(problems(stmt({ Action: "iam:CreateServiceLinkedRole", Resource: SLR }), emr), [[NOT_ALLOWED]]);
        assert.deepEqual(
            problems(stmt({ Action: "iam:CreateServiceLinkedRole", Resource: "*", Condition: SLR_CONDITION }), emr),
            [[NOT_ALLOWED]],
        );
        assert.deepEqual(problems(d, allowed(["kinesisreplication.dynamodb.amazonaws.com"])), []);
    });

    it("honours exemptResources", async () => {
        const props = policyProps({ Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: "*" });
        assert.equal((await reported(serviceLinkedRoleScoped, TYPES.policy, props)).length, 1);
        assert.deepEqual(await reported(serviceLinkedRoleScoped, TYPES.policy, props, { exemptResources: ["r"] }), []);
    });
});
