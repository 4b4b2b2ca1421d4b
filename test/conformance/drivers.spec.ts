import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { deaggregate, middleHashKey, spreadHashKeys } from "../../conformance/admin";
import { DriverState, few, parseLine, unconsumed } from "../../conformance/drivers";

// The KPL's aggregate: magic, protobuf AggregatedRecord { 1: partition keys, 3: Record { 1: key index, 3: data } }, MD5.
function aggregate(datas: string[]): Buffer {
    const len = (field: number, b: Buffer) => Buffer.concat([Buffer.from([(field << 3) | 2, b.length]), b]);
    const records = datas.map((d) => len(3, Buffer.concat([Buffer.from([1 << 3, 0]), len(3, Buffer.from(d))])));
    const msg = Buffer.concat([len(1, Buffer.from("pk")), ...records]);
    return Buffer.concat([Buffer.from([0xf3, 0x89, 0x9a, 0xc2]), msg, createHash("md5").update(msg).digest()]);
}

describe("conformance: scenario bookkeeping", () => {
    it("parses the drivers' stdout lines and ignores anything else", () => {
        assert.deepEqual(parseLine("READY"), { kind: "READY" });
        assert.deepEqual(parseLine("SHUTDOWN_COMPLETE\r"), { kind: "SHUTDOWN_COMPLETE" });
        assert.deepEqual(parseLine("CONSUMED shardId-000000000001 app-b1-3"), {
            kind: "CONSUMED",
            shard: "shardId-000000000001",
            data: "app-b1-3",
        });
        assert.deepEqual(parseLine("CONSUMED shardId-1 with spaces inside"), {
            kind: "CONSUMED",
            shard: "shardId-1",
            data: "with spaces inside",
        });
        assert.deepEqual(parseLine("SHARD_END shardId-000000000000"), { kind: "SHARD_END", shard: "shardId-000000000000" });
        assert.deepEqual(parseLine("PRODUCED p-0"), { kind: "PRODUCED", data: "p-0" });
        for (const l of ["", "READY now", "CONSUMED onlyshard", "SHARD_END", "INFO READY", "[main] CONSUMED x y"])
            assert.equal(parseLine(l), undefined, l);
    });
    it("tracks what each worker printed and which payloads nobody consumed", () => {
        const [a, b] = [new DriverState(), new DriverState()];
        ["READY", "CONSUMED s0 x1", "SHARD_END s0", "log noise"].forEach((l) => a.apply(l));
        b.apply("CONSUMED s1 x2");
        b.apply("CONSUMED s1 x2"); // at-least-once: duplicates count once
        assert.equal(a.ready, true);
        assert.equal(b.ready, false);
        assert.deepEqual([...a.shardEnds], ["s0"]);
        assert.deepEqual(unconsumed(["x1", "x2", "x3"], [a, b]), ["x3"]);
        assert.deepEqual(unconsumed(["x1", "x2"], [b]), ["x1"]);
        assert.equal(few(["a", "b"]), "[a, b]");
        assert.equal(few(["1", "2", "3", "4", "5", "6", "7"], 2), "[1, 2, ... 7 in all]");
    });
    it("spreads hash keys over the whole range and splits a shard in the middle", () => {
        const keys = spreadHashKeys(4).map(BigInt);
        const max = (1n << 128n) - 1n;
        assert.ok(keys.every((k, i) => k >= 0n && k <= max && (i === 0 || k > keys[i - 1])));
        assert.ok(keys[0] < max / 2n && keys[3] > max / 2n);
        assert.equal(middleHashKey({ HashKeyRange: { StartingHashKey: "0", EndingHashKey: "99" } }), "50");
        assert.equal(
            middleHashKey({ HashKeyRange: { StartingHashKey: "0", EndingHashKey: (max / 2n).toString() } }),
            (1n << 126n).toString(),
        );
    });
    it("reads user records out of KPL aggregates and passes plain records through", () => {
        assert.deepEqual(deaggregate(aggregate(["a", "bc"])).map(String), ["a", "bc"]);
        assert.deepEqual(deaggregate(Buffer.from("plain")).map(String), ["plain"]);
    });
});
