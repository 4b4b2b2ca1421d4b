import { strict as assert } from "node:assert";
import { managedPolicyData, TYPES } from "../../../policypack/iam";
import { checkManagedPolicyKnown, managedPolicyKnown } from "../../../policypack/rules";
import { details } from "../helpers";
import { reported } from "./exempt";

describe("iam-managed-policy-known", () => {
    it("Noncompliance 1: an AWS managed policy the data does not know, on every attaching resource type", async () => {
        const arn = "arn:aws:iam::aws:policy/AmazonDyunamoDBFullAccess";
        const data = managedPolicyData()!;
        for (const [type, props] of [
            [TYPES.rolePolicyAttachment, { role: "r", policyArn: arn }],
            [TYPES.policyAttachment, { roles: ["r"], policyArn: arn }],
            [TYPES.groupPolicyAttachmentsExclusive, { groupName: "g", policyArns: [arn] }],
            [TYPES.role, { managedPolicyArns: [arn] }],
        ] as const) {
            const [m] = await reported(managedPolicyKnown, type, props);
            assert.ok(
                m.includes(
                    `(AWS managed policy AmazonDyunamoDBFullAccess): attaches ${arn}, which the AWS managed policy data ` +
                        `(${data.package} ${data.version}`,
                ),
                m,
            );
        }
        const attached = { arn, name: "AmazonDyunamoDBFullAccess", known: false };
        assert.deepEqual(
            details(
                await checkManagedPolicyKnown({ path: "policyArn", kind: "managed", parsed: { status: "absent" }, attached }),
            ),
            [{ policyArn: arn, policy: "AmazonDyunamoDBFullAccess" }],
        );
    });

    it("Compliance: known AWS managed policies (any partition), customer managed ARNs, unknown values", async () => {
        for (const arn of [
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole",
            "arn:aws:iam::123456789012:policy/mine",
            "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        ]) {
            assert.deepEqual(
                await reported(managedPolicyKnown, TYPES.userPolicyAttachment, { user: "u", policyArn: arn }),
                [],
                arn,
            );
        }
    });

    it("reads its data: the newest policy update it holds, and honours exemptResources", async () => {
        assert.match(managedPolicyData()!.newestPolicyUpdate, /^\d{4}-\d{2}-\d{2}$/);
        assert.deepEqual(
            await reported(
                managedPolicyKnown,
                TYPES.role,
                { managedPolicyArns: ["arn:aws:iam::aws:policy/Nope"] },
                { exemptResources: ["r"] },
            ),
            [],
        );
    });
});
