// StreamApplication's arguments, checked before anything registers (STYLE §3.1); Output values again when they resolve.
import * as pulumi from "@pulumi/pulumi";
import {
    ArgumentChecker,
    KCL_VERSIONS,
    KclOptions,
    KclVersion,
    kclMetadataTableNames,
    LEASE_TABLE_MODES,
    LeaseTables,
    NAME_RULES,
    PRODUCER_CLIENTS,
    ProducerClient,
} from "./grants";
import { KinesisStream } from "./stream";
import { checkTags } from "./streamArgs";
import { StreamLike, validateStreamLike } from "./shared";
import { claimedBy } from "./stack";
import { checkIdentity, checkManagedPolicyArns, Identity, ValidIdentity } from "./identityArgs";

export { Identity } from "./identityArgs";

/** A stream written to; the bare stream means a plain SDK producer (PutRecord/PutRecords). */
export type Produce =
    | StreamLike
    | {
          stream: StreamLike;
          /** The library that writes: "sdk" (PutRecord/PutRecords) or "kpl" (the KPL 1.0). Default "sdk". */
          client?: ProducerClient;
          /** DescribeStream before writing, as the tutorial's writer does ("sdk" only). Default false. */
          statusCheck?: boolean;
      };

/** A stream read with the KCL. */
export interface Consume {
    /** The stream; one of another account or region works (the metadata tables stay with the provider). */
    stream: StreamLike;
    /** KCL major version. Default "3.x". One application runs one KCL version. */
    kcl?: KclVersion;
    /** Enhanced fan-out. Default: KCL's own default (off for 1.x, which lacks it; on for 2.x and 3.x). */
    enhancedFanOut?: boolean;
}

export interface StreamApplicationArgs {
    /** The IAM identity that gets the permissions: a new user or role, or an existing one by name or ARN. */
    identity: Identity;
    /** Streams written to. Default: none. */
    produces?: Produce[];
    /** Streams read with the KCL. Default: none (but at least one of produces and consumes). */
    consumes?: Consume[];
    /** KCL application name = lease table name = CloudWatch namespace; unique in the stack. Default: the resource name. */
    applicationName?: string;
    /**
     * "provisioned" (default): the stack creates KCL's metadata tables with KCL's schema, and the
     * application gets no CreateTable/UpdateTable. "created-by-kcl": KCL creates them, as in the tutorial.
     */
    leaseTables?: LeaseTables;
    /**
     * KCL settings that need more permissions: its own PITR switch, table tags, a metrics namespace, 3.5's single table. Default:
     * none.
     */
    kclOptions?: KclOptions;
    /** Deletion protection, point-in-time recovery and retainOnDelete for provisioned tables. Default true. */
    dataProtection?: boolean;
    /**
     * Managed policies attached to the identity on purpose beyond its profiles (e.g. AWSLambdaBasicExecutionRole);
     * a created identity lists them in its `kinesis-access:extra-policies` tag for the policy pack. Default: none.
     */
    managedPolicyArns?: pulumi.Input<string>[];
    /** Tags on the identity, policies and tables. Default: none. */
    tags?: Record<string, string>;
}

/** Internal. Exported for testing. */
export interface ValidApplicationArgs {
    identity: ValidIdentity;
    produces: { stream: StreamLike; argument: string; client: ProducerClient; statusCheck: boolean }[];
    consumes: { stream: StreamLike; argument: string; enhancedFanOut: boolean }[];
    kcl?: KclVersion;
    applicationName: string;
    leaseTables: LeaseTables;
    kclOptions: KclOptions;
    dataProtection: boolean;
    managedPolicyArns: pulumi.Input<string>[];
    tags: Record<string, string>;
    /** Names that must be unique in the stack: KCL's metadata tables. */
    claims: string[];
}

const KEYS = [
    "identity",
    "produces",
    "consumes",
    "applicationName",
    "leaseTables",
    "kclOptions",
    "dataProtection",
    "managedPolicyArns",
    "tags",
];

