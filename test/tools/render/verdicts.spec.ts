import * as assert from "assert";
import { condenseWildcard } from "../../../tools/lib/render";

const expansion = Array.from({ length: 12 }, (_, i) => `kinesis:Action${String(i).padStart(2, "0")}`);
const all = [...expansion, "kinesis:DeleteStream", "kinesis:GetRecords", "kinesis:ListShards", "kinesis:UpdateShardCount"].sort();

describe("tools/lib/render/verdicts", () => {
    it("a wildcard's expansion: how many, how many beyond the profile, and the first few that change things", () => {
        const message =
            `policy: Statement[0] allows the wildcard action "kinesis:*", which expands to ${all.length} actions: ` +
            `${all.join(", ")}. ` +
            "On arn:aws:kinesis:us-west-2:1:stream/S profile kcl-1.x-stream needs only: kinesis:GetRecords, kinesis:ListShards.";
        assert.strictEqual(
            condenseWildcard(message),
            `policy: Statement[0] allows the wildcard action "kinesis:*", which expands to 16 actions, 14 of them beyond what ` +
                `the profile needs: ` +
                "kinesis:DeleteStream, kinesis:UpdateShardCount, kinesis:Action00, kinesis:Action01, kinesis:Action02, and 9 " +
                "more (--json lists them all). " +
                "On arn:aws:kinesis:us-west-2:1:stream/S profile kcl-1.x-stream needs only: kinesis:GetRecords, " +
                "kinesis:ListShards.",
        );
    });

    it("without a profile: all of them unlisted; short lists and other messages unchanged", () => {
        const two =
            'allows the wildcard action "kinesis:Put*", which expands to 2 actions: kinesis:PutRecord, kinesis:PutRecords. ' +
            "List the actions explicitly.";
        assert.strictEqual(
            condenseWildcard(two),
            'allows the wildcard action "kinesis:Put*", which expands to 2 actions, all 2 of them unlisted: ' +
                "kinesis:PutRecord, kinesis:PutRecords. List the actions explicitly.",
        );
        const star = 'allows the wildcard action "*", which expands to every action of every AWS service.';
        assert.strictEqual(condenseWildcard(star), star);
    });
});
