// The offline plan end to end. Every scenario goes through the CLI's main(argv), stdout and stderr captured, in
// one helper process that starts the real policy pack once (the pack type-checks itself when it starts, as the
// Pulumi CLI has it do, which costs seconds; one start is shared by all scenarios). The real entry point
// (`ts-node tools/plan.ts`, what `npm start` runs) is spawned as well, for its exit code, in parallel.

import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { accessJson, buildAccessMatrix } from "../../tools/lib/matrix";
import { createMocks } from "../../tools/lib/mocks";
import type { CapturedResource, ProgramRun } from "../../tools/lib/program";
import { parseArgs, UsageError } from "../../tools/plan";
import type { PlanJson } from "../../tools/lib/render";
import type { Result, Scenario } from "./support/scenarios";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = "test/fixtures/programs";
const ACCOUNT = "123456789012";
const TS_NODE = path.join(ROOT, "node_modules", ".bin", "ts-node");

interface Proc {
    code: number;
    stdout: string;
    stderr: string;
}

function run(file: string, args: string[]): Promise<Proc> {
    return new Promise((resolve) => {
        const env = { ...process.env };
        delete env.FORCE_COLOR;
        delete env.NO_COLOR;
        execFile(
            TS_NODE,
            ["--transpile-only", file, ...args],
            { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env },
            (err, stdout, stderr) => {
                const code = err
                    ? typeof (err as { code?: unknown }).code === "number"
                        ? (err as { code: number }).code
                        : -1
                    : 0;
                resolve({ code, stdout, stderr });
            },
        );
    });
}

const MERMAID_FILE = path.join(os.tmpdir(), `plan-seed-${process.pid}.mmd`);

// The scenarios that test other things than the type check skip it (it costs seconds on @pulumi/aws's declarations).
const TRANSPILE_ONLY = "--transpile-only";

// Scenarios run by the helper, by name, in this order: those that need no policy verdict first, while the
// helper's pack is still starting.
const SCENARIOS = {
    // The type check, as pulumi preview makes it (fixtures that import only @pulumi/pulumi, so that it is quick).
    typeError: { kind: "cli", argv: ["--program", `${FIXTURES}/type-error`] },
    typeErrorUnchecked: { kind: "cli", argv: ["--program", `${FIXTURES}/type-error`, "--transpile-only", "--preview", "--json"] },
    typed: { kind: "cli", argv: ["--program", `${FIXTURES}/typed`, "--json"] },
    broken: { kind: "cli", argv: [TRANSPILE_ONLY, "--program", `${FIXTURES}/broken`] },
    missingImport: { kind: "cli", argv: [TRANSPILE_ONLY, "--program", `${FIXTURES}/missing-import`, "--json"] },
    empty: { kind: "cli", argv: [TRANSPILE_ONLY, "--program", `${FIXTURES}/empty`] },
    noSuchStack: { kind: "cli", argv: [TRANSPILE_ONLY, "--program", `${FIXTURES}/stacks`, "--stack", "qa"] },
    applyError: { kind: "program", dir: `${FIXTURES}/apply-error`, stack: "dev", preview: true },
    duplicateUrn: { kind: "cli", argv: [TRANSPILE_ONLY, "--program", `${FIXTURES}/duplicate-urn`] },
    stacksDev: { kind: "program", dir: `${FIXTURES}/stacks`, stack: "dev", preview: true },
    stacksProdUp: { kind: "program", dir: `${FIXTURES}/stacks`, stack: "prod", preview: false },
    seedJson: { kind: "cli", argv: [TRANSPILE_ONLY, "--json", "--mermaid", MERMAID_FILE] },
    seedText: { kind: "cli", argv: [TRANSPILE_ONLY] },
    seedProd: { kind: "cli", argv: [TRANSPILE_ONLY, "--stack", "prod", "--json", "--up"] },
    wildcardText: { kind: "cli", argv: [TRANSPILE_ONLY, "--program", `${FIXTURES}/wildcard-admin`] },
    wildcardPreview: { kind: "cli", argv: [TRANSPILE_ONLY, "--program", `${FIXTURES}/wildcard-admin`, "--preview", "--json"] },
    wildcardJson: { kind: "cli", argv: [TRANSPILE_ONLY, "--program", `${FIXTURES}/wildcard-admin`, "--json"] },
    kmsStreaming: { kind: "program", dir: `${FIXTURES}/kms-streaming`, stack: "dev", preview: false },
    badPackConfig: {
        kind: "cli",
        argv: [
            TRANSPILE_ONLY,
            "--program",
            `${FIXTURES}/wildcard-admin`,
            "--preview",
            "--policy-pack-config",
            "test/fixtures/pack-config/bad-type.json",
        ],
    },
    // Last: it configures the pack all scenarios share.
    packConfig: {
        kind: "cli",
        argv: [
            TRANSPILE_ONLY,
            "--program",
            `${FIXTURES}/wildcard-admin`,
            "--json",
            "--policy-pack-config",
            "test/fixtures/pack-config/wildcard-allowed.json",
        ],
    },
} satisfies Record<string, Scenario>;
type Name = keyof typeof SCENARIOS;

