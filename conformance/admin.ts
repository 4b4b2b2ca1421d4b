// Admin calls against the emulators, made by the suite itself and never recorded: streams, reshards, batches, reads.
import { DynamoDBClient, ScanCommand, ScanCommandOutput } from "@aws-sdk/client-dynamodb";
import {
    DescribeStreamSummaryCommand,
    GetRecordsCommand,
    GetShardIteratorCommand,
    KinesisClient,
    ListShardsCommand,
    ListShardsCommandOutput,
    MergeShardsCommand,
    PutRecordsCommand,
    Shard,
    SplitShardCommand,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { poll } from "./process";

/** Hash keys spread evenly over the 128-bit space, so every open shard gets records. */
export function spreadHashKeys(n: number): string[] {
    const space = 1n << 128n;
    return Array.from({ length: n }, (_, i) => ((space * BigInt(2 * i + 1)) / BigInt(2 * n)).toString());
}

/** The middle of a shard's hash range: the new starting hash key of the upper child of a split. */
export const middleHashKey = (s: Pick<Shard, "HashKeyRange">) =>
    ((BigInt(s.HashKeyRange!.StartingHashKey!) + BigInt(s.HashKeyRange!.EndingHashKey!) + 1n) / 2n).toString();

/** The user records inside a Kinesis record: itself, or the records of a KPL aggregate (magic, protobuf, MD5). */
export function deaggregate(data: Uint8Array): Buffer[] {
    const b = Buffer.from(data);
    if (b.length < 20 || b.readUInt32BE(0) !== 0xf3899ac2) return [b];
    const msg = b.subarray(4, b.length - 16);
    const out: Buffer[] = [];
    for (const rec of fields(msg))
        if (rec.no === 3 && rec.bytes) for (const f of fields(rec.bytes)) if (f.no === 3 && f.bytes) out.push(f.bytes);
    return out;
}

function fields(buf: Buffer): { no: number; bytes?: Buffer }[] {
    const out: { no: number; bytes?: Buffer }[] = [];
    let at = 0;
    const varint = () => {
        let v = 0,
            mul = 1;
        for (;;) {
            const x = buf[at++];
            v += (x & 0x7f) * mul;
            mul *= 128;
            if (x < 128) return v;
        }
    };
    while (at < buf.length) {
        const key = varint(),
            no = Math.floor(key / 8),
            wire = key & 7;
        if (wire === 0) {
            varint();
            out.push({ no });
        } else if (wire === 2) {
            const n = varint();
            out.push({ no, bytes: buf.subarray(at, at + n) });
            at += n;
        } else if (wire === 1) at += 8;
        else if (wire === 5) at += 4;
        else throw new Error(`protobuf: wire type ${wire}`);
    }
    return out;
}

export function adminClients(endpoints: { [k: string]: string }) {
    const base = {
        region: endpoints.AWS_REGION ?? "us-east-1",
        credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
        requestHandler: new NodeHttpHandler(),
        maxAttempts: 5,
    };
    return {
        kinesis: new KinesisClient({ ...base, endpoint: endpoints.KINESIS_ENDPOINT }),
        dynamodb: new DynamoDBClient({ ...base, endpoint: endpoints.DYNAMODB_ENDPOINT }),
    };
}

export async function waitActive(k: KinesisClient, stream: string, totalMs: number) {
    await poll(
        `stream ${stream} ACTIVE`,
        async () =>
            (await k.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary?.StreamStatus ===
            "ACTIVE",
        { totalMs, everyMs: 100 },
    );
}

export async function listShards(k: KinesisClient, stream: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let out: ListShardsCommandOutput | undefined;
    do {
        out = await k.send(new ListShardsCommand(out?.NextToken ? { NextToken: out.NextToken } : { StreamName: stream }));
        shards.push(...(out.Shards ?? []));
    } while (out.NextToken);
    return shards;
}

export async function putBatch(k: KinesisClient, stream: string, payloads: string[]) {
    const keys = spreadHashKeys(payloads.length);
    let pending = payloads.map((p, i) => ({ PartitionKey: p, ExplicitHashKey: keys[i], Data: Buffer.from(p) }));
    for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 5) throw new Error(`admin PutRecords: ${pending.length} records still failing`);
        const out = await k.send(new PutRecordsCommand({ StreamName: stream, Records: pending }));
        pending = pending.filter((_, i) => out.Records?.[i]?.ErrorCode);
    }
}

export async function leaseKeys(d: DynamoDBClient, table: string): Promise<string[]> {
    const keys: string[] = [];
    let out: ScanCommandOutput | undefined;
    do {
        out = await d.send(new ScanCommand({ TableName: table, ExclusiveStartKey: out?.LastEvaluatedKey }));
        for (const item of out.Items ?? []) if (item.leaseKey?.S) keys.push(item.leaseKey.S);
    } while (out.LastEvaluatedKey);
    return keys;
}

/** Every user record in the stream, read from each shard's start (admin GetShardIterator / GetRecords). */
export async function readStream(k: KinesisClient, stream: string): Promise<string[]> {
    const data: string[] = [];
    for (const shard of await listShards(k, stream)) {
        let it = (
            await k.send(
                new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId!, ShardIteratorType: "TRIM_HORIZON" }),
            )
        ).ShardIterator;
        for (let i = 0; it && i < 1000; i++) {
            const out = await k.send(new GetRecordsCommand({ ShardIterator: it }));
            for (const r of out.Records ?? []) data.push(...deaggregate(r.Data!).map((b) => b.toString("utf8")));
            if (!out.Records?.length && (out.MillisBehindLatest ?? 0) === 0) break;
            it = out.NextShardIterator;
        }
    }
    return data;
}

/** Splits the lower shard in the middle, then merges its upper child with the other shard; returns the three parents. */
export async function splitAndMerge(k: KinesisClient, stream: string, totalMs: number): Promise<string[]> {
    const byStart = (a: Shard, b: Shard) =>
        BigInt(a.HashKeyRange!.StartingHashKey!) < BigInt(b.HashKeyRange!.StartingHashKey!) ? -1 : 1;
    const [s0, s1] = (await listShards(k, stream)).sort(byStart);
    const mid = middleHashKey(s0);
    await k.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: s0.ShardId!, NewStartingHashKey: mid }));
    await waitActive(k, stream, totalMs);
    const upper = (await listShards(k, stream)).find(
        (s) => s.ParentShardId === s0.ShardId && s.HashKeyRange?.StartingHashKey === mid,
    );
    if (!upper) throw new Error(`no upper child of ${s0.ShardId} starting at ${mid}`);
    await k.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: upper.ShardId!, AdjacentShardToMerge: s1.ShardId! }));
    await waitActive(k, stream, totalMs);
    return [s0.ShardId!, s1.ShardId!, upper.ShardId!];
}
