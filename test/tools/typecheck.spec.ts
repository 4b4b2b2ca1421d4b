// The type check the offline plan makes before it runs a program, as `pulumi preview` makes it (typecheck.ts), and
// its cache (typecache.ts). The end-to-end scenarios (exit 2 with file:line, --transpile-only) are in plan.spec.ts.

import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { typeCheck } from "../../tools/lib/program";
import { checkSettings } from "../../tools/lib/program/typecheck";
import { parseArgs } from "../../tools/plan";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "programs");

describe("tools/lib/program/typecheck (as the nodejs language host)", function () {
    this.timeout(60_000);
    let dir: string;
    let cache: string;
    const entry = () => path.join(dir, "index.ts");
    beforeEach(() => {
        // A copy outside the repository: no node_modules of its own, so @pulumi/pulumi resolves as the run resolves it.
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "typecheck-"));
        cache = path.join(dir, ".cache");
        fs.copyFileSync(path.join(FIXTURES, "typed", "index.ts"), entry());
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("checks TypeScript unless told not to, as the language host decides", () => {
        assert.strictEqual(checkSettings(dir, entry(), "nodejs", false).check, true);
        assert.strictEqual(checkSettings(dir, entry(), { name: "nodejs", options: { typescript: true } }, false).check, true);
        assert.deepStrictEqual(checkSettings(dir, entry(), "nodejs", true), { check: false, reason: "--transpile-only" });
        const off = checkSettings(dir, entry(), { name: "nodejs", options: { typescript: false } }, false);
        assert.deepStrictEqual(off, { check: false, reason: "Pulumi.yaml runtime.options.typescript is false" });
        assert.throws(
            () => checkSettings(dir, entry(), { name: "nodejs", options: { typescript: "no" } }, false),
            /runtime\.options\.typescript must be a boolean/,
        );
        assert.strictEqual(checkSettings(dir, path.join(dir, "index.js"), "nodejs", false).check, false);
    });

    it("honours PULUMI_NODEJS_TRANSPILE_ONLY, else the tsconfig's noCheck (runtime.options.tsconfig names it)", () => {
        process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
        try {
            assert.strictEqual(checkSettings(dir, entry(), "nodejs", false).check, false);
        } finally {
            delete process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
        }
        fs.writeFileSync(path.join(dir, "tsconfig.pulumi.json"), JSON.stringify({ compilerOptions: { noCheck: true } }));
        assert.strictEqual(
            checkSettings(dir, entry(), { name: "nodejs", options: { tsconfig: "tsconfig.pulumi.json" } }, false).check,
            false,
        );
        assert.strictEqual(checkSettings(dir, entry(), "nodejs", false).check, true);
    });

    it("uses the language host's compiler options: ts-node's defaults without a tsconfig, nodenext, strict", () => {
        const s = checkSettings(dir, entry(), "nodejs", false);
        assert.ok(s.check);
        const ts = s.ts;
        assert.deepStrictEqual(
            [s.options.module, s.options.moduleResolution, s.options.strict],
            [ts.ModuleKind.NodeNext, ts.ModuleResolutionKind.NodeNext, true],
        );
    });

    it("caches the result, and a changed file invalidates it", () => {
        assert.deepStrictEqual(typeCheck(dir, entry(), "nodejs", { cacheDir: cache }), { checked: true, cached: false });
        assert.deepStrictEqual(typeCheck(dir, entry(), "nodejs", { cacheDir: cache }), { checked: true, cached: true });
        fs.writeFileSync(
            entry(),
            fs.readFileSync(entry(), "utf8").replace("const shards: number = 1;", 'const shards: number = "1";'),
        );
        assert.throws(
            () => typeCheck(dir, entry(), "nodejs", { cacheDir: cache }),
            /index\.ts:10:7 - error TS2322: Type 'string' is not assignable to type 'number'\.$/,
        );
        assert.throws(() => typeCheck(dir, entry(), "nodejs", { cacheDir: cache }), /error TS2322/);
    });

    it("a file that appears where resolution looked invalidates it too", () => {
        fs.writeFileSync(path.join(dir, "shards.js"), "exports.shards = 1;\n");
        fs.writeFileSync(
            entry(),
            fs.readFileSync(entry(), "utf8").replace("const shards: number = 1;", 'import { shards } from "./shards";'),
        );
        // shards.js alone has no declarations: strict (ts-node's defaults) says so; shards.d.ts, new, is then found.
        assert.throws(() => typeCheck(dir, entry(), "nodejs", { cacheDir: cache }), /TS7016/);
        fs.writeFileSync(path.join(dir, "shards.d.ts"), "export declare const shards: number;\n");
        assert.deepStrictEqual(typeCheck(dir, entry(), "nodejs", { cacheDir: cache }), { checked: true, cached: false });
    });

    it("lists every error, the first in the first line", () => {
        fs.writeFileSync(entry(), 'const a: number = "1";\nconst b: string = 2;\nexport { a, b };\n');
        assert.throws(
            () => typeCheck(dir, entry(), "nodejs", { cacheDir: cache }),
            (e: Error) => {
                const lines = e.message.split("\n");
                assert.match(lines[0], /^program does not type-check \(2 errors\): .*index\.ts:1:7 - error TS2322: /);
                assert.match(
                    lines[1],
                    /^ {2}.*index\.ts:2:7 - error TS2322: Type 'number' is not assignable to type 'string'\.$/,
                );
                return true;
            },
        );
    });

    it("--transpile-only is an option of the plan", () => {
        assert.strictEqual(parseArgs(["--transpile-only"]).transpileOnly, true);
        assert.strictEqual(parseArgs([]).transpileOnly, false);
    });
});
