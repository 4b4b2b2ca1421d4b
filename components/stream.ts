import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { COMPONENT_TYPES } from "./grants";
import { AWS_MANAGED_KINESIS_KEY, checkKmsKey, StreamCapacity, validateKinesisStreamArgs } from "./streamArgs";
import { whenResolved } from "./stack";

export { AWS_MANAGED_KINESIS_KEY, checkTags, StreamCapacity } from "./streamArgs";

export interface KinesisStreamArgs {
    /** Physical stream name. Default: Pulumi autonaming from the resource name. */
    name?: string;
    /** Shards or on-demand. Default `{ mode: "provisioned", shards: 1 }`, as in the tutorial. */
    capacity?: StreamCapacity;
    /** Record retention in hours, 24..8760. Default 24. */
    retentionHours?: number;
    /**
     * Server-side encryption. Default: the AWS managed key `alias/aws/kinesis`; `false` turns it off. A key given as an
     * Output is checked when it resolves; if it resolves to `alias/aws/kinesis`, no KMS permission is granted for it.
     */
    encryption?: { kmsKeyArn: pulumi.Input<string> } | false;
    /**
     * Keep the stream (and its records) when it is removed from the program or the stack is destroyed.
     * Default true; only an explicit `false` lets Pulumi delete it.
     */
    retainOnDelete?: boolean;
    /** Tags on the stream. Default: none. */
    tags?: Record<string, string>;
}

/** An Amazon Kinesis data stream, encrypted and protected from accidental deletion by default. */
export class KinesisStream extends pulumi.ComponentResource {
    readonly stream: aws.kinesis.Stream;
    readonly arn: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    /**
     * The customer managed key's ARN; undefined with the AWS managed key (also when an Output key resolves to it) or no
     * encryption.
     */
    readonly kmsKeyArn: pulumi.Output<string | undefined>;
    /** Known when the program runs: whether the stream has, or may have (a key given as an Output), a customer managed key. */
    readonly customerManagedKey: boolean;
    /** Whether the key was given as an Output: then whether it is customer managed is known only once it resolves. */
    readonly keyResolvesLater: boolean;
    /** The physical name when given, so policy sizes can be planned before the ARN exists. */
    readonly physicalName?: string;

    constructor(name: string, args: KinesisStreamArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const a = validateKinesisStreamArgs(name, args);
        super(COMPONENT_TYPES.kinesisStream, name, {}, opts);

        const kmsKeyId =
            a.kmsKeyArn === undefined
                ? undefined
                : typeof a.kmsKeyArn === "string"
                  ? a.kmsKeyArn
                  : whenResolved(a.kmsKeyArn, (k) => checkKmsKey(name, k));
        this.customerManagedKey = a.kmsKeyArn !== undefined && a.kmsKeyArn !== AWS_MANAGED_KINESIS_KEY;
        this.keyResolvesLater = a.kmsKeyArn !== undefined && typeof a.kmsKeyArn !== "string";
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
        // Customer managed or not is decided from the resolved key (issue 11, item 4).
        this.kmsKeyArn =
            this.customerManagedKey && kmsKeyId
                ? pulumi.output(kmsKeyId).apply((k) => (k === AWS_MANAGED_KINESIS_KEY ? undefined : k))
                : pulumi.output<string | undefined>(undefined);
        this.registerOutputs({ stream: this.stream, arn: this.arn, name: this.name, kmsKeyArn: this.kmsKeyArn });
    }
}
