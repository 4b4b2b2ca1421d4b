// StreamApplication's planning, pure: which profiles and grants, and how many managed policies, from StreamRefs
// (worst-case ones when the program runs, real ones once resolved). Tested on its own (test/components/applicationPlan.spec.ts).
import {
    buildPolicyDocuments,
    ConsumedStream,
    consumerGrants,
    consumerStreamProfiles,
    Grant,
    KclApplication,
    kclApplicationProfiles,
    KclOptions,
    KclVersion,
    LeaseTables,
    POLICY_SIZE_LIMITS,
    PolicyDocument,
    producerGrants,
    ProducerClient,
    producerProfiles,
    Profile,
    StreamRef,
} from "./grants";

export interface ProducerSpec {
    client: ProducerClient;
    statusCheck: boolean;
}

export interface ConsumerApp {
    applicationName: string;
    kcl: KclVersion;
    leaseTables: LeaseTables;
    kclOptions: KclOptions;
    enhancedFanOut: boolean[];
}

export type Location = NonNullable<KclApplication["location"]>;
export type Tables = NonNullable<KclApplication["tables"]>;

/** The longest partition and region AWS uses, with margin: where unknown metadata tables are planned. */
export const WORST_LOCATION: Location = { partition: "aws-iso-xx", region: "xx-xxxxxxxxx-1x", account: "123456789012" };

const unique = (ps: Profile[]) => [...new Set(ps)];

/** The producer profiles, customer managed or not from each resolved (or worst-case) stream. */
export function producerPlanProfiles(specs: readonly ProducerSpec[], refs: readonly StreamRef[]): Profile[] {
    return unique(
        specs.flatMap((p, i) =>
            producerProfiles({ client: p.client, statusCheck: p.statusCheck, customerManagedKey: !!refs[i].kmsKeyArn }),
        ),
    );
}

export function producerPlanGrants(specs: readonly ProducerSpec[], refs: readonly StreamRef[]): Grant[] {
    return refs.flatMap((r, i) => producerGrants(r, { client: specs[i].client, statusCheck: specs[i].statusCheck }));
}

export function consumerPlanProfiles(app: ConsumerApp, refs: readonly StreamRef[]): Profile[] {
    return unique([
        ...refs.flatMap((r, i) =>
            consumerStreamProfiles({ kcl: app.kcl, enhancedFanOut: app.enhancedFanOut[i], customerManagedKey: !!r.kmsKeyArn }),
        ),
        ...kclApplicationProfiles({ kcl: app.kcl, leaseTables: app.leaseTables, options: app.kclOptions }),
    ]);
}

/**
 * Everything one KCL application needs. `location` is where KCL's DynamoDB client points (the provider's partition,
 * region and account), not the first stream's: streams of other accounts and regions keep the tables here (item 2).
 */
export function consumerPlanGrants(app: ConsumerApp, refs: readonly StreamRef[], location: Location, tables?: Tables): Grant[] {
    const consumes = refs.map((stream, i): ConsumedStream => ({ stream, enhancedFanOut: app.enhancedFanOut[i] }));
    return consumerGrants(consumes, {
        applicationName: app.applicationName,
        kcl: app.kcl,
        leaseTables: app.leaseTables,
        options: app.kclOptions,
        tables,
        location,
    });
}

/**
 * Resource counts must be known before ARNs are: plan on the longest (and distinct) ARNs the resources can have. The
 * real ARNs are never longer, so the real documents fit into the same number of policies.
 */
export function plannedPolicyCount(worst: readonly Grant[]): number {
    return buildPolicyDocuments(worst, POLICY_SIZE_LIMITS.managed).length;
}

export function plannedDocuments(real: readonly Grant[], count: number): PolicyDocument[] {
    return buildPolicyDocuments(real, POLICY_SIZE_LIMITS.managed, count);
}

export const profileNames = (ps: readonly Profile[]) => ps.map((p) => p.name).join(" ");
