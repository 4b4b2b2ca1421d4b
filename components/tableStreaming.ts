import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ArgumentChecker,
    buildPolicyDocument,
    KINESIS_REPLICATION_SERVICE,
    kinesisReplicationRoleArn,
    parseArn,
    parsePrincipalArn,
    streamingOperatorGrants,
    streamingOperatorProfiles,
    StreamingOperatorOptions,
    COMPONENT_TYPES,
} from "./grants";
import { COMPONENT_TAG, isCustomerManaged, PROFILES_TAG, resolvedStreamRef, StreamLike } from "./shared";
import { claim, providerLocation } from "./stack";
import { AWS_MANAGED_KINESIS_KEY } from "./streamArgs";
import {
    checkPrincipalHome,
    Principal,
    SERVICE_LINKED_ROLE_CLAIM,
    validateTableKinesisStreamingArgs,
    ValidTableStreamingArgs,
} from "./tableStreamingArgs";

export { Principal } from "./tableStreamingArgs";

/** Principals per operation on this table's streaming destination. Default: none for each. */
export interface StreamingOperators {
    /**
     * May enable streaming: the table action, ListStreams, DescribeStream and PutRecords; and, unless the stack creates it, the
     * service-linked role.
     */
    enable?: Principal[];
    /** May describe the destination and its stream. */
    describe?: Principal[];
    /** May change the destination's settings (`dynamodb:UpdateKinesisStreamingDestination`: the timestamp precision). */
    update?: Principal[];
    /** May disable streaming. */
    disable?: Principal[];
    /** Explicitly denied disabling, whatever else they are allowed. */
    denyDisable?: Principal[];
}

export interface TableKinesisStreamingArgs {
    /** The table whose item changes are streamed. */
    table: aws.dynamodb.Table;
    /** The stream they are written to; its customer managed key, if any, gets a KMS grant for the replication role. */
    stream: StreamLike;
    /**
     * "existing" (default): DynamoDB creates the account's service-linked role on the first enable, or it
     * exists already; nothing is created. "create": this stack creates it, protected and retained on
     * delete, because every stack in the account shares it. Let one component per account use "create".
     */
    serviceLinkedRole?: "existing" | "create";
    /** Who may operate the destination; ARNs must be of the stack's own account and partition. Default: nobody. */
    operators?: StreamingOperators;
    /** Precision of ApproximateCreationDateTime in the records. Default "MILLISECOND". */
    approximateCreationDateTimePrecision?: "MILLISECOND" | "MICROSECOND";
}

/** Kinesis Data Streams for DynamoDB: a table replicating item changes into a stream, and who may operate it. */
export class TableKinesisStreaming extends pulumi.ComponentResource {
    readonly destination: aws.dynamodb.KinesisStreamingDestination;
    readonly serviceLinkedRole?: aws.iam.ServiceLinkedRole;
    /** The ARN of the account's service-linked role, created here or not. */
    readonly serviceLinkedRoleArn: pulumi.Output<string>;
    readonly keyGrant?: aws.kms.Grant;
    readonly policies: aws.iam.Policy[];

    constructor(name: string, args: TableKinesisStreamingArgs, opts?: pulumi.ComponentResourceOptions) {
        const a = validateTableKinesisStreamingArgs(name, args, opts);
        const plan = planOperators(a);
        if (a.serviceLinkedRole === "create") claim([SERVICE_LINKED_ROLE_CLAIM], `TableKinesisStreaming "${name}"`, opts);
        super(COMPONENT_TYPES.tableKinesisStreaming, name, {}, opts);

        const c = new ArgumentChecker("TableKinesisStreaming", name);
        const ref = resolvedStreamRef(c, "stream", a.stream);
        this.serviceLinkedRole = a.serviceLinkedRole === "create" ? this.createServiceLinkedRole(name) : undefined;
        this.serviceLinkedRoleArn =
            this.serviceLinkedRole?.arn ??
            a.table.arn.apply((arn) => {
                const p = parseArn(arn)!;
                return kinesisReplicationRoleArn(p.partition, p.account);
            });
        this.keyGrant = isCustomerManaged(a.stream) ? this.createKeyGrant(name, c, ref) : undefined;
        this.destination = new aws.dynamodb.KinesisStreamingDestination(
            name,
            { tableName: a.table.name, streamArn: ref.apply((r) => r.arn), approximateCreationDateTimePrecision: a.precision },
            {
                parent: this,
                dependsOn: [
                    ...(this.serviceLinkedRole ? [this.serviceLinkedRole] : []),
                    ...(this.keyGrant ? [this.keyGrant] : []),
                ],
            },
        );
        this.policies = this.createOperatorPolicies(name, a, plan, ref);
        this.registerOutputs({
            destination: this.destination,
            serviceLinkedRole: this.serviceLinkedRole,
            serviceLinkedRoleArn: this.serviceLinkedRoleArn,
            keyGrant: this.keyGrant,
            policies: this.policies,
        });
    }

