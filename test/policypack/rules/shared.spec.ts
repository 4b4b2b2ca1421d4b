// What the policy wrappers (policypack/rules/documentPolicy.ts) share between policies of one request: the documents of
// the inputs the server decoded once, and each rule's configuration per distinct pack config. Sharing must never
// hand one resource another's documents, nor a rule a configuration that has changed.
import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { unknownActions, wildcardActions } from "../../../policypack/rules";
import { STREAM } from "../helpers";
import { policyProps, reported } from "./exempt";

/** Inputs as the policy server hands them: its proxy, which gives the decoded object under this key. */
const decoded = (target: Record<string, unknown>): Record<string, unknown> =>
    new Proxy(target, { get: (t, k) => (k === "__getSpecialProxyTarget" ? t : t[k as string]) });

describe("policy wrappers: work shared between the policies of one request", () => {
    it("reads each decoded inputs object's own documents, for every rule that reads them", async () => {
        const a = decoded(policyProps({ Effect: "Allow", Action: "kinesis:Put*", Resource: STREAM }));
        const b = decoded(policyProps({ Effect: "Allow", Action: "kinesis:Frobnicate", Resource: STREAM }));
        for (let pass = 0; pass < 2; pass++) {
            assert.equal((await reported(wildcardActions, TYPES.policy, a)).length, 1);
            assert.equal((await reported(unknownActions, TYPES.policy, a)).length, 0);
            assert.equal((await reported(wildcardActions, TYPES.policy, b)).length, 0);
            assert.equal((await reported(unknownActions, TYPES.policy, b)).length, 1);
        }
    });

    it("re-reads a rule's configuration whenever the pack config changes", async () => {
        const props = policyProps({ Effect: "Allow", Action: "kinesis:Put*", Resource: STREAM });
        const counts = [];
        for (const config of [{}, { exemptResources: ["r"] }, {}, { allowedActions: ["kinesis:Put*"] }, {}])
            counts.push((await reported(wildcardActions, TYPES.policy, props, config)).length);
        assert.deepEqual(counts, [1, 0, 1, 0, 1]);
        await assert.rejects(
            reported(wildcardActions, TYPES.policy, props, { allowedActions: "kinesis:Put*" }),
            /allowedActions/,
        );
        await assert.rejects(
            reported(wildcardActions, TYPES.policy, props, { allowedActions: "kinesis:Put*" }),
            /allowedActions/,
        );
    });
});
