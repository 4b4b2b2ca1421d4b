// The tables a stack provisions, created on the emulator as the AWS provider would create them from the component's
// own `aws.dynamodb.Table` inputs: KCL then meets exactly the schema the component declares.

import {
    CreateTableCommand,
    CreateTableCommandInput,
    DynamoDBClient,
    UpdateContinuousBackupsCommand,
} from "@aws-sdk/client-dynamodb";

interface TableInputs {
    name: string;
    billingMode?: string;
    hashKey: string;
    rangeKey?: string;
    attributes: { name: string; type: "S" | "N" | "B" }[];
    globalSecondaryIndexes?: { name: string; hashKey: string; rangeKey?: string; projectionType: string }[];
    deletionProtectionEnabled?: boolean;
    pointInTimeRecovery?: { enabled: boolean };
    tags?: Record<string, string>;
}

const keys = (hash: string, range?: string) => [
    { AttributeName: hash, KeyType: "HASH" as const },
    ...(range ? [{ AttributeName: range, KeyType: "RANGE" as const }] : []),
];

/** The CreateTable request the provider makes for these inputs. */
export function createTableRequest(t: TableInputs): CreateTableCommandInput {
    if (t.billingMode !== "PAY_PER_REQUEST")
        throw new Error(`table ${t.name}: only on-demand tables are provisioned by the components`);
    return {
        TableName: t.name,
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: keys(t.hashKey, t.rangeKey),
        AttributeDefinitions: t.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
        ...(t.globalSecondaryIndexes?.length
            ? {
                  GlobalSecondaryIndexes: t.globalSecondaryIndexes.map((g) => ({
                      IndexName: g.name,
                      KeySchema: keys(g.hashKey, g.rangeKey),
                      Projection: { ProjectionType: g.projectionType as "KEYS_ONLY" | "ALL" | "INCLUDE" },
                  })),
              }
            : {}),
        ...(t.deletionProtectionEnabled ? { DeletionProtectionEnabled: true } : {}),
        ...(t.tags && Object.keys(t.tags).length ? { Tags: Object.entries(t.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
    };
}

/** Creates each table (and its point-in-time recovery, a second call as the provider makes it). */
export async function provisionTables(client: DynamoDBClient, tables: Record<string, unknown>[]): Promise<string[]> {
    const names: string[] = [];
    for (const raw of tables) {
        const t = raw as unknown as TableInputs;
        await client.send(new CreateTableCommand(createTableRequest(t)));
        if (t.pointInTimeRecovery?.enabled) {
            await client.send(
                new UpdateContinuousBackupsCommand({
                    TableName: t.name,
                    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
                }),
            );
        }
        names.push(t.name);
    }
    return names;
}
