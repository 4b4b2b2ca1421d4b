// The whole pack over the analyzer gRPC protocol, started as the Pulumi CLI starts it (tools/lib/analyzer).
// The server deserializes inputs and wraps them in proxies that throw on unknowns: raw objects in-process do not
// exercise that, so each case here is compared with the same rules run in-process on plain values.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { UNKNOWN as PACK_UNKNOWN } from "../../policypack/iam";
import { AnalyzerClient, AnalyzerResource, secret, start, UNKNOWN } from "../../tools/lib/analyzer";
import { POLICIES } from "../../policypack/rules";
import { ensureBuilt } from "../support/fresh";
import { SEED_000, SEED_003, STREAM, TABLE, TRUST_EC2 } from "./helpers";
import { seedStack, URN } from "./stack";
import { inProcess, names, res, verdicts } from "./verdicts";

const PACK = path.join(__dirname, "..", "..", "policypack");

describe("policypack over the analyzer protocol (run-policy-pack, as the CLI starts it)", function () {
    this.timeout(60_000);
    let pack: AnalyzerClient;
    before(async () => {
        // The directory runs policypack/dist (start.js) when it is up to date: test that, the path users take.
        ensureBuilt("build:policypack", "policypack/dist", ["policypack", "components/grants", "tools/build-policypack.ts"]);
        pack = await start(PACK, { project: "kinesis-access", stack: "dev", dryRun: true });
    });
    after(async () => {
        await pack?.close();
    });

    it("describes the pack: name, version, every rule with its enforcement level and config schema", async () => {
        const info = await pack.getAnalyzerInfo();
        assert.equal(info.name, "kinesis-least-privilege");
        assert.equal(info.version, "0.1.0");
        assert.equal(info.supportsConfig, true);
        assert.deepEqual(
            info.policies.map((p) => [p.name, p.enforcementLevel, p.description]),
            POLICIES.map((p) => [p.name, p.enforcementLevel, p.description]),
        );
        for (const p of info.policies)
            assert.deepEqual(p.configSchema?.properties.exemptResources, {
                type: "array",
                items: { type: "string" },
                description: "Pulumi resource names this rule skips.",
            });
    });

    it("refuses seed 000's policy for dynamodb:* (mandatory), as a JSON string and as an object", async () => {
        const asString = res("aws:iam/policy:Policy", "StockTradeStreamPolicy", {
            policy: SEED_000,
            name: "StockTradeStreamPolicy",
        });
        const expected = await inProcess(asString);
        assert.deepEqual(names(await pack.analyze(asString)), [
            ["cloudwatch-putmetricdata-namespace", "advisory"],
            ["iam-no-wildcard-actions", "mandatory"],
        ]);
        assert.deepEqual(verdicts(await pack.analyze(asString)), expected);
        const asObject = { ...asString, inputs: { policy: JSON.parse(SEED_000), name: "StockTradeStreamPolicy" } };
        assert.deepEqual(verdicts(await pack.analyze(asObject)), expected);
    });

    it("passes seed 003's examples wherever a document can be", async () => {
        for (const [name, text] of Object.entries(SEED_003)) {
            for (const r of [
                res("aws:iam/policy:Policy", name, { policy: text }),
                res("aws:iam/rolePolicy:RolePolicy", name, { role: "operator", policy: JSON.parse(text) }),
                res("aws:iam/userPolicy:UserPolicy", name, { user: "operator", policy: text }),
                res("aws:iam/groupPolicy:GroupPolicy", name, { group: "operators", policy: text }),
                res(
                    "aws:iam/role:Role",
                    name,
                    { assumeRolePolicy: TRUST_EC2, inlinePolicies: [{ name, policy: text }] },
                    { options: { protect: true, ignoreChanges: ["tags"] } },
                ),
            ]) {
                assert.deepEqual(await pack.analyze(r), [], `${r.type} ${name}`);
            }
        }
    });

    it("skips unknown values at preview: no violation, no 'cannot run during preview'", async () => {
        const unknowns = [
            res("aws:iam/policy:Policy", "u1", { policy: UNKNOWN }),
            res("aws:iam/role:Role", "u2", { inlinePolicies: UNKNOWN, managedPolicyArns: UNKNOWN, tags: UNKNOWN }),
            res("aws:iam/role:Role", "u3", { inlinePolicies: [{ name: "a", policy: UNKNOWN }] }),
            res("aws:kinesis/stream:Stream", "u4", { encryptionType: UNKNOWN, name: "s" }),
            res("aws:dynamodb/table:Table", "u5", { pointInTimeRecovery: UNKNOWN, deletionProtectionEnabled: UNKNOWN }),
            res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "u6", { role: UNKNOWN, policyArn: UNKNOWN }),
            res("aws:iam/policy:Policy", "u7", {
                policy: {
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: ["kinesis:PutRecord"], Resource: UNKNOWN }],
                },
            }),
        ];
        for (const r of unknowns) assert.deepEqual(await pack.analyze(r), [], r.name);
    });

    it("still checks the known parts of a partly unknown document", async () => {
        const r = res("aws:iam/policy:Policy", "partial", {
            policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:*"], Resource: [UNKNOWN] }] },
        });
        const got = await pack.analyze(r);
        assert.deepEqual(names(got), [["iam-no-wildcard-actions", "mandatory"]]);
        assert.deepEqual(
            verdicts(got),
            await inProcess(r, {
                policy: {
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: ["dynamodb:*"], Resource: [PACK_UNKNOWN] }],
                },
            }),
        );
    });

    it("reports malformed JSON as a violation, with where the document is", async () => {
        const bad = res("aws:iam/policy:Policy", "bad", { policy: '{"Version": "2012-10-17", "Statement": [' });
        assert.deepEqual(verdicts(await pack.analyze(bad)), await inProcess(bad));
        assert.deepEqual(names(await pack.analyze(bad)), [["iam-policy-document-valid", "mandatory"]]);
        const role = res("aws:iam/role:Role", "bad-inline", {
            inlinePolicies: [
                { name: "ok", policy: SEED_003.disable },
                { name: "bad", policy: "not json" },
            ],
        });
        const got = await pack.analyze(role);
        assert.deepEqual(names(got), [["iam-policy-document-valid", "mandatory"]]);
        assert.equal(
            got[0].message.split("\n")[1],
            "inlinePolicies[1].policy: malformed IAM policy document: the policy document is not valid JSON (Unexpected token " +
                "'o', \"not json\" is not valid JSON)",
        );
    });

    it("checks attachments, resource policies, streams and tables", async () => {
        const cases: [AnalyzerResource, string[][]][] = [
            [
                // Refused by name, and by its document ("*" on "*") through the same rules as an inline one (#10).
                res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "admin", {
                    role: "r",
                    policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
                }),
                [
                    ["cloudwatch-putmetricdata-namespace", "advisory"],
                    ["iam-no-admin-managed-policies", "mandatory"],
                    ["iam-no-passrole-wildcard", "mandatory"],
                    ["iam-no-wildcard-actions", "mandatory"],
                    ["iam-no-wildcard-resources", "mandatory"],
                    ["iam-service-linked-role-scoped", "mandatory"],
                ],
            ],
            [
                res("aws:kinesis/resourcePolicy:ResourcePolicy", "public", {
                    resourceArn: STREAM,
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Principal: "*", Action: ["kinesis:GetRecords"], Resource: STREAM }],
                    }),
                }),
                [["kinesis-resource-policy-not-public", "mandatory"]],
            ],
            [res("aws:kinesis/stream:Stream", "plain", { name: "s", shardCount: 1 }), [["kinesis-stream-encrypted", "advisory"]]],
            [res("aws:kinesis/stream:Stream", "sse", { name: "s", encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" }), []],
            [
                res("aws:dynamodb/table:Table", "t", { name: "StockTradesProcessor" }),
                [
                    ["dynamodb-table-protected", "advisory"],
                    ["dynamodb-table-protected", "advisory"],
                ],
            ],
        ];
        for (const [r, expected] of cases) {
            const got = await pack.analyze(r);
            assert.deepEqual(names(got), expected, r.name);
            assert.deepEqual(verdicts(got), await inProcess(r), r.name);
        }
    });

    it("AnalyzeStack: passes the component's own grants, refuses one from outside it", async () => {
        const stack = (rs = seedStack()) =>
            rs.map((r): AnalyzerResource => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                parent: r.parent,
                inputs: r.props,
                propertyDependencies: r.propertyDependencies,
            }));
        assert.deepEqual(await pack.analyzeStack(stack()), []);
        assert.deepEqual(await pack.analyzeStack(stack(seedStack({ arns: false }))), []);
        const outside = res(
            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            "extra",
            { user: UNKNOWN, policyArn: "arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess" },
            {
                parent: URN.stack,
                propertyDependencies: { user: [URN.user] },
            },
        );
        const got = await pack.analyzeStack([...stack(), outside]);
        assert.deepEqual(
            got.map((v) => [v.policyName, v.enforcementLevel, v.urn]),
            [["kinesis-access-profile-exactness", "mandatory", outside.urn]],
        );
    });

    it("applies the pack configuration (allow-lists, enforcement levels), and resets", async () => {
        const seed = res("aws:iam/policy:Policy", "seed", { policy: SEED_000 });
        await pack.configure({
            "iam-no-wildcard-actions": { allowedActions: ["dynamodb:*"] },
            "cloudwatch-putmetricdata-namespace": { enforcementLevel: "mandatory" },
        });
        assert.deepEqual(names(await pack.analyze(seed)), [["cloudwatch-putmetricdata-namespace", "mandatory"]]);
        await pack.configure({
            "cloudwatch-putmetricdata-namespace": { enforcementLevel: "disabled" },
            "iam-no-wildcard-actions": { exemptResources: ["seed"] },
        });
        assert.deepEqual(await pack.analyze(seed), []);
        await pack.configure({});
        assert.deepEqual(names(await pack.analyze(seed)), [
            ["cloudwatch-putmetricdata-namespace", "advisory"],
            ["iam-no-wildcard-actions", "mandatory"],
        ]);
        assert.deepEqual(pack.logs, []);
    });
    // Last: the client redacts every string of a secret from later messages too ("Allow" included).
    it("reads secrets as their values and never prints a secret", async () => {
        const asSecret = res("aws:iam/policy:Policy", "secret-doc", { policy: secret(SEED_000) });
        assert.deepEqual(verdicts(await pack.analyze(asSecret)), await inProcess(asSecret, { policy: SEED_000 }));

        const key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        const accessKey = res("aws:iam/accessKey:AccessKey", "key", {
            user: "StockTradeStreamUser",
            pgpKey: secret("keybase:someone"),
            secret: secret(key),
        });
        const got = await pack.analyze(accessKey);
        assert.deepEqual(names(got), [["iam-user-no-access-keys", "advisory"]]);
        assert.ok(got.every((v) => !v.message.includes(key) && !v.message.includes("keybase:someone")));

        // A secret document's own strings (actions, ARNs) are redacted from what the client returns.
        const secretObject = res("aws:iam/policy:Policy", "secret-object", {
            policy: secret({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: TABLE }] }),
        });
        const redacted = await pack.analyze(secretObject);
        assert.deepEqual(names(redacted), [["iam-no-wildcard-actions", "mandatory"]]);
        assert.ok(!redacted[0].message.includes(TABLE) && redacted[0].message.includes("[secret]"));
    });
});
