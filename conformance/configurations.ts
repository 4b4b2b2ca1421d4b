// The configurations the suite runs: each real client library (and version) with the StreamApplication arguments that
// describe it. The judge compares what the library calls with what those arguments grant.

import { KclOptions, KclVersion, LeaseTables, ProducerClient } from "../components/grants";

/** A Java driver module under conformance/java/ and its main class, or a Node driver with its mode. */
export type Driver = { kind: "java"; module: string; main: string } | { kind: "node"; script: string; mode: string };

interface Common {
    /** Stable id: library, version, and the settings that change its calls. */
    id: string;
    /** The library as users know it, for the matrix. */
    library: string;
    driver: Driver;
    /** CONF_* settings of the driver contract (README.md). */
    env: Record<string, string>;
}

export interface ConsumerConfiguration extends Common {
    kind: "consumer";
    kcl: KclVersion;
    enhancedFanOut: boolean;
    leaseTables: LeaseTables;
    kclOptions?: KclOptions;
}

export interface ProducerConfiguration extends Common {
    kind: "producer";
    client: ProducerClient;
    statusCheck: boolean;
}

export type Configuration = ConsumerConfiguration | ProducerConfiguration;

const KCL_DRIVERS: Record<string, { kcl: KclVersion; driver: Driver }> = {
    "kcl-1.15.3": { kcl: "1.x", driver: { kind: "java", module: "kcl1", main: "conformance.kcl1.Worker" } },
    "kcl-2.7.2": { kcl: "2.x", driver: { kind: "java", module: "kcl2", main: "conformance.kcl.Worker" } },
    "kcl-3.4.2": { kcl: "3.x", driver: { kind: "java", module: "kcl3.4", main: "conformance.kcl.Worker" } },
    "kcl-3.5.1": { kcl: "3.x", driver: { kind: "java", module: "kcl3", main: "conformance.kcl.Worker" } },
};

function consumer(
    library: keyof typeof KCL_DRIVERS,
    enhancedFanOut: boolean,
    leaseTables: LeaseTables,
    kclOptions?: KclOptions,
    tag = "",
): ConsumerConfiguration {
    const { kcl, driver } = KCL_DRIVERS[library];
    const env: Record<string, string> = { CONF_EFO: String(enhancedFanOut) };
    if (kclOptions?.leaseTablePitr) env.CONF_PITR = "true";
    if (kclOptions?.tableTags) env.CONF_TABLE_TAGS = "team=streaming,owner=conformance";
    if (kclOptions?.metricsNamespace) env.CONF_METRICS_NAMESPACE = kclOptions.metricsNamespace;
    // No switch for singleTable: 3.5 picks the single table itself for an application without APP-CoordinatorState.
    const id = [library, enhancedFanOut ? "efo" : "polling", leaseTables, ...(tag ? [tag] : [])].join("-");
    return {
        kind: "consumer",
        id,
        library,
        driver,
        env,
        kcl,
        enhancedFanOut,
        leaseTables,
        ...(kclOptions ? { kclOptions } : {}),
    };
}

function producer(
    id: string,
    library: string,
    driver: Driver,
    client: ProducerClient,
    statusCheck = false,
): ProducerConfiguration {
    return { kind: "producer", id, library, driver, env: {}, client, statusCheck };
}

const OPTIONS: KclOptions = { leaseTablePitr: true, tableTags: true, metricsNamespace: "Conformance/KCL" };

export const CONFIGURATIONS: readonly Configuration[] = [
    // The seed's consumer (KCL 1.x, KCL creates its table) and the stack-provisioned variant.
    consumer("kcl-1.15.3", false, "created-by-kcl"),
    consumer("kcl-1.15.3", false, "provisioned"),
    ...[false, true].flatMap((efo) =>
        (["created-by-kcl", "provisioned"] as const).map((tables) => consumer("kcl-2.7.2", efo, tables)),
    ),
    // KCL 3.4: three tables, created by KCL or by the stack.
    consumer("kcl-3.4.2", false, "created-by-kcl"),
    consumer("kcl-3.4.2", false, "provisioned"),
    consumer("kcl-3.4.2", true, "created-by-kcl"),
    // KCL 3.5 keeps three tables when the stack provisions them (APP-CoordinatorState exists) ...
    consumer("kcl-3.5.1", false, "provisioned"),
    consumer("kcl-3.5.1", true, "provisioned"),
    // ... and for a new application without it, one table (it probes the other two names).
    consumer("kcl-3.5.1", false, "created-by-kcl", { singleTable: true }, "single-table"),
    consumer("kcl-3.5.1", true, "created-by-kcl", { singleTable: true }, "single-table"),
    consumer("kcl-3.5.1", false, "provisioned", { singleTable: true }, "single-table"),
    // The optional settings that need more: KCL's own PITR switch, table tags, a custom metrics namespace.
    consumer("kcl-2.7.2", false, "created-by-kcl", OPTIONS, "options"),
    consumer("kcl-3.4.2", false, "created-by-kcl", OPTIONS, "options"),
    consumer("kcl-3.5.1", false, "created-by-kcl", { ...OPTIONS, singleTable: true }, "single-table-options"),
    producer("kpl-1.0.7", "KPL 1.0.7", { kind: "java", module: "producers", main: "conformance.producer.Kpl" }, "kpl"),
    producer(
        "sdk-java-v2",
        "AWS SDK for Java v2",
        { kind: "java", module: "producers", main: "conformance.producer.SdkV2" },
        "sdk",
    ),
    producer(
        "sdk-js-v3",
        "AWS SDK for JavaScript v3",
        { kind: "node", script: "conformance/node/producer.ts", mode: "sdk" },
        "sdk",
    ),
    producer(
        "tutorial-writer",
        "the tutorial's writer (JS SDK v3)",
        { kind: "node", script: "conformance/node/producer.ts", mode: "tutorial" },
        "sdk",
        true,
    ),
];

/** The StreamApplication arguments (less the identity) that describe a configuration, for a stream ARN and app name. */
export function applicationArgs(c: Configuration, streamArn: string, applicationName: string) {
    const stream = { arn: streamArn };
    if (c.kind === "producer")
        return { produces: [{ stream, client: c.client, ...(c.statusCheck ? { statusCheck: true } : {}) }] };
    return {
        consumes: [{ stream, kcl: c.kcl, enhancedFanOut: c.enhancedFanOut }],
        applicationName,
        leaseTables: c.leaseTables,
        ...(c.kclOptions ? { kclOptions: c.kclOptions } : {}),
    };
}
