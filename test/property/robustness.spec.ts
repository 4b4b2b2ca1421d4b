// Robustness: no input makes a rule throw. Every policy of the pack, through the same wrappers the policy server
// calls (validateResource / validateStack), on generated resources of every type it reads and stacks of them, with
// documents of every odd shape (wrong types, nulls, empty arrays, huge strings, truncated JSON, non-ASCII, unknowns
// anywhere). In-process here for the big count; test/property/protocol.spec.ts sends a few hundred over the protocol.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { resourceArb, stackArb } from "./oracle/resources";
import { assertReadable, validateResource, validateStack } from "./oracle/run";
import { loadUniverse, Universe } from "./oracle/universe";
import { params, RUNS, TIMEOUT } from "./settings";

describe("property: no generated input makes a rule throw", function () {
    this.timeout(TIMEOUT);
    let u: Universe;
    before(async () => {
        u = await loadUniverse();
    });

    it(`every policy, on any resource and any stack (${RUNS} resources and stacks)`, async () => {
        let reported = 0;
        await fc.assert(
            fc.asyncProperty(resourceArb(u), stackArb(), async (r, stack) => {
                const a = await validateResource(r);
                const b = await validateStack(stack);
                assertReadable(a);
                assertReadable(b);
                reported += a.length + b.length;
            }),
            params(RUNS),
        );
        // The inputs reach the rules: they report on a good share of them.
        assert.ok(reported > RUNS / 4, `only ${reported} violations`);
    });
});
