// Deterministic, realistic mocks for the AWS resources and invokes the offline plan meets.
//
// Independent of any one copy of @pulumi/pulumi: the objects returned here satisfy the `Mocks` interface
// structurally, and secrets are returned in the wire form every copy of the SDK understands.

import { createHash } from "crypto";

export const MOCK_ACCOUNT = "123456789012";
export const DEFAULT_REGION = "us-east-1";

/** Wire-format markers of the Pulumi SDK (runtime/rpc.ts), the same in every copy. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const secretValue = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

export function isSecretValue(v: unknown): v is { value: unknown } {
    return !!v && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

export interface MockResourceArgs {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    provider?: string;
    custom?: boolean;
    id?: string;
}

export interface MockCallArgs {
    token: string;
    inputs: Record<string, unknown>;
    provider?: string;
}

export interface MockResult {
    id: string | undefined;
    state: Record<string, unknown>;
}

export interface PlanMocks {
    newResource(args: MockResourceArgs): MockResult;
    call(args: MockCallArgs): Record<string, unknown>;
    /** Invoke tokens that no handler knew; answered with their inputs. */
    readonly unhandledInvokes: Set<string>;
}

export interface MockOptions {
    region?: string;
    account?: string;
    /** Preview: computed outputs stay unknown (absent), ids are unknown; only inputs and autonames are known. */
    preview: boolean;
    stack: string;
    project: string;
}

export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    if (region.startsWith("us-iso-")) return "aws-iso";
    if (region.startsWith("us-isob-")) return "aws-iso-b";
    return "aws";
}

export function dnsSuffixOf(partition: string): string {
    return partition === "aws-cn"
        ? "amazonaws.com.cn"
        : partition === "aws-iso"
          ? "c2s.ic.gov"
          : partition === "aws-iso-b"
            ? "sc2s.sgov.gov"
            : "amazonaws.com";
}

