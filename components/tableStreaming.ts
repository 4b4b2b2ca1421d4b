import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ArgumentChecker,
    buildPolicyDocument,
    KINESIS_REPLICATION_SERVICE,
    kinesisReplicationRoleArn,
    parseArn,
    PRINCIPAL_ARN_RE,
    streamingOperatorGrants,
    streamingOperatorProfiles,
    StreamingOperatorOptions,
} from "./grants";
import { COMPONENT_TAG, isCustomerManaged as isCmk, PROFILES_TAG, StreamLike, streamRefOf, validateStreamLike } from "./shared";

/** Who may operate the streaming destination: an IAM role, user or group of this program, or its ARN. */
export type Principal = aws.iam.Role | aws.iam.User | aws.iam.Group | string;

export interface StreamingOperators {
    /** May enable streaming (and create the service-linked role on first use). */
    enable?: Principal[];
    describe?: Principal[];
    disable?: Principal[];
    /** Explicitly denied disabling, whatever else they are allowed. */
    denyDisable?: Principal[];
}

export interface TableKinesisStreamingArgs {
    table: aws.dynamodb.Table;
    stream: StreamLike;
    /**
     * "existing" (default): DynamoDB creates the account's service-linked role on the first enable, or it
     * exists already; nothing is created. "create": this stack creates it, protected and retained on
     * delete, because every stack in the account shares it. Let one stack per account use "create".
     */
    serviceLinkedRole?: "existing" | "create";
    operators?: StreamingOperators;
    /** Precision of ApproximateCreationDateTime in the records. Default MILLISECOND. */
    approximateCreationDateTimePrecision?: "MILLISECOND" | "MICROSECOND";
}

const OPERATIONS = ["enable", "describe", "disable", "denyDisable"] as const;
type Operation = (typeof OPERATIONS)[number];

/** Kinesis Data Streams for DynamoDB: a table replicating item changes into a stream, and who may operate it. */
export class TableKinesisStreaming extends pulumi.ComponentResource {
    readonly destination: aws.dynamodb.KinesisStreamingDestination;
    readonly serviceLinkedRole?: aws.iam.ServiceLinkedRole;
    /** The ARN of the account's service-linked role, created here or not. */
    readonly serviceLinkedRoleArn: pulumi.Output<string>;
    readonly keyGrant?: aws.kms.Grant;
    readonly policies: aws.iam.Policy[] = [];

    constructor(name: string, args: TableKinesisStreamingArgs, opts?: pulumi.ComponentResourceOptions) {
        const a = validateArgs(name, args);
        super("kinesis-access:index:TableKinesisStreaming", name, {}, opts);

        this.serviceLinkedRoleArn = a.table.arn.apply((arn) => {
            const p = parseArn(arn)!;
            return kinesisReplicationRoleArn(p.partition, p.account);
        });
        if (a.serviceLinkedRole === "create") {
            // One per account, shared by every stack: never deleted by a stack.
            this.serviceLinkedRole = new aws.iam.ServiceLinkedRole(
                `${name}-service-linked-role`,
                { awsServiceName: KINESIS_REPLICATION_SERVICE },
                { parent: this, protect: true, retainOnDelete: true },
            );
            this.serviceLinkedRoleArn = this.serviceLinkedRole.arn;
        }

        const ref = streamRefOf(a.stream);
        if (isCmk(a.stream)) {
            // DynamoDB replicates as the service-linked role, which must generate data keys with the stream's key.
            this.keyGrant = new aws.kms.Grant(
                `${name}-replication-key`,
                { keyId: ref.apply((r) => r.kmsKeyArn!), granteePrincipal: this.serviceLinkedRoleArn, operations: ["GenerateDataKey"] },
                { parent: this, dependsOn: this.serviceLinkedRole ? [this.serviceLinkedRole] : [] },
            );
        }

        this.destination = new aws.dynamodb.KinesisStreamingDestination(
            name,
            {
                tableName: a.table.name,
                streamArn: ref.apply((r) => r.arn),
                approximateCreationDateTimePrecision: a.precision,
            },
            { parent: this, dependsOn: [...(this.serviceLinkedRole ? [this.serviceLinkedRole] : []), ...(this.keyGrant ? [this.keyGrant] : [])] },
        );

        a.operators.forEach(({ principal, ops }, i) => {
            const options: StreamingOperatorOptions = Object.fromEntries([...ops].map((o) => [o, true]));
            const profiles = streamingOperatorProfiles(options);
            const policy = new aws.iam.Policy(
                `${name}-operator-${i + 1}`,
                {
                    description: `Operate Kinesis Data Streams for DynamoDB on a table: ${[...ops].join(", ")} (kinesis-access)`,
                    policy: pulumi
                        .all([a.table.arn, ref])
                        .apply(([tableArn, r]) => JSON.stringify(buildPolicyDocument(streamingOperatorGrants(options, { tableArn, streamArn: r.arn })))),
                    tags: { [COMPONENT_TAG]: "TableKinesisStreaming", [PROFILES_TAG]: profiles.map((p) => p.name).join(" ") },
                },
                { parent: this },
            );
            this.policies.push(policy);
            attach(this, `${name}-operator-${i + 1}`, principal, policy);
        });

        this.registerOutputs({ serviceLinkedRoleArn: this.serviceLinkedRoleArn });
    }
}

