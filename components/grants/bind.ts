// Profiles + resolved ARNs -> grants. Pure: the components call these inside `pulumi.all(...).apply`.

import { KINESIS_REPLICATION_SERVICE, streamConsumerArn, streamLocation, tableArn, tableIndexArn } from "./arn";
import { ConditionTemplate, Effect, Profile, ResourceRole } from "./profile";
import { KclVersion, LeaseTables } from "./profiles";
import {
    consumerStreamProfiles,
    kclApplicationProfiles,
    KclOptions,
    kclMetadataTableNames,
    ProducerClient,
    producerProfiles,
} from "./workloads";

export type Condition = Record<string, Record<string, string | string[]>>;

/** The KPL's metrics namespace (KinesisProducerConfiguration.metricsNamespace's default). */
export const KPL_METRICS_NAMESPACE = "KinesisProducerLibrary";
/** The index KCL 3.x adds to its lease table (DynamoDBLeaseRefresher). */
export const KCL3_LEASE_OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

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
        case "kplMetricsNamespace":
            return { StringEquals: { "cloudwatch:namespace": KPL_METRICS_NAMESPACE } };
        case "metricsNamespace":
            if (!ctx.metricsNamespace)
                throw new Error("metricsNamespace: a CloudWatch namespace is required to bind a metrics profile");
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

export function producerGrants(stream: StreamRef, opts: { client?: ProducerClient; statusCheck?: boolean } = {}): Grant[] {
    const profiles = producerProfiles({ ...opts, customerManagedKey: !!stream.kmsKeyArn });
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
    options?: KclOptions;
    /** ARNs of the metadata tables the stack provisions; the others are derived from `location`. */
    tables?: { lease: string; workerMetrics?: string; coordinatorState?: string };
    /** Where KCL's DynamoDB client points (the application's account and region). Default: the first stream's. */
    location?: { partition: string; region: string; account: string };
}

/** The metadata tables' ARNs: KCL creates or probes them where its own DynamoDB client points. */
export function kclMetadataTableArns(
    app: Pick<KclApplication, "applicationName" | "kcl" | "options">,
    loc: { partition: string; region: string; account: string },
) {
    const names = kclMetadataTableNames(app.applicationName, app.kcl, app.options);
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
        const profiles = consumerStreamProfiles({
            kcl: app.kcl,
            enhancedFanOut: c.enhancedFanOut,
            customerManagedKey: !!c.stream.kmsKeyArn,
        });
        // KCL names its enhanced fan-out consumer after the application.
        const consumer = streamConsumerArn(c.stream.arn, app.applicationName);
        grants.push(...bindProfiles(profiles, { stream: [c.stream.arn], streamConsumer: [consumer], ...kmsArns(c.stream) }));
    }
    const t = { ...kclMetadataTableArns(app, app.location ?? streamLocation(consumes[0].stream.arn)), ...app.tables };
    const arns: ResourceArns = {
        leaseTable: [t.lease],
        leaseTableIndex: [tableIndexArn(t.lease, KCL3_LEASE_OWNER_INDEX)],
        ...(t.workerMetrics ? { workerMetricsTable: [t.workerMetrics] } : {}),
        ...(t.coordinatorState ? { coordinatorStateTable: [t.coordinatorState] } : {}),
    };
    const metricsNamespace = app.options?.metricsNamespace ?? app.applicationName;
    grants.push(...bindProfiles(kclApplicationProfiles(app), arns, { metricsNamespace }));
    return grants;
}