/** Internal. Exported for testing. */
export function validateStreamApplicationArgs(
    resourceName: string,
    args: unknown,
    opts?: pulumi.ComponentResourceOptions,
): ValidApplicationArgs {
    const c = new ArgumentChecker("StreamApplication", resourceName);
    const a = c.object("args", args);
    c.knownKeys("", a, KEYS);
    const identity = checkIdentity(c, a.identity);
    const produces = (a.produces === undefined ? [] : c.array("produces", a.produces)).map((p, i) =>
        checkProduce(c, `produces[${i}]`, p),
    );
    const { consumes, kcl } = checkConsumes(c, a.consumes);
    if (produces.length === 0 && consumes.length === 0)
        c.fail("produces/consumes", "nothing", "at least one produced or consumed stream");

    const defaulted = a.applicationName === undefined;
    const applicationName = (defaulted ? resourceName : a.applicationName) as string;
    // Said in every applicationName message: a defaulted name is not one the user wrote (issue 11, item 12).
    const why = defaulted ? ` (applicationName was not given: it defaults to the resource name "${resourceName}")` : "";
    if (consumes.length > 0) {
        if (typeof applicationName !== "string" || !NAME_RULES.table.re.test(applicationName))
            c.fail("applicationName", applicationName, `${NAME_RULES.table.text}${why}`);
        // The application name is the lease table's name, and KCL 3.x appends "-WorkerMetricStats" (18 characters).
        if (kcl === "3.x" && applicationName.length > 255 - 18)
            c.fail(
                "applicationName",
                applicationName,
                `at most ${255 - 18} characters with kcl "3.x" (KCL appends "-WorkerMetricStats")${why}`,
            );
    } else if (!defaulted) {
        c.fail("applicationName", a.applicationName, "only with consumes (it names the KCL application)");
    }
    if (a.leaseTables !== undefined && consumes.length === 0)
        c.fail("leaseTables", a.leaseTables, "only with consumes (lease tables belong to KCL consumers)");
    const leaseTables = a.leaseTables === undefined ? "provisioned" : c.oneOf("leaseTables", a.leaseTables, LEASE_TABLE_MODES);
    const kclOptions =
        a.kclOptions === undefined ? {} : validateKclOptions(c, a.kclOptions, { consumes: consumes.length, kcl, leaseTables });
    const dataProtection = a.dataProtection === undefined ? true : c.boolean("dataProtection", a.dataProtection);
    const managedPolicyArns = a.managedPolicyArns === undefined ? [] : checkManagedPolicyArns(c, a.managedPolicyArns, identity);
    const tags = a.tags === undefined ? {} : checkTags(c, a.tags);
    const claims = consumes.length ? tableClaims(c, applicationName as string, kcl!, kclOptions, why, opts) : [];
    return {
        identity,
        produces,
        consumes,
        kcl,
        applicationName: applicationName as string,
        leaseTables,
        kclOptions,
        dataProtection,
        managedPolicyArns,
        tags,
        claims,
    };
}

function checkProduce(c: ArgumentChecker, arg: string, p: unknown): ValidApplicationArgs["produces"][number] {
    if (p !== null && typeof p === "object" && !(p instanceof KinesisStream) && "stream" in p) {
        const o = p as Record<string, unknown>;
        c.knownKeys(arg, o, ["stream", "client", "statusCheck"]);
        const client = o.client === undefined ? "sdk" : c.oneOf(`${arg}.client`, o.client, PRODUCER_CLIENTS);
        const statusCheck = o.statusCheck === undefined ? false : c.boolean(`${arg}.statusCheck`, o.statusCheck);
        if (statusCheck && client === "kpl")
            c.fail(`${arg}.statusCheck`, statusCheck, 'false with client "kpl" (the KPL never calls DescribeStream)');
        return { stream: validateStreamLike(c, `${arg}.stream`, o.stream), argument: `${arg}.stream`, client, statusCheck };
    }
    return { stream: validateStreamLike(c, arg, p), argument: arg, client: "sdk", statusCheck: false };
}

