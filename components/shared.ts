import * as pulumi from "@pulumi/pulumi";
import { ArgumentChecker, KMS_KEY_ARN_RE, StreamRef } from "./grants";
import { AWS_MANAGED_KINESIS_KEY, KinesisStream } from "./stream";

/** Tag naming the component that created an identity or policy; the policy pack's exactness rule reads it. */
export const COMPONENT_TAG = "kinesis-access:component";
/** Tag listing (space-separated) the profiles a managed policy was built from. */
export const PROFILES_TAG = "kinesis-access:profiles";

/** A stream of this program, or one from elsewhere (another stack) by ARN. */
export type StreamLike = KinesisStream | { arn: pulumi.Input<string>; kmsKeyArn?: pulumi.Input<string> };

const refs = new WeakMap<object, pulumi.Output<StreamRef>>();
export function streamRefOf(s: StreamLike): pulumi.Output<StreamRef> {
    let r = refs.get(s);
    if (!r) {
        r = s instanceof KinesisStream && !s.customerManagedKey
            ? s.arn.apply((arn) => ({ arn }))
            : pulumi.all([s.arn, s.kmsKeyArn]).apply(([arn, k]) => (k && k !== AWS_MANAGED_KINESIS_KEY ? { arn, kmsKeyArn: k } : { arn }));
        refs.set(s, r);
    }
    return r;
}

// The longest partition and region names AWS uses, with margin: policy counts are planned on these.
const WORST_PREFIX = "arn:aws-iso-xx:kinesis:xx-xxxxxxxxx-1x:123456789012";
const WORST_KMS = `arn:aws-iso-xx:kms:xx-xxxxxxxxx-1x:123456789012:key/mrk-${"0".repeat(32)}`;

/** A stand-in StreamRef whose ARNs are at least as long as the real ones will be. */
export function worstCaseStreamRef(s: StreamLike | undefined): StreamRef {
    const knownArn = s && !(s instanceof KinesisStream) && typeof s.arn === "string" ? s.arn : undefined;
    const name = s instanceof KinesisStream && s.physicalName ? s.physicalName : "x".repeat(128);
    const arn = knownArn ?? `${WORST_PREFIX}:stream/${name}`;
    const cmk = s instanceof KinesisStream ? s.customerManagedKey : s !== undefined && s.kmsKeyArn !== undefined && s.kmsKeyArn !== AWS_MANAGED_KINESIS_KEY;
    return cmk ? { arn, kmsKeyArn: typeof s?.kmsKeyArn === "string" ? s.kmsKeyArn : WORST_KMS } : { arn };
}

export const isCustomerManaged = (s: StreamLike): boolean =>
    s instanceof KinesisStream ? s.customerManagedKey : s.kmsKeyArn !== undefined && s.kmsKeyArn !== AWS_MANAGED_KINESIS_KEY;

const STREAM_ARN_RE = /^arn:[a-z][a-z0-9-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/;

export function validateStreamLike(c: ArgumentChecker, argument: string, value: unknown): StreamLike {
    if (value instanceof KinesisStream) return value;
    const s = c.object(argument, value, "a KinesisStream or { arn, kmsKeyArn? }");
    c.knownKeys(argument, s, ["arn", "kmsKeyArn"]);
    if (typeof s.arn === "string") {
        if (!STREAM_ARN_RE.test(s.arn)) c.fail(`${argument}.arn`, s.arn, "a Kinesis stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>)");
    } else if (!pulumi.Output.isInstance(s.arn) && !(s.arn instanceof Promise)) {
        c.fail(`${argument}.arn`, s.arn, "a Kinesis stream ARN string or a pulumi Output of one");
    }
    if (typeof s.kmsKeyArn === "string" && s.kmsKeyArn !== AWS_MANAGED_KINESIS_KEY && !KMS_KEY_ARN_RE.test(s.kmsKeyArn)) {
        c.fail(`${argument}.kmsKeyArn`, s.kmsKeyArn, "a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>)");
    }
    return s as StreamLike;
}
