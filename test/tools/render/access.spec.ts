import * as assert from "assert";
import { buildAccessMatrix } from "../../../tools/lib/matrix";
import { PlanReport, renderText } from "../../../tools/lib/render";

const STREAMS = ["A", "B", "C"].map((s) => `arn:aws:kinesis:us-west-2:123456789012:stream/Stream${s}`);
const ACTIONS = ["kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];

function report(): PlanReport {
    const user = {
        urn: "urn:pulumi:dev::p::aws:iam/user:User::u",
        type: "aws:iam/user:User",
        name: "u",
        custom: true,
        inputs: { name: "Reader" },
    };
    const policy = { Statement: [{ Effect: "Allow", Action: ACTIONS, Resource: STREAMS }] };
    const inputs = { user: "Reader", name: "read", policy };
    const inline = {
        urn: "urn:pulumi:dev::p::aws:iam/userPolicy:UserPolicy::i",
        type: "aws:iam/userPolicy:UserPolicy",
        name: "i",
        custom: true,
        inputs,
    };
    const resources = [user, inline];
    const matrix = buildAccessMatrix(resources, { partition: "aws", account: "123456789012" });
    const base = {
        project: "p",
        stack: "dev",
        program: ".",
        region: "us-west-2",
        account: "123456789012",
        phases: ["update" as const],
        outputs: {},
    };
    return {
        ...base,
        resources,
        matrix,
        matrixPhase: "update",
        violations: [],
        pack: { name: "pack", policies: 1 },
        warnings: [],
        exitCode: 0,
    };
}

describe("tools/lib/render/access", () => {
    it("wraps a row's resources and actions at the width it is given (the terminal's)", () => {
        const text = renderText(report(), undefined, 70);
        const rows = text.slice(text.indexOf("  user Reader"), text.indexOf("\n\nPolicy verdicts")).split("\n").slice(1);
        assert.deepStrictEqual(rows, [
            "    Allow  arn:aws:kinesis:us-west-2:123456789012:stream/StreamA,",
            "           arn:aws:kinesis:us-west-2:123456789012:stream/StreamB,",
            "           arn:aws:kinesis:us-west-2:123456789012:stream/StreamC",
            "             kinesis:DescribeStream, kinesis:GetRecords,",
            "             kinesis:GetShardIterator, kinesis:ListShards",
            "             via inline policy read",
        ]);
        assert.ok(rows.every((l) => l.length <= 70));
    });

    it("off a terminal, the same rows at 118 columns", () => {
        const text = renderText(report());
        assert.match(
            text,
            new RegExp(
                "\\n {4}Allow {2}arn:aws:kinesis:us-west-2:123456789012:stream\\/StreamA,\\n " +
                    "{11}arn:aws:kinesis:us-west-2:123456789012:stream\\/StreamB,\\n",
            ),
        );
        assert.match(text, /\n {13}kinesis:DescribeStream, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards\n/);
    });
});
