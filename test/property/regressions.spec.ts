// Disagreements the property suites found between the pack and the independent evaluators, fixed in the pack and
// pinned here with the evaluator's own answer, so that neither side can drift back unnoticed.
import { strict as assert } from "node:assert";
import { documentSources, hasDocuments, resourceMatches } from "../../policypack/iam";
import {
    checkAdminPolicies,
    checkDocumentValid,
    checkPassRole,
    checkProfileExactness,
    checkWildcardResources,
} from "../../policypack/rules";
import { doc, source } from "../policypack/helpers";
import { OracleResult, oracleDecision, packDecision } from "./oracle/evaluate";

const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/StockTradeStream";
const allow = (action: string, resource: string) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: action, Resource: resource }],
});

const decisionOf = (r: OracleResult) => ("error" in r ? r.error : r.decision);

/** The pack and iam-simulate give the same answer for this request under this document. */
async function bothSay(document: ReturnType<typeof allow>, action: string, resource: string, expected: string): Promise<void> {
    assert.equal(decisionOf(await oracleDecision(document, action, resource)), expected, "iam-simulate");
    assert.equal(packDecision(document, action, resource), expected, "pack");
}

describe("regressions found by the oracle properties", () => {
    describe("ARNs as IAM reads them: missing trailing fields are wildcards, the first five fields ignore case", () => {
        it("a short ARN covers every resource below it, and is refused as a wildcard resource", async () => {
            await bothSay(
                allow("kinesis:PutRecord", "arn:aws:kinesis:us-west-2:123456789012"),
                "kinesis:PutRecord",
                STREAM,
                "Allowed",
            );
            await bothSay(allow("kinesis:PutRecord", "arn:aws:kinesis"), "kinesis:PutRecord", STREAM, "Allowed");
            const refused = await checkWildcardResources(
                doc(allow("kinesis:PutRecord", "arn:aws:kinesis:us-west-2:123456789012")),
            );
            assert.deepEqual(
                refused.map((f) => f.details),
                [{ statement: 0, resource: "arn:aws:kinesis:us-west-2:123456789012", actions: ["kinesis:PutRecord"] }],
            );
            assert.equal(checkPassRole(doc(allow("iam:PassRole", "arn:aws:iam"))).length, 1);
        });

        it("the partition, service, region and account fields match whatever their case", async () => {
            await bothSay(
                allow("kinesis:PutRecord", "arn:AWS:Kinesis:US-West-2:123456789012:stream/StockTradeStream"),
                "kinesis:PutRecord",
                STREAM,
                "Allowed",
            );
            // The resource part keeps its case: stream names are case-sensitive.
            await bothSay(
                allow("kinesis:PutRecord", "arn:aws:kinesis:us-west-2:123456789012:stream/stocktradestream"),
                "kinesis:PutRecord",
                STREAM,
                "ImplicitlyDenied",
            );
            const refused = await checkWildcardResources(
                doc(allow("kinesis:PutRecord", "arn:aws:Kinesis:us-west-2:123456789012:stream/*")),
            );
            assert.deepEqual(
                refused.map((f) => f.details),
                [{ statement: 0, resource: "arn:aws:Kinesis:us-west-2:123456789012:stream/*", actions: ["kinesis:PutRecord"] }],
            );
        });

        it("a wildcard in the partition, service, region or account field stays within that field", async () => {
            // The `*` is the service field, so the next field is the region: 123456789012 is no region.
            await bothSay(
                allow("kinesis:PutRecord", "arn:aws:*:123456789012:stream/StockTradeStream"),
                "kinesis:PutRecord",
                STREAM,
                "ImplicitlyDenied",
            );
            await bothSay(
                allow("kinesis:PutRecord", "arn:aws:kinesis:us-*:123456789012:stream/StockTradeStream"),
                "kinesis:PutRecord",
                STREAM,
                "Allowed",
            );
            await bothSay(
                allow("kinesis:PutRecord", "arn:aws:kinesis:us-west-2?123456789012:stream/StockTradeStream"),
                "kinesis:PutRecord",
                STREAM,
                "ImplicitlyDenied",
            );
            // In the resource part wildcards cross colons and slashes.
            assert.equal(
                resourceMatches(
                    "arn:aws:kinesis:*:*:stream/S/consumer/*",
                    "arn:aws:kinesis:us-west-2:123456789012:stream/S/consumer/c:1700000000",
                ),
                true,
            );
        });
    });

    it(
        'a resource that is neither "*" nor an ARN is an invalid document (IAM refuses it; iam-simulate reads "?" as every ' +
            "resource)",
        async () => {
            // What the oracle makes of it: "?" grants kinesis:PutRecord on the stream, though "?" matches no ARN.
            assert.equal(
                decisionOf(await oracleDecision(allow("kinesis:PutRecord", "?"), "kinesis:PutRecord", STREAM)),
                "Allowed",
            );
            for (const r of ["?", "??", "*x", "stream/StockTradeStream", "", ":aws:kinesis:us-west-2:123456789012:stream/S"]) {
                const found = await checkDocumentValid(source(allow("kinesis:PutRecord", r)));
                assert.deepEqual(
                    found.map((f) => f.details),
                    [
                        {
                            error:
                                `Statement[0] Resource "${r}" is neither "*" nor an ARN ` +
                                `(arn:partition:service:region:account:resource)`,
                        },
                    ],
                    r,
                );
            }
            const notResource = {
                Version: "2012-10-17",
                Statement: [{ Effect: "Deny", Action: "kinesis:*", NotResource: ["*", "x"] }],
            };
            assert.equal((await checkDocumentValid(source(notResource))).length, 1);
            for (const r of ["*", STREAM, "Arn:aws:kinesis:us-west-2:123456789012:stream/S", "arn:aws:kinesis:*"])
                assert.deepEqual(await checkDocumentValid(source(allow("kinesis:PutRecord", r))), [], r);
        },
    );

    it('a resource type named like an Object member ("constructor", "toString") is just another type', async () => {
        // Found by robustness.spec: the stack rule threw "shape.targets is not iterable", and the document rules
        // read the `policy` input of such a resource as an IAM document (and refused it as malformed).
        for (const type of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
            assert.deepEqual(
                await checkProfileExactness([
                    { urn: `urn:pulumi:dev::p::${type}::r`, type, name: "r", props: { policy: "{}", user: "u" } },
                ]),
                [],
                type,
            );
            assert.equal(hasDocuments(type), false, type);
            assert.deepEqual(documentSources(type, { policy: "{}" }), [], type);
            assert.deepEqual(checkAdminPolicies(type, { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), [], type);
        }
    });
});
