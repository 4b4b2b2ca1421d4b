import { strict as assert } from "node:assert";
import { remember } from "../../policypack/iam/memo";

describe("policypack/iam/memo: remember", () => {
    it("computes a key once, and forgets everything once the limit is held", () => {
        const memo = new Map<string, number>();
        const calls: string[] = [];
        const length = (k: string) => (calls.push(k), k.length);
        assert.equal(remember(memo, 2, "ab", length), 2);
        assert.equal(remember(memo, 2, "ab", length), 2);
        assert.equal(remember(memo, 2, "abc", length), 3);
        assert.deepEqual([...memo.keys()], ["ab", "abc"]);
        assert.equal(remember(memo, 2, "a", length), 1);
        assert.deepEqual([...memo.keys()], ["a"]);
        assert.deepEqual(calls, ["ab", "abc", "a"]);
    });
});
