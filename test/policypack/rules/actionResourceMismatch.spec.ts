import { strict as assert } from "node:assert";
import { managedPolicyDocument, TYPES } from "../../../policypack/iam";
import { actionResourceMismatch, checkActionResourceMismatch } from "../../../policypack/rules";
import { ACCOUNT, details, doc, SEED_000, stmt, STREAM, TABLE } from "../helpers";
import { policyProps, reported } from "./exempt";

const MUSIC = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/Music`;

describe("iam-action-resource-mismatch", () => {
    it("Noncompliance 1: an action granted only on resources it does not act on", async () => {
        assert.deepEqual(details(await checkActionResourceMismatch(stmt({ Action: "kinesis:PutRecord", Resource: MUSIC }))), [
            { statement: 0, action: "kinesis:PutRecord", resources: [MUSIC], expects: ["stream"] },
        ]);
    });

    it("an action without resource-level permissions on an ARN: may have no effect, not 'has none'", async () => {
        // AWS managed policies grant such actions on ARNs, and some services do authorize them on one: CloudWatch Logs
        // checks logs:DescribeLogGroups on arn:aws:logs:REGION:ACCOUNT:log-group::log-stream: (hashicorp/
        // terraform-provider-aws#8804), which "arn:aws:logs:*:*:*" covers; ssmmessages on an ssm session ARN.
        const statementOf = (name: string, i: number) => {
            const d = JSON.parse(managedPolicyDocument(name)!) as { Statement: Record<string, unknown>[] };
            return stmt(d.Statement[i]);
        };
        const firewall = details(await checkActionResourceMismatch(statementOf("AWSNetworkFirewallReadOnlyAccess", 1))) as Record<
            string,
            unknown
        >[];
        assert.deepEqual(
            firewall.map((d) => d.action),
            ["logs:GetLogDelivery", "logs:ListLogDeliveries"],
        );
        for (const d of firewall) assert.deepEqual(d, { ...d, resources: ["arn:aws:logs:*:*:*"], undocumented: true });
        // One own-service ARN among others is enough for "may" (AmazonEC2RolePolicyForLaunchWizard, logs with S3 ARNs).
        const wizard = details(await checkActionResourceMismatch(statementOf("AmazonEC2RolePolicyForLaunchWizard", 7))) as Record<
            string,
            unknown
        >[];
        assert.ok(wizard.length > 0 && wizard.every((d) => d.undocumented === true), JSON.stringify(wizard));
        const [one] = await checkActionResourceMismatch(stmt({ Action: "kinesis:ListStreams", Resource: STREAM }));
        assert.equal(
            one.message,
            `Statement[0] grants kinesis:ListStreams only on "${STREAM}": it has no resource-level permissions, and the ARN ` +
                'its service authorizes it on is not documented, so the grant may have no effect. Grant it on "*" if the ' +
                "workload calls it, or remove it.",
        );
    });

    it("names an action's first few types in the message and counts the rest; details keep them all", async () => {
        const [one] = await checkActionResourceMismatch(stmt({ Action: "kinesis:PutRecord", Resource: MUSIC }));
        assert.match(one.message, /it takes stream \(arn:\$\{Partition\}:kinesis:[^)]*\)\. As written/);
        const [many] = await checkActionResourceMismatch(stmt({ Action: "apigateway:GET", Resource: MUSIC }));
        const expects = many.details!.expects as string[];
        assert.ok(expects.length > 50, `${expects.length} types`);
        assert.equal(many.message.split(" or ").length, 4 + 1);
        assert.match(
            many.message,
            new RegExp(`or one of ${expects.length - 4} more types\\. As written the grant has no effect\\.$`),
        );
    });

    it("Noncompliance 2: a resource none of the statement's actions act on", async () => {
        assert.deepEqual(
            details(await checkActionResourceMismatch(stmt({ Action: "kinesis:PutRecord", Resource: [STREAM, MUSIC] }))),
            [{ statement: 0, resource: MUSIC }],
        );
    });

    it("Compliance: matching grants, sub-resources, wildcards, unknown values", async () => {
        for (const d of [
            doc(SEED_000),
            stmt({ Action: ["dynamodb:Query"], Resource: [TABLE, `${TABLE}/index/*`] }),
            stmt({ Action: ["kinesis:GetRecords", "dynamodb:GetItem"], Resource: [STREAM, TABLE] }),
            stmt({ Action: ["kinesis:SubscribeToShard"], Resource: `${STREAM}/consumer/*` }),
            stmt({ Action: ["kinesis:PutRecord"], Resource: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }),
        ]) {
            assert.deepEqual(await checkActionResourceMismatch(d), []);
        }
    });

    it("honours exemptResources", async () => {
        const props = policyProps({ Effect: "Allow", Action: "kinesis:PutRecord", Resource: MUSIC });
        assert.equal((await reported(actionResourceMismatch, TYPES.policy, props)).length, 1);
        assert.deepEqual(await reported(actionResourceMismatch, TYPES.policy, props, { exemptResources: ["r"] }), []);
    });
});
