// policypack/deserializeOnce.ts: the policy server decodes a request's inputs once for all the pack's policies.
import { strict as assert } from "node:assert";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";
import { deserializeOnce } from "../../policypack/deserializeOnce";

describe("policypack: the policy server deserializes each request's inputs once", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require("@pulumi/policy/deserialize") as { deserializeProperties: (s: object, proxySecrets: boolean) => unknown };

    it("finds the seam in @pulumi/policy (the server calls deserializeProperties through the module) and installs once", () => {
        assert.equal(deserializeOnce(), true);
        const installed = mod.deserializeProperties;
        assert.equal(deserializeOnce(), true);
        assert.equal(mod.deserializeProperties, installed);
        assert.match(
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            require("node:fs").readFileSync(require.resolve("@pulumi/policy/server"), "utf8"),
            /deserialize_1\.deserializeProperties\(req\.getProperties\(\), false\)/,
        );
    });

    it(
        "returns the same decoded inputs for the same Struct, apart for the " +
            "secrets-preserving form, and fresh ones for another",
        () => {
            deserializeOnce();
            const s = structPb.Struct.fromJavaScript({ policy: '{"Statement": []}', tags: { a: "b" } });
            const first = mod.deserializeProperties(s, false);
            assert.deepEqual(first, { policy: '{"Statement": []}', tags: { a: "b" } });
            assert.equal(mod.deserializeProperties(s, false), first);
            assert.notEqual(mod.deserializeProperties(s, true), first);
            const other = structPb.Struct.fromJavaScript({ policy: "{}" });
            const second = mod.deserializeProperties(other, false);
            assert.notEqual(second, first);
            // The last answer is checked first; earlier ones are still remembered.
            assert.equal(mod.deserializeProperties(s, false), first);
            assert.equal(mod.deserializeProperties(other, false), second);
        },
    );
});
