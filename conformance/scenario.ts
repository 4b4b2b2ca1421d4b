// One configuration's scenario: stream, workers, produce, reshard, failover, graceful shutdown. The admin clients here
// are not recorded; only the drivers (launched through the caller's `launch`) are. Every wait is bounded.
import { DynamoDBClient, ScanCommand, ScanCommandOutput } from "@aws-sdk/client-dynamodb";
import {
    CreateStreamCommand, DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient,
    ListShardsCommand, ListShardsCommandOutput, MergeShardsCommand, PutRecordsCommand, Shard, SplitShardCommand,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Child, poll } from "./emulators";

export type Launch = (worker: string, extraEnv: { [k: string]: string }) => { command: string; args: string[]; env: NodeJS.ProcessEnv; cwd?: string };

// ---- stdout protocol of the drivers (README.md "Driver contract") ----
export type Line =
    | { kind: "READY" } | { kind: "SHUTDOWN_COMPLETE" }
    | { kind: "CONSUMED"; shard: string; data: string } | { kind: "SHARD_END"; shard: string } | { kind: "PRODUCED"; data: string };

export function parseLine(line: string): Line | undefined {
    const m = /^(READY|SHUTDOWN_COMPLETE|CONSUMED|SHARD_END|PRODUCED)(?: (.*))?$/.exec(line.replace(/\r$/, ""));
    if (!m) return undefined;
    const rest = m[2] ?? "";
    switch (m[1]) {
        case "READY": case "SHUTDOWN_COMPLETE": return rest ? undefined : { kind: m[1] };
        case "SHARD_END": return rest && !rest.includes(" ") ? { kind: "SHARD_END", shard: rest } : undefined;
        case "PRODUCED": return { kind: "PRODUCED", data: rest };
        default: {
            const sp = rest.indexOf(" ");
            return sp > 0 ? { kind: "CONSUMED", shard: rest.slice(0, sp), data: rest.slice(sp + 1) } : undefined;
        }
    }
}

/** What one driver has printed so far. */
export class DriverState {
    ready = false;
    shutdownComplete = false;
    readonly consumed = new Set<string>();
    readonly shardEnds = new Set<string>();
    readonly produced: string[] = [];
    apply(line: string) {
        const l = parseLine(line);
        if (!l) return;
        if (l.kind === "READY") this.ready = true;
        else if (l.kind === "SHUTDOWN_COMPLETE") this.shutdownComplete = true;
        else if (l.kind === "CONSUMED") this.consumed.add(l.data);
        else if (l.kind === "SHARD_END") this.shardEnds.add(l.shard);
        else this.produced.push(l.data);
    }
}

/** The payloads of `wanted` that none of `states` has consumed. */
export const unconsumed = (wanted: string[], states: DriverState[]) => wanted.filter((p) => !states.some((s) => s.consumed.has(p)));

/** A short list for messages: the first few items and how many in all. */
export const few = (xs: Iterable<string>, n = 5) => { const a = [...xs]; return a.length <= n ? `[${a.join(", ")}]` : `[${a.slice(0, n).join(", ")}, ... ${a.length} in all]`; };

/** Hash keys spread evenly over the 128-bit space, so every open shard gets records. */
export function spreadHashKeys(n: number): string[] {
    const space = 1n << 128n;
    return Array.from({ length: n }, (_, i) => ((space * BigInt(2 * i + 1)) / BigInt(2 * n)).toString());
}

/** The middle of a shard's hash range: the new starting hash key of the upper child of a split. */
export const middleHashKey = (s: Pick<Shard, "HashKeyRange">) => ((BigInt(s.HashKeyRange!.StartingHashKey!) + BigInt(s.HashKeyRange!.EndingHashKey!) + 1n) / 2n).toString();

/** The user records inside a Kinesis record: itself, or the records of a KPL aggregate (magic, protobuf, MD5). */
export function deaggregate(data: Uint8Array): Buffer[] {
    const b = Buffer.from(data);
    if (b.length < 20 || b.readUInt32BE(0) !== 0xf3899ac2) return [b];
    const msg = b.subarray(4, b.length - 16);
    const out: Buffer[] = [];
    for (const rec of fields(msg)) if (rec.no === 3 && rec.bytes) for (const f of fields(rec.bytes)) if (f.no === 3 && f.bytes) out.push(f.bytes);
    return out;
}

