import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { grantTriples, ofType, underMocks } from "../harness/pulumi";
import { ensureBuilt } from "../support/fresh";

// What another Pulumi project gets from `require("pulumi-kinesis-access")`: the compiled build, not the sources.
describe("the npm package's compiled entry points", () => {
    before(function () {
        this.timeout(60_000);
        ensureBuilt("build", "dist/components", ["components"]);
        // Loaded only once before() has built dist/.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        lib = require("pulumi-kinesis-access");
    });
    let lib: typeof import("../../components");

    it("resolve to dist/ and export the three components and the grants", () => {
        assert.match(require.resolve("pulumi-kinesis-access"), /dist[\\/]components[\\/]index\.js$/);
        for (const name of ["KinesisStream", "StreamApplication", "TableKinesisStreaming", "ValidationError"] as const)
            assert.equal(typeof lib[name], "function", name);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/ exists only once before() has built it
        const grants = require("pulumi-kinesis-access/grants");
        assert.deepEqual(grants.SDK_PRODUCER.statements[0].actions, ["kinesis:PutRecord", "kinesis:PutRecords"]);
    });

    it("work as components: a compiled StreamApplication grants the producer set", async () => {
        const { resources } = await underMocks(() => {
            const s = new lib.KinesisStream("s", { name: "S" });
            return new lib.StreamApplication("p", { identity: { user: { name: "P" } }, produces: [s] });
        });
        const docs = ofType(resources, "aws:iam/policy:Policy").map((p) => p.inputs.policy as string);
        const arn = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
        assert.deepEqual(grantTriples(docs), [`Allow kinesis:PutRecord ${arn}`, `Allow kinesis:PutRecords ${arn}`]);
    });

    // Issue 11, item 11: the standard Pulumi TypeScript template uses moduleResolution "node", which ignores "exports".
    it('resolve their types from another project under moduleResolution "node", "node16" and "bundler"', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
        fs.mkdirSync(path.join(dir, "node_modules"));
        fs.symlinkSync(path.resolve(__dirname, "../.."), path.join(dir, "node_modules", "pulumi-kinesis-access"), "dir");
        const file = path.join(dir, "index.ts");
        const modes = {
            node: [ts.ModuleResolutionKind.Node10, ts.ModuleKind.CommonJS],
            node16: [ts.ModuleResolutionKind.Node16, ts.ModuleKind.Node16],
            bundler: [ts.ModuleResolutionKind.Bundler, ts.ModuleKind.ESNext],
        } as const;
        const resolved: Record<string, string | undefined> = {};
        for (const [mode, [moduleResolution, module]] of Object.entries(modes)) {
            for (const spec of ["pulumi-kinesis-access", "pulumi-kinesis-access/grants"]) {
                const r = ts.resolveModuleName(spec, file, { moduleResolution, module }, ts.sys).resolvedModule?.resolvedFileName;
                resolved[`${mode} ${spec}`] =
                    r && path.relative(fs.realpathSync(path.resolve(__dirname, "../..")), fs.realpathSync(r));
            }
        }
        fs.rmSync(dir, { recursive: true, force: true });
        const root = path.join("dist", "components", "index.d.ts");
        const grants = path.join("dist", "components", "grants", "index.d.ts");
        assert.deepEqual(
            resolved,
            Object.fromEntries(
                Object.keys(modes).flatMap((m) => [
                    [`${m} pulumi-kinesis-access`, root],
                    [`${m} pulumi-kinesis-access/grants`, grants],
                ]),
            ),
        );
    });
});