function checkConsumes(c: ArgumentChecker, value: unknown): { consumes: ValidApplicationArgs["consumes"]; kcl?: KclVersion } {
    let kcl: KclVersion | undefined;
    const consumes = (value === undefined ? [] : c.array("consumes", value)).map((x, i) => {
        const arg = `consumes[${i}]`;
        const o = c.object(arg, x, "{ stream, kcl?, enhancedFanOut? }");
        c.knownKeys(arg, o, ["stream", "kcl", "enhancedFanOut"]);
        const v = o.kcl === undefined ? "3.x" : c.oneOf(`${arg}.kcl`, o.kcl, KCL_VERSIONS);
        if (kcl !== undefined && v !== kcl)
            c.fail(`${arg}.kcl`, v, `"${kcl}" like consumes[0]: one application runs one KCL version`);
        kcl = v;
        const efo = o.enhancedFanOut === undefined ? v !== "1.x" : c.boolean(`${arg}.enhancedFanOut`, o.enhancedFanOut);
        if (v === "1.x" && efo)
            c.fail(`${arg}.enhancedFanOut`, efo, 'false with kcl "1.x" (KCL 1.x has no enhanced fan-out; use "2.x" or "3.x")');
        return { stream: validateStreamLike(c, `${arg}.stream`, o.stream), argument: `${arg}.stream`, enhancedFanOut: efo };
    });
    if (kcl === "1.x" && consumes.length > 1) {
        c.fail(
            "consumes",
            `${consumes.length} streams`,
            'one stream per KCL 1.x application (multi-stream consumers need kcl "2.x" or "3.x")',
        );
    }
    return { consumes, kcl };
}

/**
 * KCL applications sharing a lease table steal each other's shards: every metadata table name is claimed once per stack (item 8).
 */
function tableClaims(
    c: ArgumentChecker,
    app: string,
    kcl: KclVersion,
    options: KclOptions,
    why: string,
    opts?: pulumi.ComponentResourceOptions,
): string[] {
    const names = kclMetadataTableNames(app, kcl, options);
    const keys = [names.lease, names.workerMetrics, names.coordinatorState]
        .filter((n): n is string => n !== undefined)
        .map((n) => `kcl-table:${n}`);
    for (const k of keys) {
        const other = claimedBy(k, opts);
        if (other !== undefined) {
            c.fail(
                "applicationName",
                app,
                `a name no other KCL application of this stack uses: ${other} already uses the table "${k.slice(10)}" ` +
                    `(applications sharing lease tables steal each other's shards)${why}`,
            );
        }
    }
    return keys;
}

function validateKclOptions(
    c: ArgumentChecker,
    value: unknown,
    app: { consumes: number; kcl?: KclVersion; leaseTables: LeaseTables },
): KclOptions {
    if (app.consumes === 0) c.fail("kclOptions", value, "only with consumes (they are KCL settings)");
    const o = c.object("kclOptions", value, "{ leaseTablePitr?, tableTags?, metricsNamespace?, singleTable? }");
    c.knownKeys("kclOptions", o, ["leaseTablePitr", "tableTags", "metricsNamespace", "singleTable"]);
    const flag = (k: string) => (o[k] === undefined ? undefined : c.boolean(`kclOptions.${k}`, o[k]));
    const out: KclOptions = {
        leaseTablePitr: flag("leaseTablePitr"),
        tableTags: flag("tableTags"),
        singleTable: flag("singleTable"),
    };
    if (o.metricsNamespace !== undefined) {
        const ns = o.metricsNamespace;
        // CloudWatch namespaces: 1-255 characters, not starting with "AWS/" (reserved for AWS services).
        if (typeof ns !== "string" || !/^[\x20-\x7e]{1,255}$/.test(ns) || ns.startsWith("AWS/") || ns.startsWith(":")) {
            c.fail(
                "kclOptions.metricsNamespace",
                ns,
                'a CloudWatch namespace: 1-255 printable ASCII characters, not starting with "AWS/" or ":"',
            );
        }
        out.metricsNamespace = ns;
    }
    if (out.singleTable && app.kcl !== "3.x") c.fail("kclOptions.singleTable", true, 'only with kcl "3.x" (KCL 3.5 or later)');
    if (out.tableTags && app.leaseTables !== "created-by-kcl")
        c.fail("kclOptions.tableTags", true, 'only with leaseTables "created-by-kcl" (KCL tags only the tables it creates)');
    return out;
}
