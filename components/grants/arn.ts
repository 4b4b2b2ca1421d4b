// ARN building and parsing. Partition-aware: aws, aws-cn, aws-us-gov, ... come from the ARN itself.

export interface ArnParts {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

const ARN_RE = /^arn:([a-z][a-z0-9-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|\*|aws)?:(.+)$/;

export function parseArn(arn: string): ArnParts | undefined {
    const m = ARN_RE.exec(arn);
    if (!m) return undefined;
    return { partition: m[1], service: m[2], region: m[3], account: m[4] ?? "", resource: m[5] };
}

/** Where a stream lives: every ARN a stream's workloads touch is derived from it. */
export interface StreamLocation {
    partition: string;
    region: string;
    account: string;
    name: string;
}

export function streamLocation(streamArn: string): StreamLocation {
    const p = parseArn(streamArn);
    const m = p && p.service === "kinesis" ? /^stream\/([^/]+)$/.exec(p.resource) : null;
    if (!p || !m) {
        throw new Error(
            `stream ARN: "${streamArn}" is not a Kinesis stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>)`,
        );
    }
    return { partition: p.partition, region: p.region, account: p.account, name: m[1] };
}

export function streamArn(loc: StreamLocation): string {
    return `arn:${loc.partition}:kinesis:${loc.region}:${loc.account}:stream/${loc.name}`;
}

/** One enhanced fan-out consumer of a stream by name, any registration: `stream/NAME/consumer/CONSUMER:TIMESTAMP`. */
export function streamConsumerArn(streamArnValue: string, consumerName: string): string {
    return `${streamArnValue}/consumer/${consumerName}:*`;
}

export function tableArn(loc: { partition: string; region: string; account: string }, table: string): string {
    return `arn:${loc.partition}:dynamodb:${loc.region}:${loc.account}:table/${table}`;
}

export function tableIndexArn(tableArnValue: string, index: string): string {
    return `${tableArnValue}/index/${index}`;
}

export function tableName(tableArnValue: string): string {
    const p = parseArn(tableArnValue);
    const m = p && p.service === "dynamodb" ? /^table\/([^/]+)$/.exec(p.resource) : null;
    if (!p || !m) {
        throw new Error(
            `table ARN: "${tableArnValue}" is not a DynamoDB table ARN ` +
                `(arn:<partition>:dynamodb:<region>:<account>:table/<name>)`,
        );
    }
    return m[1];
}

export const KINESIS_REPLICATION_SERVICE = "kinesisreplication.dynamodb.amazonaws.com";
export const KINESIS_REPLICATION_ROLE_NAME = "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";

/**
 * The service-linked role of Kinesis Data Streams for DynamoDB. The seed uses account `*`; we name the
 * account, which is narrower and still matches the one role that can exist.
 */
export function kinesisReplicationRoleArn(partition: string, account: string): string {
    return (
        `arn:${partition}:iam::${account}:role/aws-service-role/${KINESIS_REPLICATION_SERVICE}/` +
        `${KINESIS_REPLICATION_ROLE_NAME}`
    );
}
