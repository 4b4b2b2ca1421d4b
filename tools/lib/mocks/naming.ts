// The account, region and partition of the mocks, and the names AWS and Pulumi give resources.

import { hex } from "./ids";

export const MOCK_ACCOUNT = "123456789012";
export const DEFAULT_REGION = "us-east-1";

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
export const AUTONAMED: Record<string, number | undefined> = {
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
export const SERVICE_LINKED_ROLE_NAMES: Record<string, string> = {
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

export const FIXED_DATE = "2024-01-01T00:00:00Z";

export const normPath = (p: unknown) => {
    if (typeof p !== "string" || p === "") return "/";
    return p.endsWith("/") ? p : `${p}/`;
};

/** The last path segment of an ARN or a name: `arn:aws:iam::1:user/x/y` → `y`. */
export const lastSegment = (s: string) => s.split(/[/:]/).pop() ?? s;
