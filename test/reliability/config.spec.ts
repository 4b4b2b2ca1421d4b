// A policy pack configuration that does not fit a rule's config schema is refused, clearly, wherever it comes from.
//
// Who checks what (Pulumi CLI 3.x, @pulumi/policy 1.x):
//  - the CLI validates the configuration it is given against each policy's configSchema before sending it
//    (pkg/resource/analyzer/config.go: gojsonschema over {type: object, properties, required}): wrong types and
//    missing required keys fail there, but not unknown keys (the schema it builds has no additionalProperties), and
//    not policy names the pack does not have (it validates the pack's policies only);
//  - @pulumi/policy's Configure stores whatever arrives, unchecked.
// So the pack checks its own configuration when a rule runs: an unknown key or a wrong type makes every Analyze /
// AnalyzeStack request that runs the rule fail, with a message naming the policy, the key, what is allowed and what
// it got.
import { strict as assert } from "node:assert";
import { POLICIES } from "../../policypack/rules";
import { AnalyzerClient, AnalyzerResource, PolicyConfig } from "../../tools/lib/analyzer";
import { sharedPack } from "../property/oracle/pack";

const SEED = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "arn:aws:dynamodb:us-west-2:123456789012:table/T" }],
});
const P = "urn:pulumi:dev::kinesis-access::";
const policy: AnalyzerResource = {
    urn: `${P}aws:iam/policy:Policy::seed`,
    type: "aws:iam/policy:Policy",
    name: "seed",
    inputs: { policy: SEED },
};
const stack: AnalyzerResource[] = [{ urn: `${P}pulumi:pulumi:Stack::s`, type: "pulumi:pulumi:Stack", name: "s", inputs: {} }];

async function refusal(call: () => Promise<unknown>): Promise<string> {
    try {
        await call();
    } catch (e) {
        return (e as Error).message;
    }
    throw new Error("the request succeeded");
}

describe("reliability: a policy pack configuration that does not fit the schema is refused clearly", function () {
    this.timeout(120_000);
    let pack: AnalyzerClient;
    before(async () => {
        pack = await sharedPack();
    });
    afterEach(async () => {
        await pack.configure({});
    });

    it("declares a type for every key of every policy, so the Pulumi CLI refuses wrong types before the pack runs", async () => {
        const info = await pack.getAnalyzerInfo();
        assert.equal(info.policies.length, POLICIES.length);
        for (const p of info.policies) {
            for (const [key, s] of Object.entries(p.configSchema?.properties ?? {})) {
                const schema = s as { type?: string; items?: { type?: string } };
                assert.ok(schema.type, `${p.name}.${key} has no type`);
                if (schema.type === "array") assert.ok(schema.items?.type, `${p.name}.${key} has no item type`);
            }
        }
    });

    const accessKey: AnalyzerResource = {
        urn: `${P}aws:iam/accessKey:AccessKey::k`,
        type: "aws:iam/accessKey:AccessKey",
        name: "k",
        inputs: { user: "u" },
    };
    const stream: AnalyzerResource = {
        urn: `${P}aws:kinesis/stream:Stream::s`,
        type: "aws:kinesis/stream:Stream",
        name: "s",
        inputs: { name: "s" },
    };
    const cases: [string, PolicyConfig, RegExp[], AnalyzerResource?][] = [
        [
            "an unknown key",
            { "iam-no-wildcard-actions": { allowedAction: ["dynamodb:*"] } },
            [/iam-no-wildcard-actions/, /unknown key "allowedAction"/, /exemptResources, allowedActions/],
        ],
        [
            "a string for a list",
            { "iam-no-wildcard-actions": { allowedActions: "dynamodb:*" } },
            [/"allowedActions" must be an array of strings, got "dynamodb:\*"/],
        ],
        [
            "a list of numbers",
            { "iam-no-wildcard-resources": { allowedActions: [1, 2] } },
            [/iam-no-wildcard-resources/, /"allowedActions" must be an array of strings, got \[1,2\]/],
        ],
        [
            "a string for a boolean",
            { "iam-policy-document-valid": { requireVersion: "false" } },
            [/"requireVersion" must be a boolean, got "false"/],
        ],
        ["a fraction for an integer", { "iam-policy-size": { managed: 1.5 } }, [/"managed" must be an integer, got 1.5/]],
        ["a number below the minimum", { "iam-policy-size": { inlineRole: 0 } }, [/"inlineRole" must be at least 1, got 0/]],
        // (Rules of one resource type run, and so refuse, on resources of that type.)
        [
            "a name instead of a list of names",
            { "iam-user-no-access-keys": { exemptResources: "k" } },
            [/"exemptResources" must be an array of strings, got "k"/],
            accessKey,
        ],
        [
            "null",
            { "kinesis-stream-encrypted": { requireCustomerManagedKey: null } },
            [/"requireCustomerManagedKey" must be a boolean, got null/],
            stream,
        ],
    ];
    for (const [what, config, expected, resource] of cases) {
        it(`refuses ${what}: Analyze fails, naming the policy, the key, what is allowed and the value`, async () => {
            await pack.configure(config);
            const message = await refusal(() => pack.analyze(resource ?? policy));
            assert.match(message, /invalid configuration for policy "[a-z-]+"/, message);
            for (const re of expected) assert.match(message, re, message);
        });
    }

    it("refuses a bad configuration of the stack policy on AnalyzeStack", async () => {
        await pack.configure({ "kinesis-access-profile-exactness": { extraActions: "kinesis:*" } });
        const message = await refusal(() => pack.analyzeStack(stack));
        assert.match(
            message,
            new RegExp(
                'invalid configuration for policy "kinesis-access-profile-exactness": ' +
                    '"extraActions" must be an array of strings, got "kinesis:\\*"',
            ),
            message,
        );
    });

    it("takes a configuration that fits, and goes back to the defaults", async () => {
        await pack.configure({
            "iam-no-wildcard-actions": { allowedActions: ["dynamodb:*"], exemptResources: [] },
            "iam-policy-size": { managed: 6144 },
        });
        assert.deepEqual(await pack.analyze(policy), []);
        await pack.configure({});
        assert.deepEqual(
            (await pack.analyze(policy)).map((v) => [v.policyName, v.enforcementLevel]),
            [["iam-no-wildcard-actions", "mandatory"]],
        );
    });

    it(
        "cannot see configuration for a policy it does not have (known limitation: neither the CLI nor @pulumi/policy passes " +
            "it on)",
        async () => {
            // A misspelt policy name is kept by the policy server where no rule can read it; the rule keeps its defaults.
            await pack.configure({ "iam-no-wildcard-action": { allowedActions: ["dynamodb:*"] } });
            assert.deepEqual(
                (await pack.analyze(policy)).map((v) => v.policyName),
                ["iam-no-wildcard-actions"],
            );
        },
    );
});