function fields(buf: Buffer): { no: number; bytes?: Buffer }[] {
    const out: { no: number; bytes?: Buffer }[] = [];
    let at = 0;
    const varint = () => { let v = 0, mul = 1; for (;;) { const x = buf[at++]; v += (x & 0x7f) * mul; mul *= 128; if (x < 128) return v; } };
    while (at < buf.length) {
        const key = varint(), no = Math.floor(key / 8), wire = key & 7;
        if (wire === 0) { varint(); out.push({ no }); }
        else if (wire === 2) { const n = varint(); out.push({ no, bytes: buf.subarray(at, at + n) }); at += n; }
        else if (wire === 1) at += 8;
        else if (wire === 5) at += 4;
        else throw new Error(`protobuf: wire type ${wire}`);
    }
    return out;
}

// ---- admin calls (not recorded) ----
export function adminClients(endpoints: { [k: string]: string }) {
    const base = { region: endpoints.AWS_REGION ?? "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, requestHandler: new NodeHttpHandler(), maxAttempts: 5 };
    return { kinesis: new KinesisClient({ ...base, endpoint: endpoints.KINESIS_ENDPOINT }), dynamodb: new DynamoDBClient({ ...base, endpoint: endpoints.DYNAMODB_ENDPOINT }) };
}

async function waitActive(k: KinesisClient, stream: string, totalMs: number) {
    await poll(`stream ${stream} ACTIVE`, async () =>
        (await k.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary?.StreamStatus === "ACTIVE", { totalMs, everyMs: 100 });
}

async function listShards(k: KinesisClient, stream: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let out: ListShardsCommandOutput | undefined;
    do {
        out = await k.send(new ListShardsCommand(out?.NextToken ? { NextToken: out.NextToken } : { StreamName: stream }));
        shards.push(...(out.Shards ?? []));
    } while (out.NextToken);
    return shards;
}

async function putBatch(k: KinesisClient, stream: string, payloads: string[]) {
    const keys = spreadHashKeys(payloads.length);
    let pending = payloads.map((p, i) => ({ PartitionKey: p, ExplicitHashKey: keys[i], Data: Buffer.from(p) }));
    for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 5) throw new Error(`admin PutRecords: ${pending.length} records still failing`);
        const out = await k.send(new PutRecordsCommand({ StreamName: stream, Records: pending }));
        pending = pending.filter((_, i) => out.Records?.[i]?.ErrorCode);
    }
}

async function leaseKeys(d: DynamoDBClient, table: string): Promise<string[]> {
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
        let it = (await k.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId!, ShardIteratorType: "TRIM_HORIZON" }))).ShardIterator;
        for (let i = 0; it && i < 1000; i++) {
            const out = await k.send(new GetRecordsCommand({ ShardIterator: it }));
            for (const r of out.Records ?? []) data.push(...deaggregate(r.Data!).map((b) => b.toString("utf8")));
            if (!out.Records?.length && (out.MillisBehindLatest ?? 0) === 0) break;
            it = out.NextShardIterator;
        }
    }
    return data;
}

// ---- the scenarios ----
export interface Phase { name: string; ms: number; put?: number; consumed?: number }

class Driver {
    readonly state = new DriverState();
    readonly child: Child;
    expectExit = false;
    constructor(readonly worker: string, logName: string, l: ReturnType<Launch>) {
        this.child = new Child(logName, l.command, l.args, { env: l.env, cwd: l.cwd, onLine: (line) => this.state.apply(line) });
    }
}

function driverEnv(endpoints: { [k: string]: string }, worker: string, stream: string, extra: { [k: string]: string | undefined }) {
    const env: { [k: string]: string } = { ...endpoints, CONFORMANCE_WORKER: worker, CONF_STREAM: stream };
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
    return env;
}

/** Runs `step` as a named phase: its time is recorded; a failure says the phase and every driver's last output. */
async function phase<T>(phases: Phase[], name: string, drivers: Driver[], step: () => Promise<T>, counts?: (t: T) => Omit<Phase, "name" | "ms">): Promise<T> {
    const start = Date.now();
    try {
        const t = await step();
        phases.push({ name, ms: Date.now() - start, ...(counts ? counts(t) : {}) });
        return t;
    } catch (e) {
        const tails = drivers.map((d) => d.child.tail()).join("\n");
        throw new Error(`phase "${name}" failed: ${(e as Error).message}\n${tails}`);
    }
}