    /** One per account, shared by every stack: never deleted by a stack. */
    private createServiceLinkedRole(name: string): aws.iam.ServiceLinkedRole {
        return new aws.iam.ServiceLinkedRole(
            `${name}-service-linked-role`,
            { awsServiceName: KINESIS_REPLICATION_SERVICE },
            { parent: this, protect: true, retainOnDelete: true },
        );
    }

    /** DynamoDB replicates as the service-linked role, which must generate data keys with the stream's key. */
    private createKeyGrant(
        name: string,
        c: ArgumentChecker,
        ref: pulumi.Output<{ arn: string; kmsKeyArn?: string }>,
    ): aws.kms.Grant {
        // The grant was planned because the key might be customer managed (an Output); the AWS managed key needs none.
        const keyId = ref.apply(
            (r) =>
                r.kmsKeyArn ??
                c.fail(
                    "stream.kmsKeyArn",
                    AWS_MANAGED_KINESIS_KEY,
                    `a customer managed key ARN here (a KMS grant was planned for a key given as an Output); give ` +
                        `"${AWS_MANAGED_KINESIS_KEY}" as a plain string, or no key`,
                ),
        );
        return new aws.kms.Grant(
            `${name}-replication-key`,
            { keyId, granteePrincipal: this.serviceLinkedRoleArn, operations: ["GenerateDataKey"] },
            { parent: this, dependsOn: this.serviceLinkedRole ? [this.serviceLinkedRole] : [] },
        );
    }

    private createOperatorPolicies(
        name: string,
        a: ValidTableStreamingArgs,
        plan: OperatorPlan[],
        ref: pulumi.Output<{ arn: string }>,
    ): aws.iam.Policy[] {
        const home = plan.some((p) => typeof p.principal === "string") ? providerLocation(this) : undefined;
        return plan.map((p, i) => {
            const logical = `${name}-operator-${i + 1}`;
            const policy = new aws.iam.Policy(
                logical,
                {
                    description:
                        `Operate Kinesis Data Streams for DynamoDB on a table: ` + `${p.operations.join(", ")} (kinesis-access)`,
                    policy: pulumi
                        .all([a.table.arn, ref])
                        .apply(([tableArn, r]) =>
                            JSON.stringify(
                                buildPolicyDocument(streamingOperatorGrants(p.options, { tableArn, streamArn: r.arn })),
                            ),
                        ),
                    tags: { [COMPONENT_TAG]: "TableKinesisStreaming", [PROFILES_TAG]: p.profiles },
                },
                { parent: this },
            );
            attach(
                this,
                logical,
                p.principal,
                policy,
                home && typeof p.principal === "string"
                    ? home.apply((h) => checkPrincipalHome(name, p.argument, p.principal as string, h))
                    : undefined,
            );
            return policy;
        });
    }
}

/** Internal. Exported for testing. One managed policy per principal: its operations, their profiles. */
export interface OperatorPlan {
    principal: Principal;
    argument: string;
    operations: string[];
    options: StreamingOperatorOptions;
    profiles: string;
}

/** Internal. Exported for testing. */
export function planOperators(a: Pick<ValidTableStreamingArgs, "operators" | "serviceLinkedRole">): OperatorPlan[] {
    return a.operators.map(({ principal, ops, argument }) => {
        const options: StreamingOperatorOptions = {
            ...Object.fromEntries([...ops].map((o) => [o, true])),
            serviceLinkedRole: a.serviceLinkedRole,
        };
        const profiles = streamingOperatorProfiles(options)
            .map((p) => p.name)
            .join(" ");
        return { principal, argument, operations: [...ops], options, profiles };
    });
}

/**
 * Attaches by name: IAM names are unique in an account whatever the path. An ARN's name is checked against the provider's account
 * first.
 */
function attach(
    parent: pulumi.Resource,
    name: string,
    p: Principal,
    policy: aws.iam.Policy,
    checkedName?: pulumi.Output<string>,
): void {
    const opts = { parent };
    const kind =
        typeof p === "string"
            ? parsePrincipalArn(p)!.kind
            : aws.iam.Role.isInstance(p)
              ? "role"
              : aws.iam.User.isInstance(p)
                ? "user"
                : "group";
    const target: pulumi.Input<string> = checkedName ?? (typeof p === "string" ? parsePrincipalArn(p)!.name : p.name);
    if (kind === "role") new aws.iam.RolePolicyAttachment(name, { role: target, policyArn: policy.arn }, opts);
    else if (kind === "user") new aws.iam.UserPolicyAttachment(name, { user: target, policyArn: policy.arn }, opts);
    else new aws.iam.GroupPolicyAttachment(name, { group: target, policyArn: policy.arn }, opts);
}
