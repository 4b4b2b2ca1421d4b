// KinesisStream's arguments, checked before anything registers (STYLE §3.1).
import * as pulumi from "@pulumi/pulumi";
import { ArgumentChecker, KMS_KEY_ARN_RE } from "./grants";

/** The AWS managed key for Kinesis: no key policy or IAM grant is needed to use it. */
export const AWS_MANAGED_KINESIS_KEY = "alias/aws/kinesis";

export type StreamCapacity = { mode: "provisioned"; shards: number } | { mode: "on-demand" };

/** Internal. Exported for testing. */
export interface ValidStreamArgs {
    name?: string;
    capacity: StreamCapacity;
    retentionHours: number;
    kmsKeyArn?: pulumi.Input<string>;
    retainOnDelete: boolean;
    tags?: Record<string, string>;
}

const KEY_ALLOWED = `a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>) or "${AWS_MANAGED_KINESIS_KEY}"`;

/** Internal. Exported for testing. */
export function validateKinesisStreamArgs(resourceName: string, args: unknown): ValidStreamArgs {
    const c = new ArgumentChecker("KinesisStream", resourceName);
    const a = c.object("args", args ?? {});
    c.knownKeys("", a, ["name", "capacity", "retentionHours", "encryption", "retainOnDelete", "tags"]);
    const name = a.name === undefined ? undefined : c.name("name", a.name, "stream");
    const capacity = a.capacity === undefined ? { mode: "provisioned" as const, shards: 1 } : checkCapacity(c, a.capacity);
    const retentionHours = a.retentionHours === undefined ? 24 : c.integer("retentionHours", a.retentionHours, 24, 8760);

    let kmsKeyArn: pulumi.Input<string> | undefined = AWS_MANAGED_KINESIS_KEY;
    if (a.encryption === false) {
        kmsKeyArn = undefined;
    } else if (a.encryption !== undefined) {
        const enc = c.object("encryption", a.encryption, "{ kmsKeyArn } or false");
        c.knownKeys("encryption", enc, ["kmsKeyArn"]);
        const k = enc.kmsKeyArn;
        if (typeof k === "string") checkKmsKey(resourceName, k);
        else if (!pulumi.Output.isInstance(k) && !(k instanceof Promise))
            c.fail("encryption.kmsKeyArn", k, `${KEY_ALLOWED}, or a pulumi Output of one`);
        kmsKeyArn = k as pulumi.Input<string>;
    }
    const retainOnDelete = a.retainOnDelete === undefined ? true : c.boolean("retainOnDelete", a.retainOnDelete);
    const tags = a.tags === undefined ? undefined : checkTags(c, a.tags);
    return { name, capacity, retentionHours, kmsKeyArn, retainOnDelete, tags };
}

function checkCapacity(c: ArgumentChecker, value: unknown): StreamCapacity {
    const cap = c.object("capacity", value, '{ mode: "provisioned", shards } or { mode: "on-demand" }');
    const mode = c.oneOf("capacity.mode", cap.mode, ["provisioned", "on-demand"] as const);
    if (mode === "provisioned") {
        c.knownKeys("capacity", cap, ["mode", "shards"]);
        return { mode, shards: c.integer("capacity.shards", cap.shards, 1, 100_000) };
    }
    if (cap.shards !== undefined)
        c.fail("capacity.shards", cap.shards, 'no shard count with mode "on-demand" (on-demand streams scale by themselves)');
    c.knownKeys("capacity", cap, ["mode"]);
    return { mode };
}

/** The key check, for the plain value and again when an Output resolves, with the same message. */
export function checkKmsKey(resourceName: string, k: unknown): string {
    if (typeof k !== "string" || (k !== AWS_MANAGED_KINESIS_KEY && !KMS_KEY_ARN_RE.test(k))) {
        new ArgumentChecker("KinesisStream", resourceName).fail("encryption.kmsKeyArn", k, KEY_ALLOWED);
    }
    return k as string;
}

export function checkTags(c: ArgumentChecker, value: unknown): Record<string, string> {
    const t = c.object("tags", value, "an object of string tag values");
    for (const [k, v] of Object.entries(t)) {
        if (typeof v !== "string" || k.length < 1 || k.length > 128 || v.length > 256)
            c.fail(`tags.${k}`, v, "a string of at most 256 characters under a key of 1-128 characters");
    }
    // A copy: the SDK cannot serialize a null-prototype object and would fail after registration began.
    return { ...(t as Record<string, string>) };
}
