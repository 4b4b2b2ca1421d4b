import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ArgumentChecker,
    buildPolicyDocuments,
    ConsumedStream,
    consumerGrants,
    consumerStreamProfiles,
    Grant,
    KCL_VERSIONS,
    KclVersion,
    kclApplicationProfiles,
    KclApplication,
    kclMetadataTableArns,
    KclOptions,
    kclMetadataTableNames,
    LEASE_TABLE_MODES,
    LeaseTables,
    MAX_MANAGED_POLICIES_PER_IDENTITY,
    POLICY_SIZE_LIMITS,
    PolicyDocument,
    producerGrants,
    PRODUCER_CLIENTS,
    ProducerClient,
    producerProfiles,
    Profile,
    StreamRef,
    streamLocation,
} from "./grants";
import { checkTags, KinesisStream } from "./stream";
import { COMPONENT_TAG, isCustomerManaged as isCmk, PROFILES_TAG, StreamLike, streamRefOf, validateStreamLike, worstCaseStreamRef } from "./shared";

export type Identity =
    | { user: { name?: string; path?: string; accessKey?: boolean } }
    | { role: { name?: string; path?: string; assumeRolePolicy: pulumi.Input<string> } };

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

export interface Consume {
    stream: StreamLike;
    /** KCL major version. Default "3.x". One application runs one KCL version. */
    kcl?: KclVersion;
    /** Enhanced fan-out. Default: KCL's own default (off for 1.x, which lacks it; on for 2.x and 3.x). */
    enhancedFanOut?: boolean;
}

export interface StreamApplicationArgs {
    identity: Identity;
    produces?: Produce[];
    consumes?: Consume[];
    /** KCL application name = lease table name = CloudWatch namespace. Default: the resource name. */
    applicationName?: string;
    /**
     * "provisioned" (default): the stack creates KCL's metadata tables with KCL's schema, and the
     * application gets no CreateTable/UpdateTable. "created-by-kcl": KCL creates them, as in the tutorial.
     */
    leaseTables?: LeaseTables;
    /** KCL settings that need more permissions: its own PITR switch, table tags, a metrics namespace, 3.5's single table. */
    kclOptions?: KclOptions;
    /** Deletion protection, point-in-time recovery and retainOnDelete for provisioned tables. Default true. */
    dataProtection?: boolean;
    tags?: Record<string, string>;
}

interface ValidArgs {
    identity: { kind: "user"; name?: string; path?: string; accessKey: boolean } | { kind: "role"; name?: string; path?: string; assumeRolePolicy: pulumi.Input<string> };
    produces: { stream: StreamLike; client: ProducerClient; statusCheck: boolean }[];
    consumes: { stream: StreamLike; enhancedFanOut: boolean }[];
    kcl?: KclVersion;
    applicationName: string;
    leaseTables: LeaseTables;
    kclOptions: KclOptions;
    dataProtection: boolean;
    tags: Record<string, string>;
}

/**
 * The IAM identity of an application that produces to and/or consumes from Kinesis streams, with
 * exactly the permissions its workload needs: one set of managed policies for producing and one for
 * consuming (the tutorial's own recommendation), and KCL's metadata tables when the stack provisions them.
 */
export class StreamApplication extends pulumi.ComponentResource {
    readonly user?: aws.iam.User;
    readonly role?: aws.iam.Role;
    readonly accessKeyId?: pulumi.Output<string>;
    /** A Pulumi secret. */
    readonly secretAccessKey?: pulumi.Output<string>;
    readonly policies: aws.iam.Policy[] = [];
    readonly leaseTables: aws.dynamodb.Table[] = [];
    readonly applicationName: string;
    /** The policy documents, as attached; for inspection and tests. */
    declare readonly policyDocuments: pulumi.Output<PolicyDocument[]>;