describe("tools/plan (offline plan, end to end)", function () {
    this.timeout(120_000);
    const mermaidFile = MERMAID_FILE;
    let seed: Proc;
    let entry: Proc;
    let seedJson: PlanJson;
    const results = {} as Record<Name, Result & Partial<Proc>>;
    const cli = (n: Name) => results[n] as unknown as Proc;
    const json = (n: Name) => JSON.parse(cli(n).stdout) as PlanJson;
    const program = (n: Name) => {
        const r = results[n] as { run?: ProgramRun; error?: string };
        assert.ok(r.run, `${n} failed: ${r.error}`);
        return r.run;
    };

    // Started when mocha loads this file, not in before(): the helper then works (mostly the pack's start-up
    // type-check) on the second core while the other spec files run, instead of after them.
    const names = Object.keys(SCENARIOS) as Name[];
    const running = Promise.all([
        run("tools/plan.ts", ["--stack", "dev", "--bogus"]),
        run("test/tools/support/scenarios.ts", [JSON.stringify(names.map((n) => SCENARIOS[n]))]),
    ]);

    before(async () => {
        const [real, helper] = await running;
        entry = real;
        assert.strictEqual(helper.code, 0, helper.stderr);
        const out = JSON.parse(helper.stdout) as Result[];
        names.forEach((n, i) => {
            const r = out[i];
            results[n] = "exitCode" in r ? { ...r, code: r.exitCode } : r;
        });
        seed = cli("seedJson");
        assert.strictEqual(seed.code, 0, seed.stderr);
        seedJson = JSON.parse(seed.stdout);
    });
    after(() => fs.rmSync(mermaidFile, { force: true }));

    describe("the seed scenario (npm start -- --json)", () => {
        const user = `arn:aws:iam::${ACCOUNT}:user/StockTradeStreamUser`;
        const stream = `arn:aws:kinesis:us-west-2:${ACCOUNT}:stream/StockTradeStream`;
        const leaseTable = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/StockTradesProcessor`;

        it("writes exactly one JSON document with the documented shape on stdout", () => {
            assert.deepStrictEqual(Object.keys(seedJson), [
                "phases",
                "inputsPhase",
                "exitCode",
                "warnings",
                "resources",
                "access",
                "violations",
            ]);
            assert.deepStrictEqual(
                [seedJson.phases, seedJson.inputsPhase, seedJson.exitCode, seedJson.warnings],
                [["preview", "update"], "update", 0, []],
            );
            for (const r of seedJson.resources) {
                assert.deepStrictEqual(Object.keys(r).sort(), ["inputs", "name", "parent", "type", "urn"]);
                assert.ok(r.urn.startsWith("urn:pulumi:dev::kinesis-access::"));
                assert.ok(r.type === "pulumi:pulumi:Stack" ? r.parent === null : typeof r.parent === "string", r.urn);
            }
            for (const a of seedJson.access) {
                assert.deepStrictEqual(Object.keys(a).sort(), [
                    "actions",
                    "conditions",
                    "effect",
                    "principal",
                    "resources",
                    "via",
                ]);
                assert.ok(
                    a.via.length > 0 && a.via.every((v) => seedJson.resources.some((r) => r.urn === v.urn)),
                    JSON.stringify(a.via),
                );
                assert.ok(a.effect === "Allow" || a.effect === "Deny");
                assert.ok(Array.isArray(a.actions) && Array.isArray(a.resources));
            }
            for (const v of seedJson.violations)
                assert.deepStrictEqual(Object.keys(v).sort(), ["enforcementLevel", "message", "phases", "policy", "urn"]);
        });

        it("registers the seed's stream, application, user, tables and table streaming under their components", () => {
            const find = (type: string, name: string) => seedJson.resources.find((r) => r.type === type && r.name === name);
            const byUrn = (urn: string | null) => seedJson.resources.find((r) => r.urn === urn);
            const s = seedJson.resources.find((r) => r.type === "aws:kinesis/stream:Stream");
            assert.strictEqual(s?.inputs.name, "StockTradeStream");
            assert.strictEqual(byUrn(s!.parent)?.type, "kinesis-access:index:KinesisStream");
            const u = seedJson.resources.find((r) => r.type === "aws:iam/user:User");
            assert.strictEqual(u?.inputs.name, "StockTradeStreamUser");
            assert.strictEqual(byUrn(u!.parent)?.type, "kinesis-access:index:StreamApplication");
            assert.ok(find("kinesis-access:index:StreamApplication", "StockTradesProcessor"));
            for (const t of ["Music", "Orders"]) {
                assert.ok(
                    seedJson.resources.some((r) => r.type === "aws:dynamodb/table:Table" && r.inputs.name === t),
                    t,
                );
                assert.ok(find("kinesis-access:index:TableKinesisStreaming", t), t);
            }
        });

        it("grants StockTradeStreamUser the seed's 13 actions plus ListShards (KCL 1.9+), each on its ARN", () => {
            const rows = seedJson.access.filter((a) => a.principal === user);
            assert.ok(rows.every((r) => r.effect === "Allow"));
            const granted = rows.flatMap((r) => r.actions.flatMap((a) => r.resources.map((res) => `${a} ${res}`))).sort();
            const expected = [
                ...["DescribeStream", "GetRecords", "GetShardIterator", "ListShards", "PutRecord", "PutRecords"].map(
                    (a) => `kinesis:${a} ${stream}`,
                ),
                ...["CreateTable", "DeleteItem", "DescribeTable", "GetItem", "PutItem", "Scan", "UpdateItem"].map(
                    (a) => `dynamodb:${a} ${leaseTable}`,
                ),
                "cloudwatch:PutMetricData *",
            ].sort();
            assert.deepStrictEqual(granted, expected);
            assert.strictEqual(new Set(rows.flatMap((r) => r.actions)).size, 14);
        });

        it("shows seed 003: enable and describe on Music allowed, disable on Orders denied", () => {
            const music = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/Music`;
            const orders = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/Orders`;
            const on = (res: string, effect: string) =>
                seedJson.access.filter((a) => a.effect === effect && a.resources.includes(res)).flatMap((a) => a.actions);
            assert.deepStrictEqual(on(music, "Allow").sort(), [
                "dynamodb:DescribeKinesisStreamingDestination",
                "dynamodb:EnableKinesisStreamingDestination",
            ]);
            assert.deepStrictEqual(on(orders, "Deny"), ["dynamodb:DisableKinesisStreamingDestination"]);
            assert.deepStrictEqual(on(orders, "Allow"), []);
        });

        it("has no mandatory violation", () => {
            assert.deepStrictEqual(
                seedJson.violations.filter((v) => v.enforcementLevel === "mandatory"),
                [],
            );
        });

        it("shows resource inputs as of the last phase (update): the policy documents are known", () => {
            const policies = seedJson.resources.filter((r) => r.type === "aws:iam/policy:Policy");
            assert.strictEqual(policies.length, 4);
            for (const p of policies) assert.strictEqual(JSON.parse(p.inputs.policy as string).Version, "2012-10-17", p.name);
            const via = seedJson.access
                .find((a) => a.principal === user && a.resources.includes(stream))
                ?.via.map((v) => v.policy);
            assert.deepStrictEqual(via, [
                "policy StockTradesProcessor-consumer-b3a7dc6",
                "policy StockTradesProcessor-producer-6921bb8",
            ]);
        });

        it("never prints the access key's secret", () => {
            const secret = createMocks({
                region: "us-west-2",
                preview: false,
                stack: "dev",
                project: "kinesis-access",
            }).newResource({
                type: "aws:iam/accessKey:AccessKey",
                name: "StockTradesProcessor-key",
                inputs: { user: "StockTradeStreamUser" },
                custom: true,
            }).state.secret as string;
            assert.strictEqual(secret.length, 40);
            for (const text of [seed.stdout, seed.stderr, cli("seedText").stdout, cli("seedText").stderr])
                assert.ok(!text.includes(secret));
            assert.match(cli("seedText").stdout, /secretAccessKey\s*: \[secret\]/);
        });

        it("writes a Mermaid flowchart of principals, streams and tables", () => {
            const m = fs.readFileSync(mermaidFile, "utf8");
            assert.match(m, /^flowchart LR/);
            assert.match(m, /\(\["user StockTradeStreamUser"\]\)/);
            assert.match(m, /\[\["stream StockTradeStream"\]\]/);
            assert.match(m, /\[\("table Music"\)\]/);
            assert.match(m, /-\. "DENY dynamodb: DisableKinesisStreamingDestination" \.->/);
        });

        it("is the diagram the README embeds for the seed scenario", () => {
            const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
            const embedded = /```mermaid\n([\s\S]*?)```/.exec(readme)?.[1];
            assert.equal(
                embedded?.trim(),
                fs.readFileSync(mermaidFile, "utf8").trim(),
                "regenerate with: npm start -- --mermaid seed.mmd",
            );
        });
    });

    describe("text output", () => {
        it("prints the tree, the matrix, the verdicts and a summary, without colour off a terminal", () => {
            const r = cli("seedText");
            assert.strictEqual(r.code, 0, r.stderr);
            const t = r.stdout;
            const at = (s: string) => t.indexOf(s);
            for (const s of ["pulumi:pulumi:Stack", "Access matrix", "Policy verdicts", "Summary:"]) assert.ok(at(s) >= 0, s);
            assert.ok(
                at("pulumi:pulumi:Stack") < at("Access matrix") &&
                    at("Access matrix") < at("Policy verdicts") &&
                    at("Policy verdicts") < at("Summary:"),
            );
            assert.match(t, /├─ kinesis-access:index:StreamApplication\s+StockTradesProcessor/);
            assert.match(t, /│ {2}├─ aws:iam\/user:User\s+StockTradesProcessor/);
            assert.match(t, /user StockTradeStreamUser/);
            assert.match(t, /Deny\s+arn:aws:dynamodb:us-west-2:123456789012:table\/Orders/);
            assert.match(t.trimEnd().split("\n").pop()!, /^Summary: .* 0 mandatory violations.* would pass/);
            assert.ok(!t.includes("\u001b["));
        });
    });

    describe("policy violations", () => {
        it("refuses kinesis:* and AdministratorAccess, naming both, with exit code 1", () => {
            const r = cli("wildcardText");
            assert.strictEqual(r.code, 1, r.stderr);
            const mandatory = r.stdout.slice(
                r.stdout.indexOf("mandatory ("),
                r.stdout.search(/\n {2}(advisory|remediate) \(|\n\nSummary/),
            );
            assert.match(mandatory, /aws:iam\/userPolicy:UserPolicy\s+everything[\s\S]*kinesis:\*/);
            assert.match(mandatory, /aws:iam\/userPolicyAttachment:UserPolicyAttachment\s+admin[\s\S]*AdministratorAccess/);
            assert.match(r.stdout, /Summary: .*would be refused/);
        });

        it("puts the exit code and the phases each violation was found in into the JSON document", () => {
            const j = json("wildcardJson");
            assert.strictEqual(cli("wildcardJson").code, 1);
            assert.strictEqual(j.exitCode, 1);
            const everything = j.violations.find((v) => v.policy === "iam-no-wildcard-actions" && v.urn.endsWith("::everything"));
            assert.deepStrictEqual(everything?.phases, ["update"]);
            assert.match(everything!.message, /which expands to 47 actions: kinesis:AddTagsToStream, /);
        });

        it("shows a wildcard's expansion as its count and the few actions that matter", () => {
            const t = cli("wildcardText").stdout.replace(/\n {8}/g, " ");
            assert.match(
                t,
                new RegExp(
                    // A lone kinesis:* says nothing of the workload: no profile is suggested, so none of them is listed.
                    "which expands to 47 actions, all 47 of them unlisted: kinesis:DeleteChannel, kinesis:DeleteResourcePolicy, ",
                ),
            );
            assert.match(t, /kinesis:RemoveTagsFromStream, and 42 more \(--json lists them all\)\./);
            assert.doesNotMatch(t, /kinesis:AddTagsToStream/);
        });

        it("judges at preview what is known then, and the rest at update", () => {
            const mandatoryOn = (n: Name) =>
                json(n)
                    .violations.filter((v) => v.enforcementLevel === "mandatory")
                    .map((v) => v.urn.split("::").pop())
                    .sort();
            // The wildcard document uses the stream's ARN: unknown at preview, so only the attachment is judged.
            assert.strictEqual(cli("wildcardPreview").code, 1);
            assert.deepStrictEqual([...new Set(mandatoryOn("wildcardPreview"))], ["admin"]);
            assert.deepStrictEqual(
                json("wildcardPreview").resources.find((r) => r.name === "everything")?.inputs.policy,
                "[unknown]",
            );
            // What the program printed went to stderr: stdout held only the document (json() parsed all of it).
            assert.match(cli("wildcardPreview").stderr, /wildcard-admin: registered a stream/);
            // The default runs both phases: the update finds the wildcard too.
            assert.match(cli("wildcardText").stdout, /iam\/userPolicy:UserPolicy\s+everything\s+\[found at update\]/);
            assert.doesNotMatch(cli("wildcardText").stdout, /admin\s+\[found at update\]/);
        });
    });

    describe("errors (exit code 2, one line)", () => {
        const oneLine = (n: Name, re: RegExp) => {
            const r = cli(n);
            assert.strictEqual(r.code, 2, r.stdout + r.stderr);
            assert.strictEqual(r.stdout, "");
            const lines = r.stderr.trim().split("\n");
            assert.strictEqual(lines.length, 1, r.stderr);
            assert.match(lines[0], re);
        };
        it("a program that does not type-check, as pulumi preview refuses it: file:line:col and tsc's text", () =>
            oneLine(
                "typeError",
                new RegExp(
                    "^error: program does not type-check: test/fixtures/programs/type-error/index\\.ts:13:31 - error TS2550: " +
                        "Property 'hasOwn' does not exist on type 'ObjectConstructor'\\. Do you need to change your target " +
                        "library\\? " +
                        "Try changing the 'lib' compiler option to 'es2022' or later\\.$",
                ),
            ));
        it("--transpile-only runs it anyway", () => {
            const r = cli("typeErrorUnchecked");
            assert.strictEqual(r.code, 0, r.stderr);
            assert.deepStrictEqual(json("typeErrorUnchecked").resources.find((x) => x.name === "trades")?.inputs, {
                name: "trades",
                shardCount: 2,
            });
        });
        it("a program that type-checks runs with the check on", () => {
            assert.strictEqual(cli("typed").code, 0, cli("typed").stderr);
            assert.ok(json("typed").resources.some((x) => x.type === "aws:kinesis/stream:Stream"));
        });
        it("a program that throws", () =>
            oneLine(
                "broken",
                new RegExp(
                    '^error: program failed: no stream configured for environment "qa" ' +
                        "\\(test\\/fixtures\\/programs\\/broken\\/index\\.ts:7\\)$",
                ),
            ));
        it("a program that imports something missing", () =>
            oneLine("missingImport", /^error: program imports a module that cannot be found: \.\/does-not-exist/));
        it("a program that registers nothing", () => oneLine("empty", /^error: program registered no resources/));
        it("a validation error thrown in a component's apply, at once rather than after the 60 s registration timeout", () => {
            const r = results.applyError as { error?: string; ms: number };
            const key = 'KinesisStream "trades": invalid encryption.kmsKeyArn = "not-a-key"';
            const allowed = 'allowed: a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>) or "alias/aws/kinesis"';
            assert.strictEqual(
                r.error,
                `program failed: ValidationError: error serializing property "kmsKeyId": ${key}; ${allowed}`,
            );
            assert.ok(r.ms < 20_000, `reported after ${r.ms} ms`);
        });
        it("two resources with one URN, as the engine refuses them", () =>
            oneLine(
                "duplicateUrn",
                new RegExp(
                    "^error: Duplicate resource URN " +
                        "'urn:pulumi:dev::duplicate-urn::aws:kinesis\\/stream:Stream::trades'; try " +
                        "giving it a unique name$",
                ),
            ));
        it("a stack that does not exist", () =>
            oneLine("noSuchStack", /^error: no stack "qa": .*Pulumi\.qa\.yaml does not exist \(stacks here: dev, prod\)$/));
        it("an unknown option (the real entry point, as npm start runs it)", () => {
            assert.strictEqual(entry.code, 2);
            assert.strictEqual(entry.stdout, "");
            assert.match(entry.stderr, /^error: unknown option --bogus\n/);
        });
        it("parses its options", () => {
            assert.deepStrictEqual(parseArgs(["--stack=prod", "--up"]).phases, ["update"]);
            assert.strictEqual(parseArgs(["--stack=prod"]).stack, "prod");
            assert.deepStrictEqual(parseArgs([]).phases, ["preview", "update"]);
            assert.throws(() => parseArgs(["--up", "--preview"]), UsageError);
            assert.throws(() => parseArgs(["--stack"]), /--stack needs a value/);
            assert.throws(() => parseArgs(["--stack", "../x"]), /not a valid stack name/);
            assert.throws(() => parseArgs(["some/dir"]), /unexpected argument "some\/dir"/);
        });
    });

    describe("--policy-pack-config (as pulumi preview --policy-pack-config)", () => {
        it("sends the levels and options to the pack: kinesis:* allowed, admin policies disabled, the rest advisory", () => {
            const j = json("packConfig");
            assert.strictEqual(cli("packConfig").code, 1, cli("packConfig").stderr);
            const found = j.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn.split("::").pop()}`);
            assert.deepStrictEqual(found, [
                "mandatory iam-no-wildcard-actions admin",
                "advisory cloudwatch-putmetricdata-namespace admin",
                "advisory iam-no-passrole-wildcard admin",
                "advisory iam-no-wildcard-resources admin",
                "advisory iam-service-linked-role-scoped admin",
            ]);
            assert.deepStrictEqual(j.warnings, [
                '--policy-pack-config: "no-such-policy" is not a policy of kinesis-least-privilege (ignored, as pulumi ' +
                    "preview ignores it)",
            ]);
        });

        it("shows the pack's schema errors as the CLI shows them (exit 2)", () => {
            const r = cli("badPackConfig");
            assert.strictEqual(r.code, 2);
            assert.doesNotMatch(r.stdout, /Policy verdicts/);
            const expected =
                "error: validating policy config: kinesis-least-privilege 0.1.0  iam-no-wildcard-actions: allowedActions: " +
                "Invalid type. Expected: array, given: string";
            assert.deepStrictEqual(
                r.stderr.split("\n").filter((l) => l.startsWith("error:")),
                [expected],
            );
        });
    });

    describe("stacks", () => {
        it("--stack prod reads Pulumi.prod.yaml: the seed's prod stack differs from dev where its config does", () => {
            const prod = json("seedProd");
            assert.ok([0, 1].includes(cli("seedProd").code), cli("seedProd").stderr);
            const streamOf = (j: PlanJson) => j.resources.find((r) => r.type === "aws:kinesis/stream:Stream")!;
            assert.strictEqual(streamOf(seedJson).inputs.retentionPeriod, 24);
            assert.strictEqual(streamOf(prod).inputs.retentionPeriod, 168);
            assert.ok(prod.resources.every((r) => r.urn.startsWith("urn:pulumi:prod::kinesis-access::")));
            assert.ok(
                prod.access.some((a) => a.resources.some((x) => x.startsWith(`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/`))),
                "prod is in us-east-1",
            );
            assert.ok(
                !prod.access.some((a) => a.principal.endsWith(":user/StockTradeStreamUser")),
                "prod uses a role, not the tutorial's user",
            );
        });

        it("hands the program its stack's config (with project defaults) and region", () => {
            const dev = program("stacksDev");
            const prod = program("stacksProdUp");
            assert.deepStrictEqual(dev.config, {
                "stacks-fixture:retentionHours": "24",
                "aws:region": "us-east-1",
                "stacks-fixture:streamName": "trades-dev",
                "stacks-fixture:shards": "1",
            });
            assert.strictEqual(prod.config["stacks-fixture:retentionHours"], "168");
            const stream = (r: ProgramRun) => r.resources.find((x) => x.type === "aws:kinesis/stream:Stream")!;
            assert.deepStrictEqual(stream(dev).inputs, { name: "trades-dev", shardCount: 1, retentionPeriod: 24 });
            assert.deepStrictEqual(stream(prod).inputs, { name: "trades-prod", shardCount: 4, retentionPeriod: 168 });
            assert.strictEqual(prod.outputs.streamArn, `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/trades-prod`);
        });
    });

    describe("access matrix of the components", () => {
        it("shows the KMS grant a table's streaming gives DynamoDB's service-linked role, and roles with their paths", () => {
            const run = program("kmsStreaming");
            const m = buildAccessMatrix(run.resources, { partition: "aws", account: ACCOUNT });
            const slr =
                `arn:aws:iam::${ACCOUNT}:role/aws-service-role/kinesisreplication.dynamodb.amazonaws.com/` +
                `AWSServiceRoleForDynamoDBKinesisDataStreamsReplication`;
            const grant = run.resources.find((r) => r.type === "aws:kms/grant:Grant")!;
            assert.deepStrictEqual(
                accessJson(m).filter((a) => a.principal === slr),
                [
                    {
                        principal: slr,
                        effect: "Allow",
                        actions: ["kms:GenerateDataKey"],
                        resources: [`arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
                        conditions: null,
                        via: [{ policy: "KMS grant orders-replication-key", urn: grant.urn }],
                    },
                ],
            );
            assert.ok(m.principals.some((p) => p.kind === "role" && p.name === "ops/oncall"));
        });
    });

    describe("capture (tools/lib/program)", () => {
        const find = (r: ProgramRun, type: string): CapturedResource => r.resources.find((x) => x.type === type)!;

        it("records parents, URNs qualified by the parent's type, and options", () => {
            const dev = program("stacksDev");
            const stackUrn = "urn:pulumi:dev::stacks-fixture::pulumi:pulumi:Stack::stacks-fixture-dev";
            const comp = find(dev, "fixture:index:Pipeline");
            assert.strictEqual(comp.urn, "urn:pulumi:dev::stacks-fixture::fixture:index:Pipeline::pipeline");
            assert.strictEqual(comp.parent, stackUrn);
            const stream = find(dev, "aws:kinesis/stream:Stream");
            assert.strictEqual(
                stream.urn,
                "urn:pulumi:dev::stacks-fixture::fixture:index:Pipeline$aws:kinesis/stream:Stream::stream",
            );
            assert.strictEqual(stream.parent, comp.urn);
            assert.strictEqual(stream.options.protect, true);
            assert.strictEqual(stream.options.retainOnDelete, true);
            const att = find(dev, "aws:iam/userPolicyAttachment:UserPolicyAttachment");
            assert.ok(att.options.dependsOn.includes(stream.urn), "explicit dependsOn");
            assert.deepStrictEqual(att.propertyDependencies.policyArn, [find(dev, "aws:iam/policy:Policy").urn]);
            assert.deepStrictEqual(att.propertyDependencies.user, [find(dev, "aws:iam/user:User").urn]);
        });

        it("shows unknowns at preview as a placeholder (the wire sentinel for the pack) and autonames as known", () => {
            const dev = program("stacksDev");
            const policy = find(dev, "aws:iam/policy:Policy");
            assert.strictEqual(policy.inputs.policy, "[unknown]");
            assert.strictEqual(policy.wireInputs.policy, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
            assert.match(String(find(dev, "aws:iam/user:User").inputs.name), /^writer-[0-9a-f]{7}$/);
            assert.strictEqual(dev.outputs.streamArn, "[unknown]");
        });

        it("marks additionalSecretOutputs secret: the access key's secret is [secret], its id is not", () => {
            const prod = program("stacksProdUp");
            const key = find(prod, "aws:iam/accessKey:AccessKey");
            assert.deepStrictEqual(key.options.additionalSecretOutputs, ["secret", "sesSmtpPasswordV4"]);
            assert.strictEqual(key.outputs?.secret, "[secret]");
            assert.strictEqual(prod.outputs.secretAccessKey, "[secret]");
            assert.match(String(prod.outputs.accessKeyId), /^AKIA[A-Z2-7]{16}$/);
        });
    });
});
