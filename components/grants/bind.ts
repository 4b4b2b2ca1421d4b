// Profiles + resolved ARNs -> grants. Pure: the components call these inside `pulumi.all(...).apply`.

import { kinesisReplicationRoleArn, KINESIS_REPLICATION_SERVICE, parseArn, streamConsumersArn, streamLocation, tableArn, tableIndexesArn } from "./arn";
import { ConditionTemplate, Effect, Profile, ResourceRole } from "./profile";
import { consumerStreamProfiles, KclVersion, kclApplicationProfiles, kclMetadataTableNames, LeaseTables, producerProfiles } from "./profiles";
import { streamingOperatorProfiles, StreamingOperatorOptions } from "./streamingProfiles";

export type Condition = Record<string, Record<string, string | string[]>>;

/** One statement's worth of permission before documents are assembled. */
export interface Grant {
    readonly sid: string;
    readonly effect: Effect;
    readonly actions: readonly string[];
    readonly resources: readonly string[];
    readonly condition?: Condition;
}

export type ResourceArns = Partial<Record<Exclude<ResourceRole, "*">, readonly string[]>>;

export interface BindContext {
    /** CloudWatch namespace for `metricsNamespace` conditions (KCL: the application name). */
    metricsNamespace?: string;
}

function condition(t: ConditionTemplate, ctx: BindContext): Condition {
    switch (t) {
        case "kinesisReplicationService":
            return { StringLike: { "iam:AWSServiceName": KINESIS_REPLICATION_SERVICE } };
        case "metricsNamespace":
            if (!ctx.metricsNamespace) throw new Error("metricsNamespace: a CloudWatch namespace is required to bind a metrics profile");
            return { StringEquals: { "cloudwatch:namespace": ctx.metricsNamespace } };
    }
}

export function bindProfiles(profiles: readonly Profile[], arns: ResourceArns, ctx: BindContext = {}): Grant[] {
    const grants: Grant[] = [];
    for (const profile of profiles) {
        for (const s of profile.statements) {
            const resources = s.role === "*" ? ["*"] : arns[s.role];
            if (!resources || resources.length === 0) {
                throw new Error(`profile ${profile.name}: no ARN given for resource role "${s.role}"`);
            }
            grants.push({
                sid: s.sid,
                effect: s.effect,
                actions: s.actions,
                resources,
                ...(s.condition ? { condition: condition(s.condition, ctx) } : {}),
            });
        }
    }
    return grants;
}

/** A stream as the grants see it: its ARN and, when it has one, its customer managed KMS key. */
export interface StreamRef {
    arn: string;
    kmsKeyArn?: string;
}

const kmsArns = (s: StreamRef): ResourceArns => (s.kmsKeyArn ? { kmsKey: [s.kmsKeyArn] } : {});

export function producerGrants(stream: StreamRef, opts: { shardDiscovery?: boolean } = {}): Grant[] {
    const profiles = producerProfiles({ shardDiscovery: opts.shardDiscovery, customerManagedKey: !!stream.kmsKeyArn });
    return bindProfiles(profiles, { stream: [stream.arn], ...kmsArns(stream) });
}

export interface ConsumedStream {
    stream: StreamRef;
    enhancedFanOut: boolean;
}

export interface KclApplication {
    applicationName: string;
    kcl: KclVersion;
    leaseTables: LeaseTables;
    /** ARNs of the metadata tables when the stack provisions them; derived from the first stream otherwise. */
    tables?: { lease: string; workerMetrics?: string; coordinatorState?: string };
}

export function kclMetadataTableArns(app: Pick<KclApplication, "applicationName" | "kcl">, firstStreamArn: string) {
    const loc = streamLocation(firstStreamArn);
    const names = kclMetadataTableNames(app.applicationName, app.kcl);
    return {
        lease: tableArn(loc, names.lease),
        ...(names.workerMetrics ? { workerMetrics: tableArn(loc, names.workerMetrics) } : {}),
        ...(names.coordinatorState ? { coordinatorState: tableArn(loc, names.coordinatorState) } : {}),
    };
}

/** Everything one KCL application needs: each consumed stream, its metadata tables and its metrics. */
export function consumerGrants(consumes: readonly ConsumedStream[], app: KclApplication): Grant[] {
    if (consumes.length === 0) throw new Error("consumes: a KCL application consumes at least one stream");
    const grants: Grant[] = [];
    for (const c of consumes) {
        const profiles = consumerStreamProfiles({ kcl: app.kcl, enhancedFanOut: c.enhancedFanOut, customerManagedKey: !!c.stream.kmsKeyArn });
        grants.push(...bindProfiles(profiles, { stream: [c.stream.arn], streamConsumer: [streamConsumersArn(c.stream.arn)], ...kmsArns(c.stream) }));
    }
    const t = app.tables ?? kclMetadataTableArns(app, consumes[0].stream.arn);
    const arns: ResourceArns = {
        leaseTable: [t.lease],
        leaseTableIndex: [tableIndexesArn(t.lease)],
        ...(t.workerMetrics ? { workerMetricsTable: [t.workerMetrics] } : {}),
        ...(t.coordinatorState ? { coordinatorStateTable: [t.coordinatorState] } : {}),
    };
    grants.push(...bindProfiles(kclApplicationProfiles(app), arns, { metricsNamespace: app.applicationName }));
    return grants;
}

/** Operators of Kinesis Data Streams for DynamoDB on one table (seed 003). */
export function streamingOperatorGrants(ops: StreamingOperatorOptions, target: { tableArn: string; streamArn: string }): Grant[] {
    const table = parseArn(target.tableArn);
    if (!table || table.service !== "dynamodb") throw new Error(`table ARN: "${target.tableArn}" is not a DynamoDB table ARN`);
    return bindProfiles(streamingOperatorProfiles(ops), {
        table: [target.tableArn],
        stream: [target.streamArn],
        serviceLinkedRole: [kinesisReplicationRoleArn(table.partition, table.account)],
    });
}
