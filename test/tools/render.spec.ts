import * as assert from "assert";
import { buildAccessMatrix } from "../../tools/lib/matrix";
import { COLOUR, PLAIN, PlanReport, renderMermaid, renderText, styleFor, summaryLine, treeLines } from "../../tools/lib/render";

const stack = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const comp = "urn:pulumi:dev::p::x:index:App::app";
const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const TABLE = "arn:aws:dynamodb:us-west-2:123456789012:table/T";

const resources = [
    { urn: stack, type: "pulumi:pulumi:Stack", name: "p-dev", custom: false, inputs: {} },
    { urn: comp, type: "x:index:App", name: "app", parent: stack, custom: false, inputs: {} },
    {
        urn: `${comp}$aws:iam/user:User::u`,
        type: "aws:iam/user:User",
        name: "u",
        parent: comp,
        custom: true,
        inputs: { name: "Alice" },
    },
    {
        urn: `${comp}$aws:iam/userPolicy:UserPolicy::p`,
        type: "aws:iam/userPolicy:UserPolicy",
        name: "p",
        parent: comp,
        custom: true,
        inputs: {
            user: "Alice",
            policy: JSON.stringify({
                Statement: [
                    { Effect: "Allow", Action: ["kinesis:PutRecord"], Resource: STREAM },
                    { Effect: "Deny", Action: ["dynamodb:DeleteTable"], Resource: `${TABLE}` },
                ],
            }),
        },
    },
    {
        urn: "urn:pulumi:dev::p::aws:kinesis/stream:Stream::s",
        type: "aws:kinesis/stream:Stream",
        name: "s",
        parent: stack,
        custom: true,
        inputs: { name: "S" },
        options: { protect: true },
    },
    {
        urn: "urn:pulumi:dev::p::aws:dynamodb/table:Table::t",
        type: "aws:dynamodb/table:Table",
        name: "t",
        parent: stack,
        custom: true,
        inputs: { name: "T" },
    },
];

function report(over: Partial<PlanReport> = {}): PlanReport {
    return {
        project: "p",
        stack: "dev",
        program: "some/dir",
        region: "us-west-2",
        account: "123456789012",
        phases: ["preview", "update"],
        resources,
        outputs: { accessKey: "AKIA", secret: "[secret]", arn: "[unknown]" },
        matrix: buildAccessMatrix(resources, { partition: "aws", account: "123456789012" }),
        matrixPhase: "update",
        violations: [
            {
                policy: "no-wildcards",
                enforcementLevel: "mandatory",
                urn: `${comp}$aws:iam/userPolicy:UserPolicy::p`,
                message: "kinesis:* grants everything",
                phases: ["preview", "update"],
            },
            { policy: "tip", enforcementLevel: "advisory", urn: stack, message: "consider tags", phases: ["update"] },
        ],
        pack: { name: "kinesis-least-privilege", version: "0.1.0", policies: 9 },
        warnings: [],
        exitCode: 1,
        ...over,
    };
}

describe("tools/lib/render", () => {
    it("draws the resource tree under component parents", () => {
        const lines = treeLines(resources).map((l) => `${l.prefix}${l.r.type} ${l.r.name}`);
        assert.deepStrictEqual(lines, [
            "pulumi:pulumi:Stack p-dev",
            "├─ x:index:App app",
            "│  ├─ aws:iam/user:User u",
            "│  └─ aws:iam/userPolicy:UserPolicy p",
            "├─ aws:kinesis/stream:Stream s",
            "└─ aws:dynamodb/table:Table t",
        ]);
    });

    it("prints tree, outputs, matrix, verdicts and summary in that order, secrets masked, no colour", () => {
        const text = renderText(report(), PLAIN);
        const at = (s: string) => {
            const i = text.indexOf(s);
            assert.ok(i >= 0, `missing ${JSON.stringify(s)} in\n${text}`);
            return i;
        };
        assert.ok(
            at("Type") < at("Outputs:") &&
                at("Outputs:") < at("Access matrix") &&
                at("Access matrix") < at("Policy verdicts") &&
                at("Policy verdicts") < at("Summary:"),
        );
        assert.match(text, /secret\s*: \[secret\]/);
        assert.match(text, /arn\s*: output<string>/);
        assert.match(text, /\[protect\]/);
        assert.match(text, /user Alice/);
        assert.match(text, /Deny\s+arn:aws:dynamodb/);
        assert.match(
            text,
            /mandatory \(1\)[\s\S]*no-wildcards\s+aws:iam\/userPolicy:UserPolicy\s+p[\s\S]*kinesis:\* grants everything/,
        );
        assert.match(text, /advisory \(1\)[\s\S]*tip[\s\S]*\[found at update\]/);
        assert.ok(!text.includes("\u001b["), "no escape codes without a terminal");
        assert.match(summaryLine(report()), /1 mandatory violation \(\+ 1 advisory\).*would be refused/);
    });

    it("colours only on a terminal, and never with NO_COLOR", () => {
        assert.strictEqual(styleFor({ isTTY: false }, {}), PLAIN);
        assert.strictEqual(styleFor({ isTTY: true }, {}), COLOUR);
        assert.strictEqual(styleFor({ isTTY: true }, { NO_COLOR: "1" }), PLAIN);
        assert.ok(renderText(report(), COLOUR).includes("\u001b[31m"));
    });

    it("says when there is nothing to report", () => {
        const text = renderText(report({ violations: [], exitCode: 0 }), PLAIN);
        assert.match(text, /no violations/);
        assert.match(text, /0 mandatory violations; preview \+ update would pass/);
    });

    it("draws principals, streams and tables with allow and deny edges in Mermaid", () => {
        const m = renderMermaid(report(), resources);
        assert.match(m, /^flowchart LR\n/);
        assert.match(m, /p0\(\["user Alice"\]\)/);
        assert.match(m, /s0\[\["stream S"\]\]/);
        assert.match(m, /t0\[\("table T"\)\]/);
        assert.match(m, /p0 -->\|"kinesis: PutRecord"\| s0/);
        assert.match(m, /p0 -\. "DENY dynamodb: DeleteTable" \.-> t0/);
        assert.match(m, /linkStyle 1 stroke:#d93025/);
    });
});