    constructor(name: string, args: StreamApplicationArgs, opts?: pulumi.ComponentResourceOptions) {
        const a = validateApplicationArgs(name, args);
        // Everything that decides which resources exist is checked before the first one registers.
        let tableArns = (): pulumi.Output<{ lease: string; workerMetrics?: string; coordinatorState?: string }> => {
            throw new Error("metadata tables are created before consumer policies");
        };
        const producerPlan = a.produces.length ? planProducer(a) : undefined;
        const consumerPlan = a.consumes.length ? planConsumer(a) : undefined;
        const policyCount = (producerPlan?.count ?? 0) + (consumerPlan?.count ?? 0);
        if (policyCount > MAX_MANAGED_POLICIES_PER_IDENTITY) {
            new ArgumentChecker("StreamApplication", name).fail(
                "produces/consumes",
                `${a.produces.length} produced and ${a.consumes.length} consumed streams`,
                `at most ${MAX_MANAGED_POLICIES_PER_IDENTITY} managed policies per identity (these need ${policyCount}); split the streams across applications`,
            );
        }
        super("kinesis-access:index:StreamApplication", name, {}, opts);
        this.applicationName = a.applicationName;
        const tags = { ...a.tags, [COMPONENT_TAG]: "StreamApplication" };

        const attach = this.createIdentity(name, a, tags);

        if (a.consumes.length && a.leaseTables === "provisioned") {
            const [lease, workerMetrics, coordinatorState] = this.createMetadataTables(name, a);
            tableArns = () =>
                pulumi.all([lease!.arn, workerMetrics?.arn, coordinatorState?.arn]).apply(([l, w, cs]) => ({
                    lease: l,
                    ...(w ? { workerMetrics: w } : {}),
                    ...(cs ? { coordinatorState: cs } : {}),
                }));
        }

        const documents: pulumi.Output<PolicyDocument[]>[] = [];
        const addPolicies = (kind: "producer" | "consumer", plan: PolicyPlan) => {
            const docs = plan.documents();
            documents.push(docs);
            for (let i = 0; i < plan.count; i++) {
                const suffix = plan.count > 1 ? `-${i + 1}` : "";
                const policy = new aws.iam.Policy(
                    `${name}-${kind}${suffix}`,
                    {
                        description: `${kind === "producer" ? "Produce to" : "Consume from"} Kinesis streams as ${a.applicationName} (kinesis-access)`,
                        policy: docs.apply((d) => JSON.stringify(d[i])),
                        tags: { ...tags, [PROFILES_TAG]: plan.profiles.map((p) => p.name).join(" ") },
                    },
                    { parent: this },
                );
                this.policies.push(policy);
                attach(`${name}-${kind}${suffix}`, policy);
            }
        };
        if (producerPlan) addPolicies("producer", producerPlan);
        if (consumerPlan) addPolicies("consumer", consumerPlan);
        let lazy: pulumi.Output<PolicyDocument[]> | undefined;
        Object.defineProperty(this, "policyDocuments", { get: () => (lazy ??= pulumi.all(documents).apply((ds) => ds.flat())) });

        this.registerOutputs({
            userName: this.user?.name,
            roleArn: this.role?.arn,
            accessKeyId: this.accessKeyId,
            secretAccessKey: this.secretAccessKey,
        });

        function planProducer(v: ValidArgs): PolicyPlan {
            const profiles = unique(v.produces.flatMap((p) => producerProfiles({ client: p.client, statusCheck: p.statusCheck, customerManagedKey: isCmk(p.stream) })));
            return planPolicies(
                v.produces.map((p) => worstCaseStreamRef(p.stream)),
                pulumi.all(v.produces.map((p) => streamRefOf(p.stream))),
                (refs) => refs.flatMap((r, i) => producerGrants(r, { client: v.produces[i].client, statusCheck: v.produces[i].statusCheck })),
                profiles,
            );
        }

        function planConsumer(v: ValidArgs): PolicyPlan {
            const kcl = v.kcl!;
            const profiles = unique([
                ...v.consumes.flatMap((c) => consumerStreamProfiles({ kcl, enhancedFanOut: c.enhancedFanOut, customerManagedKey: isCmk(c.stream) })),
                ...kclApplicationProfiles({ kcl, leaseTables: v.leaseTables, options: v.kclOptions }),
            ]);
            const grantsFor = (refs: StreamRef[], tables?: KclApplication["tables"]) =>
                consumerGrants(
                    refs.map((stream, i): ConsumedStream => ({ stream, enhancedFanOut: v.consumes[i].enhancedFanOut })),
                    { applicationName: v.applicationName, kcl, leaseTables: v.leaseTables, options: v.kclOptions, tables },
                );
            const worst = v.consumes.map((c) => worstCaseStreamRef(c.stream));
            const refs = pulumi.all(v.consumes.map((c) => streamRefOf(c.stream)));
            if (v.leaseTables === "created-by-kcl") return planPolicies(worst, refs, (r) => grantsFor(r), profiles);
            // Provisioned: grant on the tables' real ARNs (the provider's region and account), known once created.
            type Real = { refs: StreamRef[]; tables: NonNullable<KclApplication["tables"]> };
            return planPolicies<Real>(
                { refs: worst, tables: kclMetadataTableArns({ applicationName: v.applicationName, kcl, options: v.kclOptions }, streamLocation(worstCaseStreamRef(undefined).arn)) },
                () => pulumi.all([refs, tableArns()]).apply(([r, t]): Real => ({ refs: r as StreamRef[], tables: t })),
                (x) => grantsFor(x.refs, x.tables),
                profiles,
            );
        }
    }

