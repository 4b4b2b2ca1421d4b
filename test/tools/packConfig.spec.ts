import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AnalyzerInfo } from "../../tools/lib/analyzer";
import { configErrorText, readPolicyPackConfig, reconcilePolicyPackConfig } from "../../tools/lib/packConfig";

const list = { type: "array", items: { type: "string" } };
const INFO: AnalyzerInfo = {
    name: "pack",
    displayName: "pack",
    version: "1.0.0",
    supportsConfig: true,
    policies: [
        {
            name: "a",
            displayName: "a",
            description: "",
            message: "",
            enforcementLevel: "mandatory",
            configSchema: { properties: { exemptResources: list, max: { type: "integer" } }, required: [] },
        },
        {
            name: "b",
            displayName: "b",
            description: "",
            message: "",
            enforcementLevel: "advisory",
            configSchema: { properties: { mode: { type: "string", enum: ["x", "y"] } }, required: ["mode"] },
        },
    ],
    initialConfig: { b: { enforcementLevel: "advisory", mode: "x" } },
};

function file(text: string): string {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pack-config-")), "config.json");
    fs.writeFileSync(f, text);
    return f;
}

describe("tools/lib/packConfig (--policy-pack-config)", () => {
    it("merges defaults, the pack's initial config, all and each policy's entry, as the CLI does", () => {
        const given = readPolicyPackConfig(
            file(
                JSON.stringify({
                    all: "advisory",
                    a: { exemptResources: ["legacy"] },
                    b: { enforcementLevel: "disabled", mode: "y" },
                }),
            ),
        );
        assert.deepStrictEqual(reconcilePolicyPackConfig(INFO, given), {
            config: {
                a: { exemptResources: ["legacy"], enforcementLevel: "advisory" },
                b: { mode: "y", enforcementLevel: "disabled" },
            },
        });
    });

    it("reports schema errors in the CLI's words, one line per error", () => {
        const given = readPolicyPackConfig(
            file(JSON.stringify({ a: { exemptResources: "legacy", max: 1.5 }, b: { mode: "z" } })),
        );
        const r = reconcilePolicyPackConfig({ ...INFO, initialConfig: {} }, given);
        assert.ok("errors" in r);
        assert.deepStrictEqual(r.errors, [
            "a: exemptResources: Invalid type. Expected: array, given: string",
            "a: max: Invalid type. Expected: integer, given: number",
            'b: mode: mode must be one of the following: "x", "y"',
        ]);
        assert.strictEqual(
            configErrorText(INFO, r.errors.slice(0, 2)),
            "validating policy config: pack 1.0.0  a: exemptResources: Invalid type. Expected: array, given: string\n" +
                "error: validating policy config: pack 1.0.0  a: max: Invalid type. Expected: integer, given: number",
        );
        const noMode = reconcilePolicyPackConfig({ ...INFO, initialConfig: {} }, {});
        assert.deepStrictEqual(noMode, { errors: ["b: mode is required"] });
    });

    it("refuses a file that is not the CLI's format, naming the file, the key and what is allowed", () => {
        assert.throws(
            () => readPolicyPackConfig("/nonexistent/x.json"),
            /^ProgramError: --policy-pack-config: cannot read \/nonexistent\/x\.json \(ENOENT\); give a JSON file$/,
        );
        assert.throws(() => readPolicyPackConfig(file("{")), /--policy-pack-config: .*config\.json is not JSON/);
        assert.throws(
            () => readPolicyPackConfig(file('{"a": "strict"}')),
            new RegExp(
                '^ProgramError: --policy-pack-config: parsing enforcement level for "a": ' +
                    '"strict" is not a valid enforcement level \\(allowed: advisory, mandatory, ' +
                    "remediate, disabled\\)$",
            ),
        );
        assert.throws(
            () => readPolicyPackConfig(file('{"a": 3}')),
            /^ProgramError: --policy-pack-config: parsing "a": 3 is not a valid value; must be a string or object$/,
        );
        assert.deepStrictEqual(readPolicyPackConfig(file("  \n")), {});
    });
});