function digest(...parts: string[]): Buffer {
    return createHash("sha256").update(parts.join("\u0000")).digest();
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function fromAlphabet(alphabet: string, n: number, ...seed: string[]): string {
    let out = "";
    let round = 0;
    while (out.length < n) {
        for (const b of digest(...seed, String(round))) {
            if (out.length >= n) break;
            out += alphabet[b % alphabet.length];
        }
        round += 1;
    }
    return out;
}

export const hex = (n: number, ...seed: string[]) =>
    digest(...seed)
        .toString("hex")
        .slice(0, n);

function uuid(...seed: string[]): string {
    const h = digest(...seed).toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** IAM unique ids: a four-letter prefix by kind and 17 base32 characters. */
const iamUniqueId = (prefix: string, ...seed: string[]) => prefix + fromAlphabet(BASE32, 17, ...seed);

/** Pulumi's default autoname: the logical name, a dash, seven random hex characters (here: derived). */
export function autoname(logicalName: string, type: string, stack: string, maxLength?: number): string {
    const suffix = `-${hex(7, "autoname", stack, type, logicalName)}`;
    const base =
        maxLength && logicalName.length + suffix.length > maxLength
            ? logicalName.slice(0, maxLength - suffix.length)
            : logicalName;
    return base + suffix;
}

/** Types whose physical name the provider assigns from the logical name when `name` is not given. */
const AUTONAMED: Record<string, number | undefined> = {
    "aws:kinesis/stream:Stream": 128,
    "aws:kinesis/streamConsumer:StreamConsumer": 128,
    "aws:dynamodb/table:Table": 255,
    "aws:iam/user:User": 64,
    "aws:iam/role:Role": 64,
    "aws:iam/group:Group": 128,
    "aws:iam/policy:Policy": 128,
    "aws:iam/userPolicy:UserPolicy": 128,
    "aws:iam/rolePolicy:RolePolicy": 128,
    "aws:iam/groupPolicy:GroupPolicy": 128,
    "aws:iam/policyAttachment:PolicyAttachment": 128,
    "aws:iam/instanceProfile:InstanceProfile": 128,
    "aws:kms/alias:Alias": 256,
    "aws:sqs/queue:Queue": 80,
    "aws:sns/topic:Topic": 256,
    "aws:cloudwatch/logGroup:LogGroup": 512,
    "aws:lambda/function:Function": 64,
};

export const isAutonamed = (type: string) => type in AUTONAMED;

/** Service principal → the service-linked role name AWS gives it. */
const SERVICE_LINKED_ROLE_NAMES: Record<string, string> = {
    "kinesisreplication.dynamodb.amazonaws.com": "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication",
    "dynamodb.application-autoscaling.amazonaws.com": "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
    "replication.dynamodb.amazonaws.com": "AWSServiceRoleForDynamoDBReplication",
    "kinesisanalytics.amazonaws.com": "AWSServiceRoleForKinesisAnalytics",
    "elasticloadbalancing.amazonaws.com": "AWSServiceRoleForElasticLoadBalancing",
};

export function serviceLinkedRoleName(service: string, customSuffix?: string): string {
    let name = SERVICE_LINKED_ROLE_NAMES[service];
    if (!name) {
        const head = service.split(".")[0];
        name = `AWSServiceRoleFor${head.charAt(0).toUpperCase()}${head.slice(1)}`;
    }
    return customSuffix ? `${name}_${customSuffix}` : name;
}

const FIXED_DATE = "2024-01-01T00:00:00Z";

const normPath = (p: unknown) => {
    if (typeof p !== "string" || p === "") return "/";
    return p.endsWith("/") ? p : `${p}/`;
};

/** The last path segment of an ARN or a name: `arn:aws:iam::1:user/x/y` → `y`. */
const lastSegment = (s: string) => s.split(/[/:]/).pop() ?? s;

export function createMocks(opts: MockOptions): PlanMocks {
    const region = opts.region || DEFAULT_REGION;
    const account = opts.account || MOCK_ACCOUNT;
    const partition = partitionOf(region);
    const dnsSuffix = dnsSuffixOf(partition);
    const unhandledInvokes = new Set<string>();
    const arn = (service: string, resource: string, rgn = region, acct = account) =>
        `arn:${partition}:${service}:${rgn}:${acct}:${resource}`;
    const iamArn = (resource: string) => `arn:${partition}:iam::${account}:${resource}`;

    function physicalName(args: MockResourceArgs): string {
        const given = args.inputs.name;
        if (typeof given === "string" && given !== "") return given;
        if (typeof args.inputs.namePrefix === "string")
            return `${args.inputs.namePrefix}${hex(26, "prefix", opts.stack, args.type, args.name)}`;
        return autoname(args.name, args.type, opts.stack, AUTONAMED[args.type]);
    }

    /** Computed outputs of a resource as `pulumi up` would see them after create. */
    function computed(args: MockResourceArgs, name: string): { id: string; outputs: Record<string, unknown> } {
        const i = args.inputs;
        const seed = [opts.stack, args.type, args.name];
        switch (args.type) {
            case "aws:kinesis/stream:Stream": {
                const a = arn("kinesis", `stream/${name}`);
                return { id: a, outputs: { arn: a, name } };
            }
            case "aws:kinesis/streamConsumer:StreamConsumer": {
                const a = `${i.streamArn ?? arn("kinesis", "stream/unknown")}/consumer/${name}:1704067200`;
                return { id: a, outputs: { arn: a, name, creationTimestamp: FIXED_DATE } };
            }
            case "aws:kinesis/resourcePolicy:ResourcePolicy":
                return { id: String(i.resourceArn ?? hex(16, ...seed)), outputs: {} };
            case "aws:dynamodb/table:Table": {
                const a = arn("dynamodb", `table/${name}`);
                const out: Record<string, unknown> = { arn: a, name };
                if (i.streamEnabled) {
                    out.streamLabel = "2024-01-01T00:00:00.000";
                    out.streamArn = `${a}/stream/2024-01-01T00:00:00.000`;
                }
                return { id: name, outputs: out };
            }
            case "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination":
                return { id: `${i.tableName},${i.streamArn}`, outputs: {} };
            case "aws:iam/user:User": {
                const a = iamArn(`user${normPath(i.path)}${name}`);
                return { id: name, outputs: { arn: a, name, path: normPath(i.path), uniqueId: iamUniqueId("AIDA", ...seed) } };
            }
            case "aws:iam/role:Role": {
                const a = iamArn(`role${normPath(i.path)}${name}`);
                return {
                    id: name,
                    outputs: {
                        arn: a,
                        name,
                        path: normPath(i.path),
                        uniqueId: iamUniqueId("AROA", ...seed),
                        createDate: FIXED_DATE,
                    },
                };
            }
            case "aws:iam/group:Group": {
                const a = iamArn(`group${normPath(i.path)}${name}`);
                return { id: name, outputs: { arn: a, name, path: normPath(i.path), uniqueId: iamUniqueId("AGPA", ...seed) } };
            }
            case "aws:iam/policy:Policy": {
                const a = iamArn(`policy${normPath(i.path)}${name}`);
                return {
                    id: a,
                    outputs: { arn: a, name, path: normPath(i.path), policyId: iamUniqueId("ANPA", ...seed), attachmentCount: 0 },
                };
            }
            case "aws:iam/userPolicy:UserPolicy":
                return { id: `${i.user}:${name}`, outputs: { name } };
            case "aws:iam/rolePolicy:RolePolicy":
                return { id: `${i.role}:${name}`, outputs: { name } };
            case "aws:iam/groupPolicy:GroupPolicy":
                return { id: `${i.group}:${name}`, outputs: { name } };
            case "aws:iam/userPolicyAttachment:UserPolicyAttachment":
                return { id: `${i.user}-${hex(20, ...seed)}`, outputs: {} };
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
                return { id: `${i.role}-${hex(20, ...seed)}`, outputs: {} };
            case "aws:iam/groupPolicyAttachment:GroupPolicyAttachment":
                return { id: `${i.group}-${hex(20, ...seed)}`, outputs: {} };
            case "aws:iam/policyAttachment:PolicyAttachment":
                return { id: name, outputs: { name } };
            case "aws:iam/userGroupMembership:UserGroupMembership":
                return { id: `terraform-${hex(26, ...seed)}`, outputs: {} };
            case "aws:iam/accessKey:AccessKey": {
                const id = `AKIA${fromAlphabet(BASE32, 16, "akid", ...seed)}`;
                return {
                    id,
                    outputs: {
                        createDate: FIXED_DATE,
                        status: i.status ?? "Active",
                        secret: fromAlphabet(ALNUM + "+/", 40, "secret", ...seed),
                        sesSmtpPasswordV4: fromAlphabet(ALNUM, 44, "smtp", ...seed),
                    },
                };
            }
            case "aws:iam/serviceLinkedRole:ServiceLinkedRole": {
                const service = String(i.awsServiceName ?? "unknown.amazonaws.com");
                const roleName = serviceLinkedRoleName(service, i.customSuffix as string | undefined);
                const path = `/aws-service-role/${service}/`;
                const a = iamArn(`role${path}${roleName}`);
                return {
                    id: a,
                    outputs: { arn: a, name: roleName, path, uniqueId: iamUniqueId("AROA", ...seed), createDate: FIXED_DATE },
                };
            }
            case "aws:kms/key:Key": {
                const keyId = uuid("kms", ...seed);
                const a = arn("kms", `key/${keyId}`);
                return { id: keyId, outputs: { arn: a, keyId } };
            }
            case "aws:kms/alias:Alias": {
                const aliasName = name.startsWith("alias/") ? name : `alias/${name}`;
                const target = typeof i.targetKeyId === "string" ? i.targetKeyId : uuid("kms", "alias", ...seed);
                return {
                    id: aliasName,
                    outputs: {
                        arn: arn("kms", aliasName),
                        name: aliasName,
                        targetKeyArn: target.startsWith("arn:") ? target : arn("kms", `key/${target}`),
                    },
                };
            }
            case "aws:cloudwatch/logGroup:LogGroup":
                return { id: name, outputs: { arn: arn("logs", `log-group:${name}`), name } };
            case "aws:sqs/queue:Queue":
                return {
                    id: `https://sqs.${region}.${dnsSuffix}/${account}/${name}`,
                    outputs: { arn: arn("sqs", name), name, url: `https://sqs.${region}.${dnsSuffix}/${account}/${name}` },
                };
            case "aws:sns/topic:Topic":
                return { id: arn("sns", name), outputs: { arn: arn("sns", name), name } };
            case "aws:lambda/function:Function":
                return { id: name, outputs: { arn: arn("lambda", `function:${name}`), name } };
        }
        if (args.type.startsWith("pulumi:providers:")) {
            return { id: uuid("provider", ...seed), outputs: {} };
        }
        // Anything else: an ARN shaped after the type token (aws:<module>/<kind>:<Kind>), which is right for
        // most AWS resources and at least recognisable for the rest.
        const m = /^aws:([a-z0-9]+)\/([a-zA-Z0-9]+):/.exec(args.type);
        if (m) {
            const kind = m[2].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
            return { id: name, outputs: { arn: arn(m[1], `${kind}/${name}`) } };
        }
        return { id: `${args.name}-${hex(8, ...seed)}`, outputs: {} };
    }

    return {
        unhandledInvokes,
        newResource(args: MockResourceArgs): MockResult {
            if (args.custom === false) {
                // Component resources (and the root stack): no provider, nothing computed.
                return { id: undefined, state: {} };
            }
            const state: Record<string, unknown> = { ...args.inputs };
            const name = physicalName(args);
            // Autonaming happens in the provider's Check, so the name is known even in preview.
            if (isAutonamed(args.type) && state.name === undefined) state.name = name;
            if (args.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole" && typeof args.inputs.awsServiceName === "string") {
                // The role name is a function of the service: known at preview too.
                state.name = serviceLinkedRoleName(args.inputs.awsServiceName, args.inputs.customSuffix as string | undefined);
            }
            if (opts.preview && !args.id) {
                return { id: undefined, state };
            }
            const c = computed(args, typeof state.name === "string" ? state.name : name);
            return { id: args.id || c.id, state: { ...state, ...c.outputs } };
        },
        call(args: MockCallArgs): Record<string, unknown> {
            const i = args.inputs ?? {};
            switch (args.token) {
                case "aws:index/getCallerIdentity:getCallerIdentity":
                    return {
                        accountId: account,
                        arn: iamArn("user/offline-plan"),
                        id: account,
                        userId: iamUniqueId("AIDA", "caller"),
                    };
                case "aws:index/getRegion:getRegion": {
                    const r = (i.region ?? i.name ?? region) as string;
                    return { id: r, name: r, region: r, endpoint: `ec2.${r}.${dnsSuffixOf(partitionOf(r))}`, description: r };
                }
                case "aws:index/getPartition:getPartition":
                    return { id: partition, partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join(".") };
                case "aws:index/getAvailabilityZones:getAvailabilityZones": {
                    const names = ["a", "b", "c"].map((z) => `${region}${z}`);
                    return { id: region, names, zoneIds: names.map((_, n) => `use1-az${n + 1}`) };
                }
                case "aws:iam/getPolicyDocument:getPolicyDocument":
                    return policyDocumentInvoke(i as PolicyDocumentArgs);
                case "aws:iam/getPolicy:getPolicy": {
                    const a = typeof i.arn === "string" ? i.arn : iamArn(`policy${normPath(i.pathPrefix)}${i.name}`);
                    return {
                        id: a,
                        arn: a,
                        name: i.name ?? lastSegment(a),
                        path: "/",
                        policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
                    };
                }
                case "aws:iam/getRole:getRole": {
                    const nm = String(i.name);
                    const service = Object.keys(SERVICE_LINKED_ROLE_NAMES).find((s) => SERVICE_LINKED_ROLE_NAMES[s] === nm);
                    const path = service ? `/aws-service-role/${service}/` : "/";
                    const a = iamArn(`role${path}${nm}`);
                    return { id: nm, arn: a, name: nm, path, uniqueId: iamUniqueId("AROA", "role", nm), createDate: FIXED_DATE };
                }
                case "aws:iam/getUser:getUser": {
                    const nm = String(i.userName);
                    return {
                        id: iamUniqueId("AIDA", "user", nm),
                        arn: iamArn(`user/${nm}`),
                        userName: nm,
                        path: "/",
                        userId: iamUniqueId("AIDA", "user", nm),
                    };
                }
                case "aws:kms/getAlias:getAlias": {
                    const nm = String(i.name);
                    const keyId = uuid("kms", "alias", nm);
                    return {
                        id: arn("kms", nm),
                        arn: arn("kms", nm),
                        name: nm,
                        targetKeyId: keyId,
                        targetKeyArn: arn("kms", `key/${keyId}`),
                    };
                }
                case "aws:kms/getKey:getKey": {
                    const k = String(i.keyId);
                    const keyId = k.startsWith("arn:") ? lastSegment(k) : k.startsWith("alias/") ? uuid("kms", "alias", k) : k;
                    return { id: keyId, arn: arn("kms", `key/${keyId}`), keyId };
                }
                case "aws:kinesis/getStream:getStream": {
                    const nm = String(i.name);
                    return {
                        id: arn("kinesis", `stream/${nm}`),
                        arn: arn("kinesis", `stream/${nm}`),
                        name: nm,
                        status: "ACTIVE",
                    };
                }
                case "aws:dynamodb/getTable:getTable": {
                    const nm = String(i.name);
                    return { id: nm, arn: arn("dynamodb", `table/${nm}`), name: nm };
                }
            }
            unhandledInvokes.add(args.token);
            return { ...i };
        },
    };
}

type Json = Record<string, unknown>;

/** The inputs of aws.iam.getPolicyDocument that the offline invoke reads; list fields may be one value or many. */
export interface PolicyDocumentArgs {
    statements?: PolicyStatementArgs[];
    version?: string;
    policyId?: string;
}
interface PolicyStatementArgs {
    sid?: string;
    effect?: string;
    actions?: unknown;
    notActions?: unknown;
    resources?: unknown;
    notResources?: unknown;
    principals?: { type: string; identifiers: unknown }[];
    notPrincipals?: { type: string; identifiers: unknown }[];
    conditions?: { test: string; variable: string; values: unknown }[];
}

const asList = (v: unknown): string[] | undefined =>
    v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : [String(v)];

/** aws.iam.getPolicyDocument, offline: enough of it for programs that build documents with the invoke. */
export function policyDocumentInvoke(i: PolicyDocumentArgs): { id: string; json: string; minifiedJson: string } {
    const statements = (i.statements ?? []).map((s: PolicyStatementArgs) => {
        const out: Json = {};
        if (s.sid) out.Sid = s.sid;
        out.Effect = s.effect ?? "Allow";
        const one = (xs: string[] | undefined) => (xs && xs.length === 1 ? xs[0] : xs);
        if (s.actions) out.Action = one(asList(s.actions));
        if (s.notActions) out.NotAction = one(asList(s.notActions));
        if (s.resources) out.Resource = one(asList(s.resources));
        if (s.notResources) out.NotResource = one(asList(s.notResources));
        const principals = (key: string, list: PolicyStatementArgs["principals"]) => {
            if (!list || list.length === 0) return;
            const p: Json = {};
            for (const e of list) p[e.type] = one(asList(e.identifiers));
            out[key] = p;
        };
        principals("Principal", s.principals);
        principals("NotPrincipal", s.notPrincipals);
        if (s.conditions && s.conditions.length > 0) {
            const c: Record<string, Json> = {};
            for (const e of s.conditions) {
                c[e.test] = c[e.test] ?? {};
                c[e.test][e.variable] = one(asList(e.values));
            }
            out.Condition = c;
        }
        return out;
    });
    const doc: Json = { Version: i.version ?? "2012-10-17", Statement: statements };
    if (i.policyId) doc.Id = i.policyId;
    const json = JSON.stringify(doc, null, 2);
    return { id: hex(10, json), json, minifiedJson: JSON.stringify(doc) };
}
