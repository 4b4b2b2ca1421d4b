// Records at rest in a stream without server-side encryption are readable to anyone with storage access.

import { isUnknown, Props } from "../iam/values";
import { TYPES } from "../iam/sources";
import { BaseConfig, schema, withDefaults } from "./config";
import { Finding, resourcePolicy, ResourceRule } from "./common";

export interface StreamEncryptionConfig extends BaseConfig {
    /** Also refuse the AWS managed key (alias/aws/kinesis): require a customer managed key. */
    requireCustomerManagedKey: boolean;
}

export const STREAM_ENCRYPTION_DEFAULTS: StreamEncryptionConfig = { exemptResources: [], requireCustomerManagedKey: false };

export function checkStreamEncryption(props: Props, config: Partial<StreamEncryptionConfig> = {}): Finding[] {
    const c = withDefaults(STREAM_ENCRYPTION_DEFAULTS, config);
    const type = props.encryptionType;
    if (isUnknown(type)) return [];
    if (type !== "KMS") {
        const is = type === undefined ? "unset" : JSON.stringify(type);
        const message =
            `the stream has no server-side encryption (encryptionType ${is}); ` +
            'set encryptionType "KMS" (alias/aws/kinesis or a customer managed key).';
        return [{ message, details: { encryptionType: type ?? null } }];
    }
    const key = props.kmsKeyId;
    const awsManaged =
        key === undefined || key === "alias/aws/kinesis" || (typeof key === "string" && key.endsWith(":alias/aws/kinesis"));
    if (c.requireCustomerManagedKey && !isUnknown(key) && awsManaged) {
        const message =
            "the stream is encrypted with the AWS managed key alias/aws/kinesis; this stack requires a customer managed KMS key.";
        return [{ message, details: { kmsKeyId: key ?? null } }];
    }
    return [];
}

export const streamEncryptionRule: ResourceRule<StreamEncryptionConfig> = {
    name: "kinesis-stream-encrypted",
    description: "Kinesis streams should use server-side encryption with KMS.",
    enforcementLevel: "advisory",
    configSchema: schema({
        requireCustomerManagedKey: { type: "boolean", description: "Refuse alias/aws/kinesis; require a customer managed key." },
    }),
    defaults: STREAM_ENCRYPTION_DEFAULTS,
    types: [TYPES.kinesisStream],
    check: (_type, props, config) => checkStreamEncryption(props, config),
};

export const streamEncryption = resourcePolicy(streamEncryptionRule);