    private createIdentity(name: string, a: ValidArgs, tags: Record<string, string>): (attachmentName: string, policy: aws.iam.Policy) => void {
        if (a.identity.kind === "user") {
            const user = new aws.iam.User(
                name,
                { ...(a.identity.name ? { name: a.identity.name } : {}), ...(a.identity.path ? { path: a.identity.path } : {}), tags },
                { parent: this },
            );
            (this as { user?: aws.iam.User }).user = user;
            if (a.identity.accessKey) {
                const key = new aws.iam.AccessKey(`${name}-key`, { user: user.name }, { parent: this });
                (this as { accessKeyId?: pulumi.Output<string> }).accessKeyId = key.id;
                (this as { secretAccessKey?: pulumi.Output<string> }).secretAccessKey = pulumi.secret(key.secret);
            }
            return (n, policy) => new aws.iam.UserPolicyAttachment(n, { user: user.name, policyArn: policy.arn }, { parent: this });
        }
        const role = new aws.iam.Role(
            name,
            {
                ...(a.identity.name ? { name: a.identity.name } : {}),
                ...(a.identity.path ? { path: a.identity.path } : {}),
                assumeRolePolicy: a.identity.assumeRolePolicy,
                tags,
            },
            { parent: this },
        );
        (this as { role?: aws.iam.Role }).role = role;
        return (n, policy) => new aws.iam.RolePolicyAttachment(n, { role: role.name, policyArn: policy.arn }, { parent: this });
    }

    /** KCL's metadata tables with the schema KCL itself would create (https://docs.aws.amazon.com/streams/latest/dev/kcl-dynamoDB.html). */
    private createMetadataTables(name: string, a: ValidArgs): (aws.dynamodb.Table | undefined)[] {
        const names = kclMetadataTableNames(a.applicationName, a.kcl!, a.kclOptions);
        const protection = a.dataProtection;
        const table = (logical: string, tableName: string, hashKey: string, extra: Partial<aws.dynamodb.TableArgs> = {}) =>
            new aws.dynamodb.Table(
                logical,
                {
                    name: tableName,
                    billingMode: "PAY_PER_REQUEST",
                    hashKey,
                    attributes: [{ name: hashKey, type: "S" }, ...((extra.attributes as aws.types.input.dynamodb.TableAttribute[]) ?? [])],
                    globalSecondaryIndexes: extra.globalSecondaryIndexes,
                    deletionProtectionEnabled: protection,
                    pointInTimeRecovery: { enabled: protection },
                    tags: { ...a.tags, [COMPONENT_TAG]: "StreamApplication" },
                },
                { parent: this, retainOnDelete: protection },
            );
        this.leaseTables.push(
            table(
                `${name}-leases`,
                names.lease,
                "leaseKey",
                a.kcl === "3.x"
                    ? {
                          attributes: [{ name: "leaseOwner", type: "S" }],
                          globalSecondaryIndexes: [{ name: "LeaseOwnerToLeaseKeyIndex", hashKey: "leaseOwner", rangeKey: "leaseKey", projectionType: "KEYS_ONLY" }],
                      }
                    : {},
            ),
        );
        const wm = names.provisioned.includes("workerMetrics") ? table(`${name}-worker-metrics`, names.workerMetrics!, "wid") : undefined;
        const cs = names.provisioned.includes("coordinatorState") ? table(`${name}-coordinator-state`, names.coordinatorState!, "key") : undefined;
        this.leaseTables.push(...[wm, cs].filter((t): t is aws.dynamodb.Table => t !== undefined));
        return [this.leaseTables[0], wm, cs];
    }
}

interface PolicyPlan {
    /** How many managed policies: fixed when the program runs, from worst-case ARN lengths. */
    count: number;
    profiles: Profile[];
    /** Called after the resources it reads exist. */
    documents: () => pulumi.Output<PolicyDocument[]>;
}

/**
 * Resource counts must be known before ARNs are. Plan the split on the longest ARNs the resources can
 * have; the real ARNs are never longer, so the real documents fit into the same number of policies.
 */
