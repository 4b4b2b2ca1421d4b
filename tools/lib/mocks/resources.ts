// The computed outputs of each resource type, as `pulumi up` would see them after create.

import { ALNUM, BASE32, fromAlphabet, hex, iamUniqueId, uuid } from "./ids";
import { DEFAULT_REGION, dnsSuffixOf, FIXED_DATE, MOCK_ACCOUNT, normPath, partitionOf, serviceLinkedRoleName } from "./naming";
import { MockOptions, MockResourceArgs } from "./types";

/** The region, account and partition of one set of mocks, and ARNs in them. */
export interface MockContext {
    opts: MockOptions;
    region: string;
    account: string;
    partition: string;
    dnsSuffix: string;
    arn(service: string, resource: string, rgn?: string, acct?: string): string;
    iamArn(resource: string): string;
}

export function mockContext(opts: MockOptions): MockContext {
    const region = opts.region || DEFAULT_REGION;
    const account = opts.account || MOCK_ACCOUNT;
    const partition = partitionOf(region);
    return {
        opts,
        region,
        account,
        partition,
        dnsSuffix: dnsSuffixOf(partition),
        arn: (service, resource, rgn = region, acct = account) => `arn:${partition}:${service}:${rgn}:${acct}:${resource}`,
        iamArn: (resource) => `arn:${partition}:iam::${account}:${resource}`,
    };
}

type Computed = { id: string; outputs: Record<string, unknown> };

/** Computed outputs of a resource as `pulumi up` would see them after create. */
export function computed(ctx: MockContext, args: MockResourceArgs, name: string): Computed {
    const seed = [ctx.opts.stack, args.type, args.name];
    return iamComputed(ctx, args, name, seed) ?? serviceComputed(ctx, args, name, seed) ?? otherComputed(ctx, args, name, seed);
}

function serviceComputed(ctx: MockContext, args: MockResourceArgs, name: string, seed: string[]): Computed | undefined {
    const { arn, region, account, dnsSuffix } = ctx;
    const i = args.inputs;
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
    return undefined;
}

function iamComputed(ctx: MockContext, args: MockResourceArgs, name: string, seed: string[]): Computed | undefined {
    const { iamArn } = ctx;
    const i = args.inputs;
    switch (args.type) {
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
    }
    return undefined;
}

function otherComputed(ctx: MockContext, args: MockResourceArgs, name: string, seed: string[]): Computed {
    const { arn } = ctx;
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
