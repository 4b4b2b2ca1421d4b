import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ArgumentChecker,
    COMPONENT_TYPES,
    kclMetadataTableNames,
    MAX_MANAGED_POLICIES_PER_IDENTITY,
    PolicyDocument,
    Profile,
    StreamRef,
} from "./grants";
import { StreamApplicationArgs, validateStreamApplicationArgs, ValidApplicationArgs } from "./applicationArgs";
import * as plan from "./applicationPlan";
import {
    COMPONENT_TAG,
    EXTRA_POLICIES_TAG,
    keyResolvesLater,
    PROFILES_TAG,
    resolvedStreamRef,
    StreamLike,
    worstCaseStreamRef,
} from "./shared";
import { claim, providerLocation, ProviderLocation } from "./stack";
import { checkPrincipalHome } from "./tableStreamingArgs";

export { Consume, Identity, Produce, StreamApplicationArgs } from "./applicationArgs";

/** One kind of managed policy (producer or consumer): how many, and the documents and profile names once resolved. */
interface PolicySet {
    kind: "producer" | "consumer";
    count: number;
    documents: pulumi.Output<PolicyDocument[]>;
    profiles: pulumi.Input<string>;
}

type Attach = (logical: string, policyArn: pulumi.Input<string>) => void;

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
    readonly policies: aws.iam.Policy[];
    readonly leaseTables: aws.dynamodb.Table[];
    readonly applicationName: string;
    /** The policy documents, as attached; for inspection and tests. */
    readonly policyDocuments: pulumi.Output<PolicyDocument[]>;

    constructor(name: string, args: StreamApplicationArgs, opts?: pulumi.ComponentResourceOptions) {
        // 1. Validate, and plan everything that decides which resources exist, before the first one registers.
        const a = validateStreamApplicationArgs(name, args, opts);
        const counts = planCounts(a);
        const total = counts.producer + counts.consumer + a.managedPolicyArns.length;
        if (total > MAX_MANAGED_POLICIES_PER_IDENTITY) {
            new ArgumentChecker("StreamApplication", name).fail(
                "produces/consumes",
                `${a.produces.length} produced and ${a.consumes.length} consumed streams`,
                `at most ${MAX_MANAGED_POLICIES_PER_IDENTITY} managed policies per identity (these need ${total}); split the ` +
                    `streams across applications`,
            );
        }
        claim(a.claims, `StreamApplication "${name}"`, opts);
        super(COMPONENT_TYPES.streamApplication, name, {}, opts);
        this.applicationName = a.applicationName;

        // 2. Create: identity, tables, policies.
        const c = new ArgumentChecker("StreamApplication", name);
        const tags = { ...a.tags, [COMPONENT_TAG]: "StreamApplication" };
        const needsHome = a.consumes.length > 0 || a.identity.kind === "existingRole" || a.identity.kind === "existingUser";
        const home = needsHome ? providerLocation(this) : undefined;
        const id = this.createIdentity(name, a, tags, home);
        this.user = id.user;
        this.role = id.role;
        this.accessKeyId = id.accessKeyId;
        this.secretAccessKey = id.secretAccessKey;
        this.leaseTables = a.consumes.length && a.leaseTables === "provisioned" ? this.createMetadataTables(name, a) : [];

        const sets: PolicySet[] = [];
        if (a.produces.length) sets.push(producerSet(c, a, counts.producer));
        if (a.consumes.length) sets.push(consumerSet(c, a, counts.consumer, home!, this.tableArns()));
        this.policies = sets.flatMap((s) => this.createPolicies(name, a, s, tags, id.attach));
        a.managedPolicyArns.forEach((arn, i) => id.attach(`${name}-extra-${i + 1}`, arn));
        this.policyDocuments = pulumi.all(sets.map((s) => s.documents)).apply((ds) => ds.flat());

        // 3. Outputs: every child the component exposes.
        this.registerOutputs({
            user: this.user,
            role: this.role,
            userName: this.user?.name,
            roleArn: this.role?.arn,
            accessKeyId: this.accessKeyId,
            secretAccessKey: this.secretAccessKey,
            policies: this.policies,
            leaseTables: this.leaseTables,
        });
    }

    private createIdentity(
        name: string,
        a: ValidApplicationArgs,
        tags: Record<string, string>,
        home?: pulumi.Output<ProviderLocation>,
    ) {
        const idn = a.identity;
        const opts = { parent: this };
        if (idn.kind === "existingRole" || idn.kind === "existingUser") {
            // An ARN must be of the provider's account and partition: a policy is attached only where it is created.
            const target = idn.ref.startsWith("arn:")
                ? home!.apply((h) => existingName(name, idn.argument, idn.ref, h))
                : pulumi.output(idn.ref);
            const attach: Attach = (n, policyArn) =>
                idn.kind === "existingRole"
                    ? new aws.iam.RolePolicyAttachment(n, { role: target, policyArn }, opts)
                    : new aws.iam.UserPolicyAttachment(n, { user: target, policyArn }, opts);
            return { attach };
        }
        const extra: Record<string, pulumi.Input<string>> = a.managedPolicyArns.length
            ? { [EXTRA_POLICIES_TAG]: pulumi.all(a.managedPolicyArns).apply((xs) => xs.join(" ")) }
            : {};
        const common = {
            ...(idn.name ? { name: idn.name } : {}),
            ...(idn.path ? { path: idn.path } : {}),
            ...(idn.permissionsBoundary ? { permissionsBoundary: idn.permissionsBoundary } : {}),
            tags: { ...tags, ...extra },
        };
        if (idn.kind === "user") {
            const user = new aws.iam.User(name, common, opts);
            const key = idn.accessKey ? new aws.iam.AccessKey(`${name}-key`, { user: user.name }, opts) : undefined;
            const attach: Attach = (n, policyArn) => new aws.iam.UserPolicyAttachment(n, { user: user.name, policyArn }, opts);
            return { user, accessKeyId: key?.id, secretAccessKey: key ? pulumi.secret(key.secret) : undefined, attach };
        }
        const role = new aws.iam.Role(name, { ...common, assumeRolePolicy: idn.assumeRolePolicy }, opts);
        const attach: Attach = (n, policyArn) => new aws.iam.RolePolicyAttachment(n, { role: role.name, policyArn }, opts);
        return { role, attach };
    }

    /**
     * KCL's metadata tables with the schema KCL itself would create
     * (https://docs.aws.amazon.com/streams/latest/dev/kcl-dynamoDB.html).
     */
    private createMetadataTables(name: string, a: ValidApplicationArgs): aws.dynamodb.Table[] {
        const names = kclMetadataTableNames(a.applicationName, a.kcl!, a.kclOptions);
        const protection = a.dataProtection;
        const table = (
            logical: string,
            tableName: string,
            hashKey: string,
            extra: {
                attributes?: { name: string; type: string }[];
                globalSecondaryIndexes?: aws.types.input.dynamodb.TableGlobalSecondaryIndex[];
            } = {},
        ) =>
            new aws.dynamodb.Table(
                logical,
                {
                    name: tableName,
                    billingMode: "PAY_PER_REQUEST",
                    hashKey,
                    attributes: [{ name: hashKey, type: "S" }, ...(extra.attributes ?? [])],
                    globalSecondaryIndexes: extra.globalSecondaryIndexes,
                    deletionProtectionEnabled: protection,
                    pointInTimeRecovery: { enabled: protection },
                    tags: { ...a.tags, [COMPONENT_TAG]: "StreamApplication" },
                },
                { parent: this, retainOnDelete: protection },
            );
        const lease = table(
            `${name}-leases`,
            names.lease,
            "leaseKey",
            a.kcl === "3.x"
                ? {
                      attributes: [{ name: "leaseOwner", type: "S" }],
                      globalSecondaryIndexes: [
                          {
                              name: "LeaseOwnerToLeaseKeyIndex",
                              hashKey: "leaseOwner",
                              rangeKey: "leaseKey",
                              projectionType: "KEYS_ONLY",
                          },
                      ],
                  }
                : {},
        );
        const wm = names.provisioned.includes("workerMetrics")
            ? [table(`${name}-worker-metrics`, names.workerMetrics!, "wid")]
            : [];
        const cs = names.provisioned.includes("coordinatorState")
            ? [table(`${name}-coordinator-state`, names.coordinatorState!, "key")]
            : [];
        return [lease, ...wm, ...cs];
    }

    /** The provisioned tables' real ARNs; undefined when KCL creates them. */
    private tableArns(): pulumi.Output<plan.Tables> | undefined {
        if (!this.leaseTables.length) return undefined;
        const [lease, ...rest] = this.leaseTables;
        return pulumi.all([lease.arn, ...rest.map((t) => t.arn)]).apply(([l, ...others]) => {
            const byName = (suffix: string) => others.find((arn) => arn.endsWith(suffix));
            const w = byName("-WorkerMetricStats");
            const cs = byName("-CoordinatorState");
            return { lease: l, ...(w ? { workerMetrics: w } : {}), ...(cs ? { coordinatorState: cs } : {}) };
        });
    }

    private createPolicies(
        name: string,
        a: ValidApplicationArgs,
        s: PolicySet,
        tags: Record<string, string>,
        attach: Attach,
    ): aws.iam.Policy[] {
        return Array.from({ length: s.count }, (_, i) => {
            const logical = `${name}-${s.kind}${s.count > 1 ? `-${i + 1}` : ""}`;
            const policy = new aws.iam.Policy(
                logical,
                {
                    description:
                        `${s.kind === "producer" ? "Produce to" : "Consume from"} Kinesis streams as ` +
                        `${a.applicationName} (kinesis-access)`,
                    policy: s.documents.apply((d) => JSON.stringify(d[i])),
                    // From the resolved streams: a key that resolves to the AWS managed key is no KMS profile (item 4).
                    tags: { ...tags, [PROFILES_TAG]: s.profiles },
                },
                { parent: this },
            );
            attach(logical, policy.arn);
            return policy;
        });
    }
}