function planPolicies<T>(worst: T, real: pulumi.Output<T> | (() => pulumi.Output<T>), grantsFor: (x: T) => Grant[], profiles: Profile[]): PolicyPlan {
    const count = buildPolicyDocuments(grantsFor(worst), POLICY_SIZE_LIMITS.managed).length;
    return {
        count,
        profiles,
        documents: () => (typeof real === "function" ? real() : real).apply((x) => buildPolicyDocuments(grantsFor(x as T), POLICY_SIZE_LIMITS.managed, count)),
    };
}

const unique = (ps: Profile[]) => [...new Set(ps)];
function validateApplicationArgs(resourceName: string, args: unknown): ValidArgs {
    const c = new ArgumentChecker("StreamApplication", resourceName);
    const a = c.object("args", args);
    c.knownKeys("", a, ["identity", "produces", "consumes", "applicationName", "leaseTables", "kclOptions", "dataProtection", "tags"]);

    const id = c.object("identity", a.identity, "{ user: {...} } or { role: { assumeRolePolicy } }");
    let identity: ValidArgs["identity"];
    if ("user" in id && !("role" in id)) {
        const u = c.object("identity.user", id.user);
        c.knownKeys("identity.user", u, ["name", "path", "accessKey"]);
        identity = {
            kind: "user",
            name: u.name === undefined ? undefined : c.name("identity.user.name", u.name, "iamUser"),
            path: u.path === undefined ? undefined : checkPath(c, "identity.user.path", u.path),
            accessKey: u.accessKey === undefined ? false : c.boolean("identity.user.accessKey", u.accessKey),
        };
    } else if ("role" in id && !("user" in id)) {
        const r = c.object("identity.role", id.role);
        c.knownKeys("identity.role", r, ["name", "path", "assumeRolePolicy"]);
        const trust = r.assumeRolePolicy;
        if (typeof trust === "string") {
            try {
                JSON.parse(trust);
            } catch {
                c.fail("identity.role.assumeRolePolicy", trust, "a JSON trust policy document");
            }
        } else if (!pulumi.Output.isInstance(trust) && !(trust instanceof Promise)) {
            c.fail("identity.role.assumeRolePolicy", trust, "a JSON trust policy document (string or Output)");
        }
        identity = {
            kind: "role",
            name: r.name === undefined ? undefined : c.name("identity.role.name", r.name, "iamRole"),
            path: r.path === undefined ? undefined : checkPath(c, "identity.role.path", r.path),
            assumeRolePolicy: trust as pulumi.Input<string>,
        };
    } else {
        identity = c.fail("identity", id, "exactly one of { user: {...} } or { role: { assumeRolePolicy } }");
    }

    const produces = (a.produces === undefined ? [] : c.array("produces", a.produces)).map((p, i) => {
        const arg = `produces[${i}]`;
        if (p !== null && typeof p === "object" && !(p instanceof KinesisStream) && "stream" in p) {
            const o = p as Record<string, unknown>;
            c.knownKeys(arg, o, ["stream", "client", "statusCheck"]);
            const client = o.client === undefined ? "sdk" : c.oneOf(`${arg}.client`, o.client, PRODUCER_CLIENTS);
            const statusCheck = o.statusCheck === undefined ? false : c.boolean(`${arg}.statusCheck`, o.statusCheck);
            if (statusCheck && client === "kpl") c.fail(`${arg}.statusCheck`, statusCheck, 'false with client "kpl" (the KPL never calls DescribeStream)');
            return { stream: validateStreamLike(c, `${arg}.stream`, o.stream), client, statusCheck };
        }
        return { stream: validateStreamLike(c, arg, p), client: "sdk" as const, statusCheck: false };
    });

    let kcl: KclVersion | undefined;
    const consumes = (a.consumes === undefined ? [] : c.array("consumes", a.consumes)).map((x, i) => {
        const arg = `consumes[${i}]`;
        const o = c.object(arg, x, "{ stream, kcl?, enhancedFanOut? }");
        c.knownKeys(arg, o, ["stream", "kcl", "enhancedFanOut"]);
        const v = o.kcl === undefined ? "3.x" : c.oneOf(`${arg}.kcl`, o.kcl, KCL_VERSIONS);
        if (kcl !== undefined && v !== kcl) c.fail(`${arg}.kcl`, v, `"${kcl}" like consumes[0]: one application runs one KCL version`);
        kcl = v;
        const efo = o.enhancedFanOut === undefined ? v !== "1.x" : c.boolean(`${arg}.enhancedFanOut`, o.enhancedFanOut);
        if (v === "1.x" && efo) c.fail(`${arg}.enhancedFanOut`, efo, 'false with kcl "1.x" (KCL 1.x has no enhanced fan-out; use "2.x" or "3.x")');
        return { stream: validateStreamLike(c, `${arg}.stream`, o.stream), enhancedFanOut: efo };
    });
    if (kcl === "1.x" && consumes.length > 1) {
        c.fail("consumes", `${consumes.length} streams`, 'one stream per KCL 1.x application (multi-stream consumers need kcl "2.x" or "3.x")');
    }
    if (produces.length === 0 && consumes.length === 0) c.fail("produces/consumes", "nothing", "at least one produced or consumed stream");

    const applicationName = a.applicationName === undefined ? resourceName : (a.applicationName as string);
    if (consumes.length > 0) {
        // The application name is the lease table's name, and KCL 3.x appends "-WorkerMetricStats" (18 characters).
        c.name("applicationName", applicationName, "table");
        if (kcl === "3.x" && applicationName.length > 255 - 18) c.fail("applicationName", applicationName, `at most ${255 - 18} characters with kcl "3.x" (KCL appends "-WorkerMetricStats")`);
    } else if (a.applicationName !== undefined) {
        c.fail("applicationName", a.applicationName, "only with consumes (it names the KCL application)");
    }
    if (a.leaseTables !== undefined && consumes.length === 0) c.fail("leaseTables", a.leaseTables, "only with consumes (lease tables belong to KCL consumers)");
    const leaseTables = a.leaseTables === undefined ? "provisioned" : c.oneOf("leaseTables", a.leaseTables, LEASE_TABLE_MODES);
    const kclOptions = a.kclOptions === undefined ? {} : validateKclOptions(c, a.kclOptions, { consumes: consumes.length, kcl, leaseTables });
    const dataProtection = a.dataProtection === undefined ? true : c.boolean("dataProtection", a.dataProtection);
    const tags = a.tags === undefined ? {} : checkTags(c, a.tags);
    return { identity, produces, consumes, kcl, applicationName, leaseTables, kclOptions, dataProtection, tags };
}