function attach(parent: pulumi.Resource, name: string, p: Principal, policy: aws.iam.Policy): void {
    const opts = { parent };
    if (typeof p === "string") {
        const [, kind, principalName] = PRINCIPAL_ARN_RE.exec(p)!;
        if (kind === "role") new aws.iam.RolePolicyAttachment(name, { role: principalName, policyArn: policy.arn }, opts);
        else if (kind === "user") new aws.iam.UserPolicyAttachment(name, { user: principalName, policyArn: policy.arn }, opts);
        else new aws.iam.GroupPolicyAttachment(name, { group: principalName, policyArn: policy.arn }, opts);
    } else if (aws.iam.Role.isInstance(p)) new aws.iam.RolePolicyAttachment(name, { role: p.name, policyArn: policy.arn }, opts);
    else if (aws.iam.User.isInstance(p)) new aws.iam.UserPolicyAttachment(name, { user: p.name, policyArn: policy.arn }, opts);
    else new aws.iam.GroupPolicyAttachment(name, { group: p.name, policyArn: policy.arn }, opts);
}


interface ValidArgs {
    table: aws.dynamodb.Table;
    stream: StreamLike;
    serviceLinkedRole: "existing" | "create";
    precision: "MILLISECOND" | "MICROSECOND";
    operators: { principal: Principal; ops: Set<Operation> }[];
}

function validateArgs(resourceName: string, args: unknown): ValidArgs {
    const c = new ArgumentChecker("TableKinesisStreaming", resourceName);
    const a = c.object("args", args);
    c.knownKeys("", a, ["table", "stream", "serviceLinkedRole", "operators", "approximateCreationDateTimePrecision"]);
    if (!aws.dynamodb.Table.isInstance(a.table)) c.fail("table", a.table, "an aws.dynamodb.Table");
    const stream = validateStreamLike(c, "stream", a.stream);
    const serviceLinkedRole = a.serviceLinkedRole === undefined ? "existing" : c.oneOf("serviceLinkedRole", a.serviceLinkedRole, ["existing", "create"] as const);
    const precision =
        a.approximateCreationDateTimePrecision === undefined
            ? "MILLISECOND"
            : c.oneOf("approximateCreationDateTimePrecision", a.approximateCreationDateTimePrecision, ["MILLISECOND", "MICROSECOND"] as const);

    // One policy per principal, holding all of its operations on this table.
    const byPrincipal = new Map<Principal, Set<Operation>>();
    if (a.operators !== undefined) {
        const ops = c.object("operators", a.operators);
        c.knownKeys("operators", ops, OPERATIONS);
        for (const op of OPERATIONS) {
            if (ops[op] === undefined) continue;
            c.array(`operators.${op}`, ops[op]).forEach((p, i) => {
                const arg = `operators.${op}[${i}]`;
                if (typeof p === "string") {
                    if (!PRINCIPAL_ARN_RE.test(p)) c.fail(arg, p, "an IAM role, user or group ARN (arn:<partition>:iam::<account>:role|user|group/<name>) or such a resource");
                } else if (!aws.iam.Role.isInstance(p) && !aws.iam.User.isInstance(p) && !aws.iam.Group.isInstance(p)) {
                    c.fail(arg, p, "an aws.iam.Role, aws.iam.User, aws.iam.Group or the ARN of one");
                }
                const set = byPrincipal.get(p as Principal) ?? byPrincipal.set(p as Principal, new Set()).get(p as Principal)!;
                set.add(op);
                if (set.has("disable") && set.has("denyDisable")) c.fail(arg, p, "a principal in at most one of operators.disable and operators.denyDisable");
            });
        }
    }
    return {
        table: a.table as aws.dynamodb.Table,
        stream,
        serviceLinkedRole,
        precision,
        operators: [...byPrincipal].map(([principal, ops]) => ({ principal, ops })),
    };
}