function existingName(resourceName: string, argument: string, arn: string, home: ProviderLocation): string {
    return checkPrincipalHome(resourceName, argument, arn, home, "StreamApplication");
}

const consumerApp = (a: ValidApplicationArgs): plan.ConsumerApp => ({
    applicationName: a.applicationName,
    kcl: a.kcl!,
    leaseTables: a.leaseTables,
    kclOptions: a.kclOptions,
    enhancedFanOut: a.consumes.map((x) => x.enhancedFanOut),
});

/** Internal. Exported for testing. How many managed policies each kind needs, planned on distinct worst-case ARNs. */
export function planCounts(a: ValidApplicationArgs): { producer: number; consumer: number } {
    const worstP = a.produces.map((p, i) => worstCaseStreamRef(p.stream, i));
    const worstC = a.consumes.map((x, i) => worstCaseStreamRef(x.stream, i));
    return {
        producer: a.produces.length ? plan.plannedPolicyCount(plan.producerPlanGrants(a.produces, worstP)) : 0,
        consumer: a.consumes.length
            ? plan.plannedPolicyCount(plan.consumerPlanGrants(consumerApp(a), worstC, plan.WORST_LOCATION))
            : 0,
    };
}

const names = (ps: Profile[]) => plan.profileNames(ps);

