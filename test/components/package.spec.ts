import { strict as assert } from "node:assert";
import { grantTriples, ofType, underMocks } from "../harness/pulumi";
import { ensureBuilt } from "../support/fresh";

// What another Pulumi project gets from `require("pulumi-kinesis-access")`: the compiled build, not the sources.
describe("the npm package's compiled entry points", () => {
    before(function () {
        this.timeout(60_000);
        ensureBuilt("build", "dist/components", ["components"]);
        lib = require("pulumi-kinesis-access");
    });
    let lib: any;

    it("resolve to dist/ and export the three components and the grants", () => {
        assert.match(require.resolve("pulumi-kinesis-access"), /dist[\\/]components[\\/]index\.js$/);
        for (const name of ["KinesisStream", "StreamApplication", "TableKinesisStreaming", "ValidationError"]) assert.equal(typeof lib[name], "function", name);
        const grants = require("pulumi-kinesis-access/grants");
        assert.deepEqual(grants.SDK_PRODUCER.statements[0].actions, ["kinesis:PutRecord", "kinesis:PutRecords"]);
    });

    it("work as components: a compiled StreamApplication grants the producer set", async () => {
        const { resources } = await underMocks(() => {
            const s = new lib.KinesisStream("s", { name: "S" });
            return new lib.StreamApplication("p", { identity: { user: { name: "P" } }, produces: [s] });
        });
        const docs = ofType(resources, "aws:iam/policy:Policy").map((p) => p.inputs.policy);
        const arn = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
        assert.deepEqual(grantTriples(docs), [`Allow kinesis:PutRecord ${arn}`, `Allow kinesis:PutRecords ${arn}`]);
    });
});
