import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentChecker, KMS_KEY_ARN_RE } from "./grants";

/** The AWS managed key for Kinesis: no key policy or IAM grant is needed to use it. */
export const AWS_MANAGED_KINESIS_KEY = "alias/aws/kinesis";

export type StreamCapacity = { mode: "provisioned"; shards: number } | { mode: "on-demand" };

export interface KinesisStreamArgs {
    /** Physical stream name; default: Pulumi autonaming from the resource name. */
    name?: string;
    /** Default `{ mode: "provisioned", shards: 1 }`, as in the tutorial. */
    capacity?: StreamCapacity;
    /** Record retention in hours, 24..8760. Default 24. */
    retentionHours?: number;
    /** Server-side encryption. Default: the AWS managed key `alias/aws/kinesis`; `false` turns it off. */
    encryption?: { kmsKeyArn: pulumi.Input<string> } | false;
    /**
     * Keep the stream (and its records) when it is removed from the program or the stack is destroyed.
     * Default true; only an explicit `false` lets Pulumi delete it.
     */
    retainOnDelete?: boolean;
    tags?: Record<string, string>;
}

/** An Amazon Kinesis data stream, encrypted and protected from accidental deletion by default. */
export class KinesisStream extends pulumi.ComponentResource {
    readonly stream: aws.kinesis.Stream;
    readonly arn: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    /** The customer managed key's ARN; undefined with the AWS managed key or no encryption. */
    readonly kmsKeyArn: pulumi.Output<string | undefined>;
    /** Known when the program runs: whether producers and consumers need KMS permissions. */
    readonly customerManagedKey: boolean;
    /** The physical name when given, so policy sizes can be planned before the ARN exists. */
    readonly physicalName?: string;

    constructor(name: string, args: KinesisStreamArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const a = validateStreamArgs(name, args);
        super("kinesis-access:index:KinesisStream", name, {}, opts);

        const kmsKeyId = a.kmsKeyArn === undefined ? undefined : typeof a.kmsKeyArn === "string" ? a.kmsKeyArn : pulumi.output(a.kmsKeyArn).apply((k) => checkKmsKey(name, k));
        this.customerManagedKey = a.kmsKeyArn !== undefined && a.kmsKeyArn !== AWS_MANAGED_KINESIS_KEY;
        this.physicalName = a.name;

        this.stream = new aws.kinesis.Stream(
            name,
            {
                ...(a.name ? { name: a.name } : {}),
                ...(a.capacity.mode === "provisioned"
                    ? { shardCount: a.capacity.shards, streamModeDetails: { streamMode: "PROVISIONED" } }
                    : { streamModeDetails: { streamMode: "ON_DEMAND" } }),
                retentionPeriod: a.retentionHours,
                ...(kmsKeyId ? { encryptionType: "KMS", kmsKeyId } : { encryptionType: "NONE" }),
                // Deleting a stream with registered consumers must be a deliberate act.
                enforceConsumerDeletion: false,
                tags: a.tags,
            },
            { parent: this, retainOnDelete: a.retainOnDelete },
        );
        this.arn = this.stream.arn;
        this.name = this.stream.name;
        this.kmsKeyArn = this.customerManagedKey && kmsKeyId ? pulumi.output(kmsKeyId as pulumi.Input<string | undefined>) : pulumi.output<string | undefined>(undefined);
        this.registerOutputs({ arn: this.arn, name: this.name, kmsKeyArn: this.kmsKeyArn });
    }
}

interface ValidStreamArgs {
    name?: string;
    capacity: StreamCapacity;
    retentionHours: number;
    kmsKeyArn?: pulumi.Input<string>;
    retainOnDelete: boolean;
    tags?: Record<string, string>;
}

function validateStreamArgs(resourceName: string, args: unknown): ValidStreamArgs {
    const c = new ArgumentChecker("KinesisStream", resourceName);
    const a = c.object("args", args ?? {});
    c.knownKeys("", a, ["name", "capacity", "retentionHours", "encryption", "retainOnDelete", "tags"]);
    const name = a.name === undefined ? undefined : c.name("name", a.name, "stream");

    let capacity: StreamCapacity = { mode: "provisioned", shards: 1 };
    if (a.capacity !== undefined) {
        const cap = c.object("capacity", a.capacity, '{ mode: "provisioned", shards } or { mode: "on-demand" }');
        const mode = c.oneOf("capacity.mode", cap.mode, ["provisioned", "on-demand"] as const);
        if (mode === "provisioned") {
            c.knownKeys("capacity", cap, ["mode", "shards"]);
            capacity = { mode, shards: c.integer("capacity.shards", cap.shards, 1, 100_000) };
        } else {
            if (cap.shards !== undefined) c.fail("capacity.shards", cap.shards, 'no shard count with mode "on-demand" (on-demand streams scale by themselves)');
            c.knownKeys("capacity", cap, ["mode"]);
            capacity = { mode };
        }
    }
    const retentionHours = a.retentionHours === undefined ? 24 : c.integer("retentionHours", a.retentionHours, 24, 8760);

    let kmsKeyArn: pulumi.Input<string> | undefined = AWS_MANAGED_KINESIS_KEY;
    if (a.encryption === false) {
        kmsKeyArn = undefined;
    } else if (a.encryption !== undefined) {
        const enc = c.object("encryption", a.encryption, "{ kmsKeyArn } or false");
        c.knownKeys("encryption", enc, ["kmsKeyArn"]);
        const k = enc.kmsKeyArn;
        if (typeof k === "string") {
            if (k !== AWS_MANAGED_KINESIS_KEY && !KMS_KEY_ARN_RE.test(k)) {
                c.fail("encryption.kmsKeyArn", k, `a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>) or "${AWS_MANAGED_KINESIS_KEY}"`);
            }
        } else if (!pulumi.Output.isInstance(k) && !(k instanceof Promise)) {
            c.fail("encryption.kmsKeyArn", k, "a KMS key ARN string or a pulumi Output of one");
        }
        kmsKeyArn = k as pulumi.Input<string>;
    }
    const retainOnDelete = a.retainOnDelete === undefined ? true : c.boolean("retainOnDelete", a.retainOnDelete);
    const tags = a.tags === undefined ? undefined : checkTags(c, a.tags);
    return { name, capacity, retentionHours, kmsKeyArn, retainOnDelete, tags };
}

/** Values only known at deployment are checked when they resolve, with the same message. */
function checkKmsKey(resourceName: string, k: string): string {
    if (k !== AWS_MANAGED_KINESIS_KEY && !KMS_KEY_ARN_RE.test(k)) {
        new ArgumentChecker("KinesisStream", resourceName).fail(
            "encryption.kmsKeyArn",
            k,
            `a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>) or "${AWS_MANAGED_KINESIS_KEY}"`,
        );
    }
    return k;
}

export function checkTags(c: ArgumentChecker, value: unknown): Record<string, string> {
    const t = c.object("tags", value, "an object of string tag values");
    for (const [k, v] of Object.entries(t)) {
        if (typeof v !== "string" || k.length < 1 || k.length > 128 || v.length > 256) c.fail(`tags.${k}`, v, "a string of at most 256 characters under a key of 1-128 characters");
    }
    // A copy: the SDK cannot serialize a null-prototype object and would fail after registration began.
    return { ...(t as Record<string, string>) };
}