/**
 * The profiles tag: known when the program runs (so the policy pack can judge it at preview) unless a stream's key is an
 * Output; then from the resolved streams, where a key that resolves to the AWS managed key is no KMS profile (item 4).
 */
function profilesTag(
    streams: StreamLike[],
    refs: pulumi.Output<StreamRef[]>,
    profilesOf: (r: StreamRef[]) => Profile[],
): pulumi.Input<string> {
    if (!streams.some(keyResolvesLater)) return names(profilesOf(streams.map((s, i) => worstCaseStreamRef(s, i))));
    return refs.apply((r) => names(profilesOf(r)));
}

function producerSet(c: ArgumentChecker, a: ValidApplicationArgs, count: number): PolicySet {
    const refs = pulumi.all(a.produces.map((p) => resolvedStreamRef(c, p.argument, p.stream)));
    return {
        kind: "producer",
        count,
        documents: refs.apply((r) => plan.plannedDocuments(plan.producerPlanGrants(a.produces, r), count)),
        profiles: profilesTag(
            a.produces.map((p) => p.stream),
            refs,
            (r) => plan.producerPlanProfiles(a.produces, r),
        ),
    };
}

function consumerSet(
    c: ArgumentChecker,
    a: ValidApplicationArgs,
    count: number,
    home: pulumi.Output<ProviderLocation>,
    tables?: pulumi.Output<plan.Tables>,
): PolicySet {
    const app = consumerApp(a);
    const refs = pulumi.all(a.consumes.map((x) => resolvedStreamRef(c, x.argument, x.stream)));
    return {
        kind: "consumer",
        count,
        documents: pulumi
            .all([refs, home, tables])
            .apply(([r, h, t]) => plan.plannedDocuments(plan.consumerPlanGrants(app, r as StreamRef[], h, t), count)),
        profiles: profilesTag(
            a.consumes.map((x) => x.stream),
            refs,
            (r) => plan.consumerPlanProfiles(app, r),
        ),
    };
}