function validateKclOptions(c: ArgumentChecker, value: unknown, app: { consumes: number; kcl?: KclVersion; leaseTables: LeaseTables }): KclOptions {
    if (app.consumes === 0) c.fail("kclOptions", value, "only with consumes (they are KCL settings)");
    const o = c.object("kclOptions", value, "{ leaseTablePitr?, tableTags?, metricsNamespace?, singleTable? }");
    c.knownKeys("kclOptions", o, ["leaseTablePitr", "tableTags", "metricsNamespace", "singleTable"]);
    const flag = (k: string) => (o[k] === undefined ? undefined : c.boolean(`kclOptions.${k}`, o[k]));
    const out: KclOptions = { leaseTablePitr: flag("leaseTablePitr"), tableTags: flag("tableTags"), singleTable: flag("singleTable") };
    if (o.metricsNamespace !== undefined) {
        const ns = o.metricsNamespace;
        // CloudWatch namespaces: 1-255 characters, not starting with "AWS/" (reserved for AWS services).
        if (typeof ns !== "string" || !/^[\x20-\x7e]{1,255}$/.test(ns) || ns.startsWith("AWS/") || ns.startsWith(":")) {
            c.fail("kclOptions.metricsNamespace", ns, 'a CloudWatch namespace: 1-255 printable ASCII characters, not starting with "AWS/" or ":"');
        }
        out.metricsNamespace = ns;
    }
    if (out.singleTable && app.kcl !== "3.x") c.fail("kclOptions.singleTable", true, 'only with kcl "3.x" (KCL 3.5 or later)');
    if (out.tableTags && app.leaseTables !== "created-by-kcl") c.fail("kclOptions.tableTags", true, 'only with leaseTables "created-by-kcl" (KCL tags only the tables it creates)');
    return out;
}

function checkPath(c: ArgumentChecker, argument: string, value: unknown): string {
    if (typeof value !== "string" || !/^\/(?:[\x21-\x7e]{0,510}\/)?$/.test(value) || value.length > 512) {
        c.fail(argument, value, 'an IAM path: "/" or "/a/b/" (1-512 printable ASCII characters, starting and ending with "/")');
    }
    return value;
}

