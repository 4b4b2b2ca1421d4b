// Streams as the components take them: a KinesisStream of this program or { arn, kmsKeyArn? }, checked and resolved.
import * as pulumi from "@pulumi/pulumi";
import { ArgumentChecker, KMS_KEY_ARN_RE, StreamRef } from "./grants";
import { whenResolved } from "./stack";
import { AWS_MANAGED_KINESIS_KEY, KinesisStream } from "./stream";

export { COMPONENT_TAG, EXTRA_POLICIES_TAG, PROFILES_TAG } from "./grants";

/** A stream of this program, or one from elsewhere (another stack) by ARN. */
export type StreamLike = KinesisStream | { arn: pulumi.Input<string>; kmsKeyArn?: pulumi.Input<string> };

const STREAM_ARN_RE = /^arn:[a-z][a-z0-9-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/;
const STREAM_ARN_ALLOWED = "a Kinesis stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>)";
const KEY_ALLOWED = `a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>) or "${AWS_MANAGED_KINESIS_KEY}"`;

function checkStreamArn(c: ArgumentChecker, argument: string, v: unknown): string {
    if (typeof v !== "string" || !STREAM_ARN_RE.test(v)) c.fail(argument, v, STREAM_ARN_ALLOWED);
    return v;
}

function checkKeyArn(c: ArgumentChecker, argument: string, v: unknown): string {
    if (typeof v !== "string" || (v !== AWS_MANAGED_KINESIS_KEY && !KMS_KEY_ARN_RE.test(v))) c.fail(argument, v, KEY_ALLOWED);
    return v;
}

const isDeferred = (v: unknown) => pulumi.Output.isInstance(v) || v instanceof Promise;

export function validateStreamLike(c: ArgumentChecker, argument: string, value: unknown): StreamLike {
    if (value instanceof KinesisStream) return value;
    const s = c.object(argument, value, "a KinesisStream or { arn, kmsKeyArn? }");
    c.knownKeys(argument, s, ["arn", "kmsKeyArn"]);
    if (!isDeferred(s.arn)) checkStreamArn(c, `${argument}.arn`, s.arn);
    if (s.kmsKeyArn !== undefined && !isDeferred(s.kmsKeyArn)) checkKeyArn(c, `${argument}.kmsKeyArn`, s.kmsKeyArn);
    return s as StreamLike;
}

/** Whether a stream has, or may have (a key given as an Output), a customer managed key: decides the resources planned. */
export const isCustomerManaged = (s: StreamLike): boolean =>
    s instanceof KinesisStream ? s.customerManagedKey : s.kmsKeyArn !== undefined && s.kmsKeyArn !== AWS_MANAGED_KINESIS_KEY;

/** Whether customer managed or not is known only once a key given as an Output resolves. */
export const keyResolvesLater = (s: StreamLike): boolean =>
    s instanceof KinesisStream ? s.keyResolvesLater : s.kmsKeyArn !== undefined && typeof s.kmsKeyArn !== "string";

/**
 * The stream as the grants see it, once resolved: Output-valued ARNs and keys are checked then, with the message of the
 * plain value, under `argument` of component `c`. A key that resolves to the AWS managed key means no customer managed key.
 */
export function resolvedStreamRef(c: ArgumentChecker, argument: string, s: StreamLike): pulumi.Output<StreamRef> {
    if (s instanceof KinesisStream) {
        return s.customerManagedKey
            ? pulumi.all([s.arn, s.kmsKeyArn]).apply(([arn, k]) => (k ? { arn, kmsKeyArn: k } : { arn }))
            : s.arn.apply((arn) => ({ arn }));
    }
    const arn = isDeferred(s.arn) ? whenResolved(s.arn, (v) => checkStreamArn(c, `${argument}.arn`, v)) : pulumi.output(s.arn);
    if (s.kmsKeyArn === undefined || s.kmsKeyArn === AWS_MANAGED_KINESIS_KEY) return arn.apply((a) => ({ arn: a }));
    const key = whenResolved(s.kmsKeyArn, (v) => checkKeyArn(c, `${argument}.kmsKeyArn`, v));
    return pulumi.all([arn, key]).apply(([a, k]) => (k === AWS_MANAGED_KINESIS_KEY ? { arn: a } : { arn: a, kmsKeyArn: k }));
}

// The longest partition and region names AWS uses, with margin: policy counts are planned on these.
const WORST_PARTITION_REGION = "arn:aws-iso-xx:kinesis:xx-xxxxxxxxx-1x";
const WORST_ACCOUNT = "123456789012";

/**
 * A stand-in StreamRef whose ARNs are at least as long as the real ones will be, and distinct for every `index`:
 * unknown ARNs that shared one placeholder would deduplicate and plan too few policies (issue 11, item 5).
 */
export function worstCaseStreamRef(s: StreamLike | undefined, index = 0): StreamRef {
    const knownArn = s && !(s instanceof KinesisStream) && typeof s.arn === "string" ? s.arn : undefined;
    const tag = index.toString(36);
    // A named KinesisStream keeps its name (and sort order); its region may still differ, so the account carries the index.
    const account = s instanceof KinesisStream && s.physicalName ? tag.padStart(12, "9") : WORST_ACCOUNT;
    const name = s instanceof KinesisStream && s.physicalName ? s.physicalName : `${"x".repeat(128 - tag.length - 1)}-${tag}`;
    const arn = knownArn ?? `${WORST_PARTITION_REGION}:${account}:stream/${name}`;
    if (!s || !isCustomerManaged(s)) return { arn };
    const key = s instanceof KinesisStream ? undefined : s.kmsKeyArn;
    const worstKey = `arn:aws-iso-xx:kms:xx-xxxxxxxxx-1x:${WORST_ACCOUNT}:key/mrk-${tag.padStart(32, "0")}`;
    return { arn, kmsKeyArn: typeof key === "string" ? key : worstKey };
}
