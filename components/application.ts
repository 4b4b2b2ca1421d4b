import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentChecker, COMPONENT_TYPES, MAX_MANAGED_POLICIES_PER_IDENTITY, PolicyDocument } from "./grants";
import { StreamApplicationArgs, validateStreamApplicationArgs, ValidApplicationArgs } from "./applicationArgs";
import { Attach, consumerSet, createPolicies, planCounts, PolicySet, producerSet } from "./applicationPolicies";
import { createMetadataTables, tableArns } from "./applicationTables";
import { COMPONENT_TAG, EXTRA_POLICIES_TAG } from "./shared";
import { claim, providerLocation, ProviderLocation } from "./stack";
import { checkPrincipalHome } from "./tableStreamingArgs";

export { Consume, Identity, Produce, StreamApplicationArgs } from "./applicationArgs";

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
        this.leaseTables = a.consumes.length && a.leaseTables === "provisioned" ? createMetadataTables(this, name, a) : [];

        const sets: PolicySet[] = [];
        if (a.produces.length) sets.push(producerSet(c, a, counts.producer));
        if (a.consumes.length) sets.push(consumerSet(c, a, counts.consumer, home!, tableArns(this.leaseTables)));
        this.policies = sets.flatMap((s) => createPolicies(this, name, a, s, tags, id.attach));
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
}

function existingName(resourceName: string, argument: string, arn: string, home: ProviderLocation): string {
    return checkPrincipalHome(resourceName, argument, arn, home, "StreamApplication");
}
