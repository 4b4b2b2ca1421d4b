import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { lintText, main } from "../../tools/lint-policy";
import { FIXTURES, SEED_000 } from "./helpers";

const seed000 = path.join(FIXTURES, "seed-000-stocktrade-policy.json");
const seed003 = ["seed-003-enable.json", "seed-003-disable.json", "seed-003-music-orders.json"].map((f) =>
    path.join(FIXTURES, f),
);

async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
        argv,
        (s) => out.push(s),
        (s) => err.push(s),
    );
    return { code, out, err };
}

describe("tools/lint-policy", () => {
    it("fails (exit 1) on seed 000's policy, listing its violations per file", async () => {
        const r = await run([seed000, ...seed003]);
        assert.equal(r.code, 1);
        const lint = await lintText(seed000, SEED_000);
        assert.deepEqual(r.out, [
            `${seed000}: 2 violations`,
            ...lint.violations.map((v) => `  [${v.enforcementLevel}] ${v.policy}: ${v.message}`),
            ...seed003.map((f) => `${f}: ok`),
        ]);
        assert.deepEqual(
            lint.violations.map((v) => [v.policy, v.enforcementLevel]),
            [
                ["iam-no-wildcard-actions", "mandatory"],
                ["cloudwatch-putmetricdata-namespace", "advisory"],
            ],
        );
    });

    it("passes (exit 0) seed 003's examples, and writes JSON on request", async () => {
        const r = await run(["--json", ...seed003]);
        assert.equal(r.code, 0);
        assert.deepEqual(
            JSON.parse(r.out.join("\n")),
            seed003.map((file) => ({ file, kind: "managed", violations: [] })),
        );
    });

    it("treats malformed JSON as a mandatory violation, and a Principal as a resource policy", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "lint-policy-"));
        const bad = path.join(dir, "bad.json");
        writeFileSync(bad, '{"Statement": [');
        const pub = path.join(dir, "public.json");
        writeFileSync(
            pub,
            JSON.stringify({
                Statement: {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "kinesis:GetRecords",
                    Resource: "arn:aws:kinesis:us-west-2:123456789012:stream/s",
                },
            }),
        );
        const r = await run(["--json", bad, pub]);
        assert.equal(r.code, 1);
        const results = JSON.parse(r.out.join("\n")) as { file: string; kind: string; violations: { policy: string }[] }[];
        assert.deepEqual(
            results.map((x) => [x.kind, x.violations.map((v) => v.policy)]),
            [
                ["managed", ["iam-policy-document-valid"]],
                ["resource", ["kinesis-resource-policy-not-public"]],
            ],
        );
    });

    it("reads a document of Principals and dynamodb: actions as a DynamoDB resource policy", async () => {
        const open = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "dynamodb:GetItem",
                    Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/Music",
                },
            ],
        });
        const r = await lintText("table.json", open);
        assert.deepEqual(
            [r.kind, r.violations.map((v) => v.policy)],
            ["dynamodb-resource", ["dynamodb-resource-policy-not-public"]],
        );
    });

    it("reads a document of Principals and sts: actions as a trust policy, or as the kind given (#10)", async () => {
        const anyone = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
        });
        const guessed = await lintText("trust.json", anyone);
        assert.deepEqual(
            [guessed.kind, guessed.violations.map((v) => [v.policy, v.enforcementLevel])],
            ["trust", [["iam-trust-policy-not-public", "mandatory"]]],
        );
        const partner = JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123123123123:root" }, Action: "sts:AssumeRole" }],
        });
        assert.deepEqual(
            (await lintText("p.json", partner, "trust")).violations.map((v) => v.policy),
            ["iam-trust-policy-external-id"],
        );
    });

    it("does not guess another service's resource policy to be a Kinesis one: says so, exits 2, lints the rest", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "lint-policy-"));
        // An SQS queue policy (Amazon SQS Developer Guide, sqs-basic-examples-of-sqs-policies): its "Resource" is the
        // queue, and the pack reads no queue policies.
        const sqs = path.join(dir, "queue-policy.json");
        writeFileSync(
            sqs,
            JSON.stringify({
                Version: "2012-10-17",
                Statement: {
                    Effect: "Allow",
                    Principal: { AWS: ["111122223333"] },
                    Action: "sqs:SendMessage",
                    Resource: "arn:aws:sqs:us-east-2:444455556666:queue1",
                },
            }),
        );
        const r = await run([sqs, seed000]);
        assert.equal(r.code, 1, "seed 000's mandatory violations still decide the exit code");
        assert.deepEqual(r.err, [
            `${sqs}: a resource policy of sqs (it names principals); the pack reads only Kinesis and DynamoDB resource ` +
                "policies, KMS key policies and role trust policies, so it cannot judge this one. Give --kind to read it as " +
                "one of those anyway.",
        ]);
        assert.match(r.out[0], /seed-000.*violations/);
        assert.equal((await run([sqs])).code, 2);
        assert.equal((await run(["--kind", "resource", sqs])).code, 0, "read as the kind given");
    });

    it("reads a document of Principals and kms: actions as a key policy: AWS's default key policy passes", async () => {
        // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html: its "Resource": "*" is the
        // key itself, and kms:* for the account lets IAM policies grant the key.
        const key = JSON.stringify({
            Version: "2012-10-17",
            Statement: {
                Sid: "Enable IAM User Permissions",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                Action: "kms:*",
                Resource: "*",
            },
        });
        assert.deepEqual(await lintText("key.json", key), { file: "key.json", kind: "kms-key", violations: [] });
        const open = key.replace('"arn:aws:iam::111122223333:root"', '"*"');
        assert.deepEqual(
            (await lintText("key.json", open)).violations.map((v) => v.policy),
            ["kms-key-policy-not-public"],
        );
    });

    it("exits 2 on usage errors", async () => {
        assert.equal((await run([])).code, 2);
        assert.equal((await run(["--frobnicate", seed000])).code, 2);
        assert.equal((await run(["--kind", "bogus", seed000])).code, 2);
        const missing = await run([path.join(FIXTURES, "no-such-file.json")]);
        assert.equal(missing.code, 2);
        assert.match(missing.err[0], /^cannot read .*no-such-file\.json: ENOENT/);
    });
});
