// StreamApplication's arguments, checked before anything registers (STYLE §3.1); Output values again when they resolve.
import * as pulumi from "@pulumi/pulumi";
import {
    ArgumentChecker,
    KclOptions,
    KclVersion,
    LEASE_TABLE_MODES,
    LeaseTables,
    NAME_RULES,
    PRODUCER_CLIENTS,
    ProducerClient,
} from "./grants";
import { checkConsumes, tableClaims, validateKclOptions } from "./applicationKclArgs";
import { KinesisStream } from "./stream";
import { checkTags } from "./streamArgs";
import { StreamLike, validateStreamLike } from "./shared";
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
