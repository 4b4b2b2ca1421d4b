import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { errorOutcome, record, requestParams } from "../../conformance/node/recorder";

/** The initialize-step middleware that record() adds, as the tests call it. */
type Middleware = (
    next: (args: unknown) => Promise<unknown>,
    context: { commandName: string },
) => (args: { input: Record<string, unknown> }) => Promise<unknown>;

describe("conformance: JS SDK v3 recorder", () => {
    it("keeps top-level strings and the kinds and tables of TransactItems", () => {
        assert.deepEqual(requestParams({ StreamName: "s", Records: [{ PartitionKey: "p" }], Limit: 3 }), { StreamName: "s" });
        assert.deepEqual(
            requestParams({ TransactItems: [{ ConditionCheck: { TableName: "A" } }, { Put: { TableName: "B" } }] }),
            {
                TransactItems: [
                    { kind: "ConditionCheck", TableName: "A" },
                    { kind: "Put", TableName: "B" },
                ],
            },
        );
    });
    it("names a failure by its service error code, or client-error without a response", () => {
        assert.equal(
            errorOutcome(
                Object.assign(new Error("x"), { name: "ResourceNotFoundException", $metadata: { httpStatusCode: 400 } }),
            ),
            "ResourceNotFoundException",
        );
        assert.equal(errorOutcome(Object.assign(new Error("connect ECONNREFUSED"), { $metadata: {} })), "client-error");
    });
    it("records one line per command after its outcome, from the initialize step", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rec-")), "r.jsonl");
        let added: { mw: Middleware; opts: { step: string; name: string } } | undefined;
        record(
            {
                middlewareStack: {
                    add: (mw: unknown, opts: { step: "initialize"; name: string }) => {
                        added = { mw: mw as Middleware, opts };
                    },
                },
            },
            "kinesis",
            file,
            "w1",
        );
        assert.equal(added!.opts.step, "initialize");
        const handler = added!.mw(async () => ({ output: {} }), { commandName: "ListShardsCommand" });
        await handler({ input: { StreamName: "s1" } });
        const failing = added!.mw(
            async () => {
                throw Object.assign(new Error("no"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });
            },
            { commandName: "GetRecordsCommand" },
        );
        await assert.rejects(failing({ input: { ShardIterator: "it" } }));
        const lines = fs
            .readFileSync(file, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l));
        assert.deepEqual(
            lines.map(({ t, ...r }) => (assert.equal(typeof t, "number"), r)),
            [
                {
                    recorder: "js-sdk-v3",
                    worker: "w1",
                    service: "kinesis",
                    operation: "ListShards",
                    params: { StreamName: "s1" },
                    outcome: "ok",
                },
                {
                    recorder: "js-sdk-v3",
                    worker: "w1",
                    service: "kinesis",
                    operation: "GetRecords",
                    params: { ShardIterator: "it" },
                    outcome: "AccessDeniedException",
                },
            ],
        );
    });
});
