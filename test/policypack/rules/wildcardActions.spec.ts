import { strict as assert } from "node:assert";
import { PROFILES } from "../../../components/grants";
import { TYPES } from "../../../policypack/iam";
import { checkWildcardActions, wildcardActions } from "../../../policypack/rules";
import { ACCOUNT, details, doc, stmt, STREAM } from "../helpers";
import { policyProps, reported } from "./exempt";

const MUSIC = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/Music`;
const SLR =
    "arn:aws:iam::*:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/" +
    "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";
const SLR_CONDITION = { StringLike: { "iam:AWSServiceName": "kinesisreplication.dynamodb.amazonaws.com" } };

// Seed 000's dynamodb:* and its suggestion: test/policypack/seedDocuments.spec.ts.
describe("iam-no-wildcard-actions", () => {
    it("Noncompliance 1: *, service:* and partial wildcards in Allow, case-insensitively", async () => {
        assert.deepEqual(details(await checkWildcardActions(stmt({ Action: "kinesis:GetRecord?", Resource: "*" }))), [
            { statement: 0, pattern: "kinesis:GetRecord?", expandsTo: ["kinesis:GetRecords"], suggestions: [] },
        ]);
        const f = details(
            await checkWildcardActions(
                stmt({ Action: ["*", "KINESIS:put*", "kinesis:GetRecord?", "kinesis:DescribeStream"], Resource: STREAM }),
            ),
        );
        assert.deepEqual(
            f.map((d) => [d?.pattern, d?.expandsTo]),
            [
                ["*", "*"],
                ["KINESIS:put*", ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:PutResourcePolicy"]],
                ["kinesis:GetRecord?", ["kinesis:GetRecords"]],
            ],
        );
    });

    it("suggests the operator profile for a streaming-destination wildcard on a table", async () => {
        const d = doc({
            Statement: [
                { Effect: "Allow", Action: "dynamodb:Enable*", Resource: MUSIC },
                { Effect: "Allow", Action: ["kinesis:ListStreams"], Resource: "*" },
                { Effect: "Allow", Action: ["kinesis:PutRecords"], Resource: STREAM },
                { Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: SLR, Condition: SLR_CONDITION },
            ],
        });
        const [f] = details(await checkWildcardActions(d));
        const operator = PROFILES.find((p) =>
            p.statements.some((x) => x.actions.includes("dynamodb:EnableKinesisStreamingDestination")),
        )!;
        assert.deepEqual(f?.suggestions, [
            { profile: operator.name, actions: ["dynamodb:EnableKinesisStreamingDestination"], resources: [MUSIC] },
        ]);
    });

    it("Compliance: Deny statements and explicit actions", async () => {
        assert.deepEqual(
            await checkWildcardActions(
                doc({
                    Statement: [
                        { Effect: "Deny", Action: "*", Resource: "*" },
                        { Effect: "Allow", Action: "kinesis:PutRecord", Resource: STREAM },
                    ],
                }),
            ),
            [],
        );
    });

    it("reads trust policies: a wildcard action lets the principal assume the role every way STS has", async () => {
        const trust = (Action: string | string[], Effect = "Allow") =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect, Principal: { Service: "ec2.amazonaws.com" }, Action }],
            });
        const found = await reported(wildcardActions, TYPES.role, { assumeRolePolicy: trust(["sts:AssumeRole", "*"]) });
        assert.deepEqual(found, [
            'assumeRolePolicy: Statement[0] allows the wildcard action "*", which expands to every action of every AWS ' +
                "service. List how the principal assumes the role: sts:AssumeRole, sts:AssumeRoleWithWebIdentity or " +
                "sts:AssumeRoleWithSAML, with sts:TagSession or sts:SetSourceIdentity only where the sessions need them.",
        ]);
        const sts = await reported(wildcardActions, TYPES.role, { assumeRolePolicy: trust("sts:Assume*") });
        assert.equal(sts.length, 1);
        assert.match(sts[0], /sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity/);
        for (const ok of [trust("sts:AssumeRole"), trust("*", "Deny"), trust(["sts:AssumeRole", "sts:TagSession"])])
            assert.deepEqual(await reported(wildcardActions, TYPES.role, { assumeRolePolicy: ok }), [], ok);
    });

    it("allowedActions: patterns permitted despite the wildcard", async () => {
        const d = stmt({ Action: "logs:Describe*", Resource: "*" });
        assert.equal((await checkWildcardActions(d)).length, 1);
        assert.deepEqual(await checkWildcardActions(d, { allowedActions: ["logs:*"] }), []);
    });

    it("honours exemptResources", async () => {
        const props = policyProps({ Effect: "Allow", Action: "kinesis:*", Resource: STREAM });
        assert.equal((await reported(wildcardActions, TYPES.policy, props)).length, 1);
        assert.deepEqual(await reported(wildcardActions, TYPES.policy, props, { exemptResources: ["r"] }), []);
    });
});
