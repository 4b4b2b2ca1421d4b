// The documented disagreements with the oracles (docs/oracle-exceptions.md), each pinned on examples: what the
// oracle answers, what the pack answers, and that the pack's verdict stays on the safe side. If an oracle or the
// pack changes its mind, this fails and the document must change with it.
import { strict as assert } from "node:assert";
import { expandIamActions } from "@cloud-copilot/iam-expand";
import { expandAction } from "../../policypack/iam";
import { checkUnknownActions } from "../../policypack/rules";
import { doc } from "../policypack/helpers";
import { oracleDecision, OracleResult, packDecision } from "./oracle/evaluate";
import { expandRewrites, regexCharacters, shortArn, wildcardInResourceType, wildcardInService } from "./oracle/exceptions";
import { mandatoryVerdict } from "./oracle/run";

const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const statement = (s: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...s }] });
const decision = (r: OracleResult) => ("error" in r ? `error: ${r.error}` : r.decision);
/** Mandatory rules refusing Statement[0]. */
const refusedBy = async (d: object) => [...((await mandatoryVerdict(d, "managed")).byStatement.get(0) ?? [])].sort();

describe("documented exceptions to oracle agreement (docs/oracle-exceptions.md)", () => {
    it(
        "E1: a wildcard in the resource type: the oracle compares it " + "literally, the pack reads a wildcard (and refuses it)",
        async () => {
            for (const r of [
                "arn:aws:kinesis:us-west-2:123456789012:st*am/S",
                "arn:aws:kinesis:us-west-2:123456789012:?tream/S",
                "arn:aws:kinesis:us-west-2:123456789012:*/S",
            ]) {
                assert.ok(wildcardInResourceType(r), r);
                const d = statement({ Action: "kinesis:PutRecord", Resource: r });
                assert.equal(decision(await oracleDecision(d, "kinesis:PutRecord", STREAM)), "ImplicitlyDenied", r);
                assert.equal(packDecision(d, "kinesis:PutRecord", STREAM), "Allowed", r);
                // On the safe side: the pack refuses it as a wildcard resource.
                assert.deepEqual(await refusedBy(d), ["iam-no-wildcard-resources"], r);
            }
            assert.ok(
                !wildcardInResourceType("arn:aws:kinesis:us-west-2:123456789012:stream/S*") &&
                    !wildcardInResourceType("arn:aws:kinesis:*:*:stream/S"),
            );
        },
    );

    it(
        "E2: a short ARN in NotResource that does not match: the oracle does not apply the statement, the pack does (and " +
            "refuses it)",
        async () => {
            for (const r of ["arn:aws:iam", "arn:aws:iam*", "arn:aws:dynamodb:us-west-2:123456789012"]) {
                assert.ok(shortArn(r), r);
                const d = statement({ Action: "kinesis:PutRecord", NotResource: r });
                assert.equal(decision(await oracleDecision(d, "kinesis:PutRecord", STREAM)), "ImplicitlyDenied", r);
                assert.equal(packDecision(d, "kinesis:PutRecord", STREAM), "Allowed", r);
                assert.ok((await refusedBy(d)).includes("iam-no-allow-not-action"), r);
            }
            // In Resource both read a short ARN with the missing fields as "*" (fixed in the pack: regressions.spec).
            const d = statement({ Action: "kinesis:PutRecord", Resource: "arn:aws:kinesis" });
            assert.equal(decision(await oracleDecision(d, "kinesis:PutRecord", STREAM)), "Allowed");
            assert.equal(packDecision(d, "kinesis:PutRecord", STREAM), "Allowed");
        },
    );

    it(
        "E3: a wildcard in the service part: IAM's validator and iam-simulate refuse the document, iam-expand knows no such " +
            "service; the pack expands it and refuses it",
        async () => {
            for (const a of ["kin*:PutRecord", "*:Get*", "kinesis*", "**", "k?nesis:PutRecord"]) {
                assert.ok(wildcardInService(a), a);
                const d = statement({ Action: a, Resource: STREAM });
                assert.match(decision(await oracleDecision(d, "kinesis:PutRecord", STREAM)), /^error: .*Action/, a);
                assert.deepEqual(await expandIamActions(a), a === "**" ? ["*"] : [], a);
                assert.ok((await refusedBy(d)).includes("iam-no-wildcard-actions"), a);
            }
            const x = await expandAction("kin*:PutRecord");
            assert.deepEqual(
                x.actions.map((a) => a.id),
                ["kinesis:PutRecord"],
            );
            assert.equal((await expandAction("*:Get*")).allServices, true);
        },
    );

    it(
        "E4: iam-expand trims white space and unescapes \\uXXXX; IAM, " + "iam-simulate and the pack take the text as given",
        async () => {
            for (const a of [" kinesis:PutRecord", "kinesis:Put* ", "kinesis:Put\\u002a"]) {
                assert.ok(expandRewrites(a), a);
                assert.ok((await expandIamActions(a)).length > 0, a);
                assert.deepEqual((await expandAction(a)).actions, [], a);
                // iam-simulate matches white space as given (no match) and refuses a backslash in an action.
                assert.match(
                    decision(await oracleDecision(statement({ Action: a, Resource: STREAM }), "kinesis:PutRecord", STREAM)),
                    a.includes("\\") ? /^error: .*Action can only contain/ : /^ImplicitlyDenied$/,
                    a,
                );
                assert.equal((await checkUnknownActions(doc(statement({ Action: a, Resource: STREAM })))).length, 1, a);
            }
        },
    );

    it("E5: iam-expand does not escape regular-expression characters; IAM and the pack take them literally", async () => {
        assert.ok(regexCharacters("kinesis:Put.ecord*"));
        assert.deepEqual(await expandIamActions("kinesis:Put.ecord*"), ["kinesis:PutRecord", "kinesis:PutRecords"]);
        assert.deepEqual((await expandAction("kinesis:Put.ecord*")).actions, []);
        // (iam-simulate refuses the character in an action.)
        assert.match(
            decision(
                await oracleDecision(statement({ Action: "kinesis:Put.ecord*", Resource: STREAM }), "kinesis:PutRecord", STREAM),
            ),
            /^error: .*Action can only contain/,
        );
        await assert.rejects(expandIamActions("kinesis:Put(*"), SyntaxError);
        assert.deepEqual((await expandAction("kinesis:Put(*")).actions, []);
    });

    it(
        "scope: conditions are set aside (Discovery), so a conditional Deny may " +
            "not apply; the pack's rules never rely on a Deny",
        async () => {
            const d = {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "kinesis:PutRecord", Resource: STREAM },
                    {
                        Effect: "Deny",
                        Action: "kinesis:*",
                        Resource: "*",
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            };
            assert.equal(decision(await oracleDecision(d, "kinesis:PutRecord", STREAM)), "Allowed");
            assert.equal(packDecision(d, "kinesis:PutRecord", STREAM), "Allowed");
            assert.deepEqual(
                doc(d).statements.map((s) => s.effect),
                ["Allow", "Deny"],
            );
        },
    );
});
