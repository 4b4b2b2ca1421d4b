// StreamApplication's policy sets: how many managed policies each kind (producer, consumer) needs, their documents and
// profiles tag, and the policies created and attached from them.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentChecker, PolicyDocument, Profile, StreamRef } from "./grants";
import { ValidApplicationArgs } from "./applicationArgs";
import * as plan from "./applicationPlan";
import { keyResolvesLater, PROFILES_TAG, resolvedStreamRef, StreamLike, worstCaseStreamRef } from "./shared";
import { ProviderLocation } from "./stack";

/** One kind of managed policy (producer or consumer): how many, and the documents and profile names once resolved. */
export interface PolicySet {
    kind: "producer" | "consumer";
    count: number;
    documents: pulumi.Output<PolicyDocument[]>;
    profiles: pulumi.Input<string>;
}

export type Attach = (logical: string, policyArn: pulumi.Input<string>) => void;

/** The set's managed policies, children of `parent`, each attached to the identity by `attach`. */
export function createPolicies(
    parent: pulumi.Resource,
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
            { parent },
        );
        attach(logical, policy.arn);
        return policy;
    });
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

export function producerSet(c: ArgumentChecker, a: ValidApplicationArgs, count: number): PolicySet {
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

export function consumerSet(
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