export interface ConsumerTimeouts { ready: number; consume: number; reshard: number; leaseCleanup: number; failover: number; shutdown: number }
const CONSUMER_TIMEOUTS: ConsumerTimeouts = { ready: 120000, consume: 90000, reshard: 30000, leaseCleanup: 90000, failover: 120000, shutdown: 60000 };

export interface ConsumerScenario {
    endpoints: { [k: string]: string };
    stream: string;
    app: string;
    launch: Launch;
    recordFile: string;
    beforeWorkers?: () => Promise<void>;
    timeouts?: Partial<ConsumerTimeouts>;
    batch?: number;
}

export async function runConsumerScenario(o: ConsumerScenario): Promise<{ phases: Phase[]; ms: number }> {
    const to = { ...CONSUMER_TIMEOUTS, ...o.timeouts };
    const n = o.batch ?? 20;
    const { kinesis, dynamodb } = adminClients(o.endpoints);
    const phases: Phase[] = [];
    const drivers: Driver[] = [];
    const start = Date.now();
    // A worker that dies when it should not ends the wait at once.
    const fail = () => drivers.filter((d) => !d.expectExit && !d.child.running).map((d) => `${d.worker} exited unexpectedly`).join("; ") || undefined;
    const wait = (what: string, check: () => boolean | Promise<boolean>, totalMs: number, seen: () => string) =>
        poll(what, async () => { const f = fail(); if (f) throw Object.assign(new Error(f), { fatal: true }); return check(); }, { totalMs, seen });
    const batch = async (label: string, waitFor: () => DriverState[], totalMs: number) => {
        const payloads = Array.from({ length: n }, (_, i) => `${o.app}-${label}-${i}`);
        await putBatch(kinesis, o.stream, payloads);
        await wait(`all ${n} records of ${label} consumed by ${waitFor().length === 1 ? "w2" : "some worker"}`,
            () => unconsumed(payloads, waitFor()).length === 0, totalMs, () => `missing ${few(unconsumed(payloads, waitFor()))}`);
        return { put: n, consumed: n };
    };
    try {
        await phase(phases, "create-stream", drivers, async () => {
            await kinesis.send(new CreateStreamCommand({ StreamName: o.stream, ShardCount: 2 }));
            await waitActive(kinesis, o.stream, to.reshard);
            await o.beforeWorkers?.();
        });
        await phase(phases, "start-workers", drivers, async () => {
            for (const w of ["w1", "w2"]) {
                drivers.push(new Driver(w, `${o.app}-${w}`, o.launch(w, driverEnv(o.endpoints, w, o.stream, { CONF_APP: o.app, CONFORMANCE_RECORD: o.recordFile }))));
            }
            await wait("READY from w1 and w2", () => drivers.every((d) => d.state.ready), to.ready,
                () => `ready: ${few(drivers.filter((d) => d.state.ready).map((d) => d.worker))}`);
        });
        const all = () => drivers.map((d) => d.state);
        await phase(phases, "consume", drivers, () => batch("b1", all, to.consume), (c) => c);
        const parents = await phase(phases, "reshard", drivers, async () => {
            const [s0, s1] = (await listShards(kinesis, o.stream)).sort((a, b) => (BigInt(a.HashKeyRange!.StartingHashKey!) < BigInt(b.HashKeyRange!.StartingHashKey!) ? -1 : 1));
            const mid = middleHashKey(s0);
            await kinesis.send(new SplitShardCommand({ StreamName: o.stream, ShardToSplit: s0.ShardId!, NewStartingHashKey: mid }));
            await waitActive(kinesis, o.stream, to.reshard);
            const upper = (await listShards(kinesis, o.stream)).find((s) => s.ParentShardId === s0.ShardId && s.HashKeyRange?.StartingHashKey === mid);
            if (!upper) throw new Error(`no upper child of ${s0.ShardId} starting at ${mid}`);
            await kinesis.send(new MergeShardsCommand({ StreamName: o.stream, ShardToMerge: upper.ShardId!, AdjacentShardToMerge: s1.ShardId! }));
            await waitActive(kinesis, o.stream, to.reshard);
            return [s0.ShardId!, s1.ShardId!, upper.ShardId!];
        });
        await phase(phases, "consume-children", drivers, async () => {
            const c = await batch("b2", all, to.consume);
            await wait(`SHARD_END for ${few(parents)}`, () => parents.every((p) => drivers.some((d) => d.state.shardEnds.has(p))), to.consume,
                () => `shard ends: ${few(new Set(drivers.flatMap((d) => [...d.state.shardEnds])))}`);
            return c;
        }, (c) => c);
        let remaining: string[] = [];
        await phase(phases, "lease-cleanup", drivers, () => wait(`the leases of ${few(parents)} gone from table ${o.app}`, async () => {
            const keys = await leaseKeys(dynamodb, o.app);
            remaining = parents.filter((p) => keys.includes(p));
            return remaining.length === 0;
        }, to.leaseCleanup, () => `parent leases remaining: ${few(remaining)}`));
        await phase(phases, "failover", drivers, async () => {
            drivers[0].expectExit = true;
            drivers[0].child.kill("SIGKILL");
            return batch("b3", () => [drivers[1].state], to.failover);
        }, (c) => c);
        await phase(phases, "shutdown", drivers, async () => {
            const w2 = drivers[1];
            w2.expectExit = true;
            w2.child.kill("SIGTERM");
            await wait("SHUTDOWN_COMPLETE from w2 and its exit", () => w2.state.shutdownComplete && !w2.child.running, to.shutdown,
                () => `SHUTDOWN_COMPLETE ${w2.state.shutdownComplete ? "printed" : "not printed"}, ${w2.child.running ? "running" : "exited"}`);
            if (w2.child.exitCode !== 0) throw new Error(`w2 exited with ${w2.child.exitCode ?? w2.child.exitSignal}, not 0`);
        });
        return { phases, ms: Date.now() - start };
    } finally {
        await Promise.all(drivers.map((d) => d.child.stop(3000)));
        kinesis.destroy();
        dynamodb.destroy();
    }
}

