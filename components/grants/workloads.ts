// Which profiles a workload gets: a producer by its client library, a KCL application by its version, lease-table
// mode and settings. The components and the policy pack both ask here.

import { Profile } from "./profile";
import {
    KCL1_STREAM,
    KCL12_LEASES_CREATED_BY_KCL,
    KCL12_LEASES_PROVISIONED,
    KCL2_ENHANCED_FAN_OUT,
    KCL2_STREAM,
    KCL3_ENHANCED_FAN_OUT,
    KCL3_STREAM,
    KCL3_TABLES_CREATED_BY_KCL,
    KCL3_TABLES_PROVISIONED,
    KCL35_SINGLE_TABLE_CREATED_BY_KCL,
    KCL35_SINGLE_TABLE_PROVISIONED,
    KCL_LEASE_TABLE_PITR,
    KCL_METRICS,
    KCL_TABLE_TAGS,
    KCL3_TABLE_TAGS,
    KclVersion,
    LeaseTables,
} from "./profiles";
import { CONSUMER_KMS, KPL_METRICS, KPL_STREAM, PRODUCER_KMS, SDK_PRODUCER, TUTORIAL_STATUS_CHECK } from "./producerProfiles";

/** The library a producer writes with. */
export type ProducerClient = "sdk" | "kpl";
export const PRODUCER_CLIENTS: readonly ProducerClient[] = ["sdk", "kpl"];

export interface ProducerOptions {
    /** "sdk": PutRecord/PutRecords as the application calls them; "kpl": the KPL 1.0's calls. Default "sdk". */
    client?: ProducerClient;
    /** DescribeStream before writing, as the tutorial's writer does ("sdk" only). Default false. */
    statusCheck?: boolean;
    /** The stream uses a customer managed KMS key. Default false. */
    customerManagedKey?: boolean;
}

export function producerProfiles(opts: ProducerOptions = {}): Profile[] {
    const client = opts.client ?? "sdk";
    if (client === "kpl" && opts.statusCheck)
        throw new Error('statusCheck: the KPL never calls DescribeStream; use client "sdk"');
    const writes =
        client === "kpl" ? [KPL_STREAM, KPL_METRICS] : [SDK_PRODUCER, ...(opts.statusCheck ? [TUTORIAL_STATUS_CHECK] : [])];
    return [...writes, ...(opts.customerManagedKey ? [PRODUCER_KMS] : [])];
}

/** Optional KCL settings that need more than KCL's defaults. */
export interface KclOptions {
    /** KCL's `leaseTablePitrEnabled` (2.6.1+): UpdateContinuousBackups at every start, fatal if denied. Default false. */
    leaseTablePitr?: boolean;
    /** KCL tags the tables it creates (`LeaseManagementConfig.tags`; "created-by-kcl" only). Default false. */
    tableTags?: boolean;
    /** The CloudWatch namespace KCL publishes under (`MetricsConfig.namespace`). Default: the application name. */
    metricsNamespace?: string;
    /** KCL 3.5+'s single-table format: every item in the lease table (new applications only). Default false. */
    singleTable?: boolean;
}

export interface ConsumerOptions {
    kcl: KclVersion;
    enhancedFanOut: boolean;
    leaseTables: LeaseTables;
    customerManagedKey?: boolean;
    options?: KclOptions;
}

/** The stream-side profiles of one consumed stream. */
export function consumerStreamProfiles(opts: Pick<ConsumerOptions, "kcl" | "enhancedFanOut" | "customerManagedKey">): Profile[] {
    if (opts.kcl === "1.x" && opts.enhancedFanOut) {
        throw new Error('enhancedFanOut: KCL 1.x has no enhanced fan-out; use kcl "2.x" or "3.x"');
    }
    const read = opts.kcl === "1.x" ? KCL1_STREAM : opts.kcl === "2.x" ? KCL2_STREAM : KCL3_STREAM;
    const efo = opts.enhancedFanOut ? [opts.kcl === "2.x" ? KCL2_ENHANCED_FAN_OUT : KCL3_ENHANCED_FAN_OUT] : [];
    return [read, ...efo, ...(opts.customerManagedKey ? [CONSUMER_KMS] : [])];
}

/** The application-side profiles of a KCL application: metadata tables, the settings that need more, and metrics. */
export function kclApplicationProfiles(opts: Pick<ConsumerOptions, "kcl" | "leaseTables" | "options">): Profile[] {
    const o = opts.options ?? {};
    const byKcl = opts.leaseTables === "created-by-kcl";
    if (o.singleTable && opts.kcl !== "3.x")
        throw new Error('singleTable: the single-table format needs kcl "3.x" (3.5 or later)');
    if (o.tableTags && !byKcl)
        throw new Error('tableTags: KCL tags only the tables it creates; use leaseTables "created-by-kcl"');
    const tables =
        opts.kcl !== "3.x"
            ? byKcl
                ? KCL12_LEASES_CREATED_BY_KCL
                : KCL12_LEASES_PROVISIONED
            : o.singleTable
              ? byKcl
                  ? KCL35_SINGLE_TABLE_CREATED_BY_KCL
                  : KCL35_SINGLE_TABLE_PROVISIONED
              : byKcl
                ? KCL3_TABLES_CREATED_BY_KCL
                : KCL3_TABLES_PROVISIONED;
    const tags = o.tableTags ? [opts.kcl === "3.x" && !o.singleTable ? KCL3_TABLE_TAGS : KCL_TABLE_TAGS] : [];
    return [tables, ...(o.leaseTablePitr ? [KCL_LEASE_TABLE_PITR] : []), ...tags, KCL_METRICS];
}

/** The metadata tables KCL uses for an application, by name; `provisioned` says which of them a stack creates. */
export function kclMetadataTableNames(
    applicationName: string,
    kcl: KclVersion,
    options: KclOptions = {},
): {
    lease: string;
    workerMetrics?: string;
    coordinatorState?: string;
    provisioned: ("lease" | "workerMetrics" | "coordinatorState")[];
} {
    if (kcl !== "3.x") return { lease: applicationName, provisioned: ["lease"] };
    // Single-table: KCL only probes the two other names; a stack that created APP-CoordinatorState would keep it multi-table.
    return {
        lease: applicationName,
        workerMetrics: `${applicationName}-WorkerMetricStats`,
        coordinatorState: `${applicationName}-CoordinatorState`,
        provisioned: options.singleTable ? ["lease"] : ["lease", "workerMetrics", "coordinatorState"],
    };
}
