// Producer drivers on the AWS SDK for JavaScript v3, recorded by ./recorder.ts. Configured by the driver contract's
// environment (conformance/README.md). Usage: node -r ts-node/register/transpile-only conformance/node/producer.ts sdk|tutorial
//   sdk:      a plain SDK producer: the first record with PutRecord, the rest in PutRecords batches.
//   tutorial: the AWS tutorial's writer: DescribeStream until ACTIVE, then PutRecord per record.
import { DescribeStreamCommand, KinesisClient, PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { record } from "./recorder";

const BATCH = 25;

function env(name: string): string {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
}

export function kinesisClient(): KinesisClient {
    return new KinesisClient({
        endpoint: env("KINESIS_ENDPOINT"),
        region: env("AWS_REGION"),
        credentials: { accessKeyId: env("AWS_ACCESS_KEY_ID"), secretAccessKey: env("AWS_SECRET_ACCESS_KEY") },
        // kinesis-local's plain port fails under the SDK's default HTTP/2 handler.
        requestHandler: new NodeHttpHandler(),
        maxAttempts: 3,
    });
}

const produced = (data: string) => process.stdout.write(`PRODUCED ${data}\n`);
const bytes = (s: string) => new TextEncoder().encode(s);

async function sdk(client: KinesisClient, stream: string, payloads: string[]) {
    const [first, ...rest] = payloads;
    if (first !== undefined) {
        await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: first, Data: bytes(first) }));
        produced(first);
    }
    for (let i = 0; i < rest.length; i += BATCH) {
        let pending = rest.slice(i, i + BATCH);
        // PutRecords may fail some entries (throttling): resend only those, a bounded number of times.
        for (let attempt = 0; pending.length > 0; attempt++) {
            if (attempt === 5) throw new Error(`PutRecords: ${pending.length} records still failing after ${attempt} attempts`);
            const out = await client.send(
                new PutRecordsCommand({ StreamName: stream, Records: pending.map((p) => ({ PartitionKey: p, Data: bytes(p) })) }),
            );
            const failed: string[] = [];
            (out.Records ?? []).forEach((r, j) => (r.ErrorCode ? failed.push(pending[j]) : produced(pending[j])));
            pending = failed;
        }
    }
}

async function tutorial(client: KinesisClient, stream: string, payloads: string[]) {
    for (let i = 0; ; i++) {
        const out = await client.send(new DescribeStreamCommand({ StreamName: stream }));
        if (out.StreamDescription?.StreamStatus === "ACTIVE") break;
        if (i === 60) throw new Error(`stream ${stream} not ACTIVE after ${i} DescribeStream calls`);
        await new Promise((r) => setTimeout(r, 500));
    }
    for (const p of payloads) {
        await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: p, Data: bytes(p) }));
        produced(p);
    }
}

async function main(mode: string | undefined) {
    if (mode !== "sdk" && mode !== "tutorial") throw new Error(`usage: producer.ts sdk|tutorial (got ${mode ?? "nothing"})`);
    const client = kinesisClient();
    record(client, "kinesis");
    const stream = env("CONF_STREAM");
    const count = Number(env("CONF_COUNT"));
    if (!Number.isInteger(count) || count < 0) throw new Error(`CONF_COUNT must be a count, got ${process.env.CONF_COUNT}`);
    const run = `${process.env.CONFORMANCE_WORKER ?? "producer"}-${process.pid}`;
    const payloads = Array.from({ length: count }, (_, i) => `${run}-${i}`);
    await (mode === "sdk" ? sdk : tutorial)(client, stream, payloads);
    client.destroy();
}

if (require.main === module) {
    main(process.argv[2]).then(
        () => process.exit(0),
        (e) => {
            process.stderr.write(`producer failed: ${(e as Error).stack ?? e}\n`);
            process.exit(1);
        },
    );
}