export interface ProducerScenario { endpoints: { [k: string]: string }; stream: string; launch: Launch; count: number; recordFile?: string; timeoutMs?: number }

export async function runProducerScenario(o: ProducerScenario): Promise<{ phases: Phase[]; ms: number }> {
    const { kinesis } = adminClients(o.endpoints);
    const phases: Phase[] = [];
    const drivers: Driver[] = [];
    const start = Date.now();
    try {
        await phase(phases, "create-stream", drivers, async () => {
            await kinesis.send(new CreateStreamCommand({ StreamName: o.stream, ShardCount: 1 }));
            await waitActive(kinesis, o.stream, 30000);
        });
        const produced = await phase(phases, "produce", drivers, async () => {
            const d = new Driver("producer", `${o.stream}-producer`, o.launch("producer", driverEnv(o.endpoints, "producer", o.stream, { CONF_COUNT: String(o.count), CONFORMANCE_RECORD: o.recordFile })));
            drivers.push(d);
            d.expectExit = true;
            await poll("the producer's exit", () => !d.child.running, { totalMs: o.timeoutMs ?? 120000, everyMs: 100, seen: () => `${d.state.produced.length} PRODUCED lines` });
            if (d.child.exitCode !== 0) throw new Error(`producer exited with ${d.child.exitCode ?? d.child.exitSignal}, not 0`);
            if (d.state.produced.length !== o.count) throw new Error(`${d.state.produced.length} PRODUCED lines, expected ${o.count}`);
            return d.state.produced;
        }, (p) => ({ put: p.length }));
        await phase(phases, "verify-stream", drivers, async () => {
            let missing: string[] = produced;
            await poll(`all ${produced.length} produced records in stream ${o.stream}`, async () => {
                const inStream = new Set(await readStream(kinesis, o.stream));
                missing = produced.filter((p) => !inStream.has(p));
                return missing.length === 0;
            }, { totalMs: 20000, everyMs: 500, seen: () => `missing ${few(missing)}` });
            return produced.length;
        }, (c) => ({ consumed: c }));
        return { phases, ms: Date.now() - start };
    } finally {
        await Promise.all(drivers.map((d) => d.child.stop(3000)));
        kinesis.destroy();
    }
}
