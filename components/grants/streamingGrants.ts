// Operators of Kinesis Data Streams for DynamoDB (seed 003): profiles + one table's ARNs -> grants. Pure.

import { kinesisReplicationRoleArn, parseArn } from "./arn";
import { bindProfiles, Grant } from "./bind";
import { streamingOperatorProfiles, StreamingOperatorOptions } from "./streamingProfiles";

/** The grants of one principal operating one table's streaming destination; the service-linked role is the table's account's. */
export function streamingOperatorGrants(ops: StreamingOperatorOptions, target: { tableArn: string; streamArn: string }): Grant[] {
    const table = parseArn(target.tableArn);
    if (!table || table.service !== "dynamodb") throw new Error(`table ARN: "${target.tableArn}" is not a DynamoDB table ARN`);
    return bindProfiles(streamingOperatorProfiles(ops), {
        table: [target.tableArn],
        stream: [target.streamArn],
        serviceLinkedRole: [kinesisReplicationRoleArn(table.partition, table.account)],
    });
}
