// One measured run in a fresh process: `components|raw|parented N` (N = 0: the seed scenario). Prints one JSON line.
// Modules are loaded before the clock starts, so the figures are the program's own cost.
// `components|raw N dump`: every registration's type, name and inputs instead (bench/run.ts checks they match).
// `size K1,K2,...`: one StreamApplication consuming K streams for each K; the policies it registers, by size.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
// BENCH_COMPONENTS=<dir>: another copy of components/ (a prototype of a change, say), for the N-set programs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KinesisStream, StreamApplication } = require(
    process.env.BENCH_COMPONENTS ?? "../../components",
) as typeof import("../../components");
import { createMocks } from "../../tools/lib/mocks";
import type { MockMonitor } from "../../test/harness/pulumi";

const [variant, nArg, mode] = process.argv.slice(2);
const dump = mode === "dump" || variant === "size";
const n = Number(nArg);
const REGION = "us-west-2";
const ACCOUNT = "123456789012";

/** N producer+consumer sets through the components. */
function components(count: number): void {
    for (let i = 0; i < count; i++) {
        const stream = new KinesisStream(`s${i}`, { name: `stream-${i}` });
        new StreamApplication(`app${i}`, {
            identity: { user: { name: `user-${i}` } },
            produces: [stream],
            consumes: [{ stream, kcl: "2.x", enhancedFanOut: false }],
            applicationName: `app-${i}`,
            leaseTables: "created-by-kcl",
        });
    }
}

/** A component resource with no code of its own. */
class Bare extends pulumi.ComponentResource {
    constructor(type: string, name: string) {
        super(type, name, {});
    }
    done(outputs: pulumi.Inputs): void {
        this.registerOutputs(outputs);
    }
}

const doc = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** The producer policy StreamApplication writes for a stream, by hand. */
const producerDoc = (arn: string) =>
    doc([{ Sid: "SdkProducer", Effect: "Allow", Action: ["kinesis:PutRecord", "kinesis:PutRecords"], Resource: [arn] }]);

/** The consumer policy StreamApplication writes for set i (KCL 2.x polling, its own lease table), by hand. */
function consumerDoc(arn: string, i: number): string {
    const table = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/app-${i}`;
    return doc([
        {
            Sid: "KclLeaseTable",
            Effect: "Allow",
            Action: [
                "dynamodb:CreateTable",
                "dynamodb:DeleteItem",
                "dynamodb:DescribeTable",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Scan",
                "dynamodb:UpdateItem",
            ],
            Resource: [table],
        },
        {
            Sid: "KclMetrics",
            Effect: "Allow",
            Action: ["cloudwatch:PutMetricData"],
            Resource: ["*"],
            Condition: { StringEquals: { "cloudwatch:namespace": `app-${i}` } },
        },
        {
            Sid: "KclReadStream",
            Effect: "Allow",
            Action: ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"],
            Resource: [arn],
        },
    ]);
}

/**
 * The same cloud resources and policy JSON written by hand with raw @pulumi/aws resources (`dump` shows they match).
 * `parented`: the same, under two bare ComponentResources per set with the components' type tokens, names and
 * registered outputs: what the component resources themselves cost, apart from the components' own code.
 */
function raw(count: number, parented = false): void {
    const COMPONENT = "kinesis-access:component";
    const PROFILES = "kinesis-access:profiles";
    for (let i = 0; i < count; i++) {
        const streamParent = parented ? new Bare("kinesis-access:index:KinesisStream", `s${i}`) : undefined;
        const appParent = parented ? new Bare("kinesis-access:index:StreamApplication", `app${i}`) : undefined;
        const opts = { parent: appParent };
        const stream = new aws.kinesis.Stream(
            `s${i}`,
            {
                name: `stream-${i}`,
                shardCount: 1,
                streamModeDetails: { streamMode: "PROVISIONED" },
                retentionPeriod: 24,
                encryptionType: "KMS",
                kmsKeyId: "alias/aws/kinesis",
                enforceConsumerDeletion: false,
            },
            { retainOnDelete: true, parent: streamParent },
        );
        const tags = { [COMPONENT]: "StreamApplication" };
        const user = new aws.iam.User(`app${i}`, { name: `user-${i}`, tags }, opts);
        const producer = new aws.iam.Policy(
            `app${i}-producer`,
            {
                description: `Produce to Kinesis streams as app-${i} (kinesis-access)`,
                policy: stream.arn.apply(producerDoc),
                tags: { ...tags, [PROFILES]: "sdk-producer-stream" },
            },
            opts,
        );
        const consumer = new aws.iam.Policy(
            `app${i}-consumer`,
            {
                description: `Consume from Kinesis streams as app-${i} (kinesis-access)`,
                policy: stream.arn.apply((arn) => consumerDoc(arn, i)),
                tags: { ...tags, [PROFILES]: "kcl-2.x-stream kcl-1.x-2.x-lease-table-created-by-kcl kcl-cloudwatch-metrics" },
            },
            opts,
        );
        new aws.iam.UserPolicyAttachment(`app${i}-producer`, { user: user.name, policyArn: producer.arn }, opts);
        new aws.iam.UserPolicyAttachment(`app${i}-consumer`, { user: user.name, policyArn: consumer.arn }, opts);
        streamParent?.done({ arn: stream.arn, name: stream.name, kmsKeyArn: pulumi.output(undefined) });
        appParent?.done({ userName: user.name, roleArn: undefined, accessKeyId: undefined, secretAccessKey: undefined });
    }
}

/** For each K, one identity consuming K streams (KCL 3.x with enhanced fan-out, the default; provisioned tables). */
function sizes(ks: number[]): void {
    for (const k of ks) {
        const streams = Array.from(
            { length: k },
            (_, i) => new KinesisStream(`k${k}-s${i}`, { name: `orders-stream-${String(i).padStart(3, "0")}` }),
        );
        new StreamApplication(`k${k}-app`, {
            identity: {
                role: { name: `k${k}-consumer`, assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) },
            },
            consumes: streams.map((stream) => ({ stream })),
            applicationName: `orders-app-k${k}`,
        });
    }
}

async function main() {
    const mocks = createMocks({ region: REGION, preview: false, stack: "bench", project: "kinesis-access" });
    pulumi.runtime.setAllConfig({ "aws:region": REGION });
    await pulumi.runtime.setMocks(mocks as unknown as pulumi.runtime.Mocks, "kinesis-access", "bench", false);
    let registrations = 0;
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
    const register = monitor.registerResource.bind(monitor);
    const dumped: { type: string; name: string; custom: boolean; inputs: unknown }[] = [];
    monitor.registerResource = (req, cb) => {
        registrations++;
        if (dump)
            dumped.push({
                type: req.getType(),
                name: req.getName(),
                custom: req.getCustom(),
                inputs: req.getObject()?.toJavaScript() ?? {},
            });
        return register(req, cb);
    };

    // The SDK records a stack trace for every promise it creates; under ts-node each one is rewritten through
    // source maps, which dominated the profile (about 60% of the time) and grows with the program. Both variants
    // pay it equally, so it is switched off here to measure what the components themselves cost. (bench/run.ts
    // starts workers with bench/lib/register.js, which installs no source-map support; this also covers ts-node.)
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    // @pulumi/aws loads each module on first use: load the ones these programs use before the clock starts.
    void [
        aws.kinesis.Stream,
        aws.iam.User,
        aws.iam.Role,
        aws.iam.Policy,
        aws.iam.AccessKey,
        aws.iam.UserPolicyAttachment,
        aws.iam.RolePolicyAttachment,
    ];
    void [aws.dynamodb.Table, aws.dynamodb.KinesisStreamingDestination, aws.getCallerIdentityOutput, aws.getPartitionOutput];
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    if (n === 0) {
        // The seed scenario: index.ts itself, or its raw counterpart.
        // Loaded by computed path, only now that the clock runs.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        if (variant === "components") require(path.join(__dirname, "..", "..", "index"));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        else require(path.join(__dirname, "..", "programs", "seedRaw"));
    } else if (variant === "size") sizes(nArg.split(",").map(Number));
    else if (variant === "components") components(n);
    else raw(n, variant === "parented");
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1e3;
    const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
    // What the program itself added to the process's peak (modules are loaded before rss0).
    const growthMb = peakRssMb - rss0 / 2 ** 20;
    if (dump) process.stdout.write(JSON.stringify(dumped) + "\n");
    else process.stdout.write(JSON.stringify({ variant, n, ms, cpuMs, peakRssMb, growthMb, registrations }) + "\n");
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
