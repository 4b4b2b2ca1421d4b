// What a component learns from the stack it runs in: where its provider points, and what other components claimed.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where the provider points: KCL's DynamoDB client and IAM attachments act here, whatever account a stream is in. */
export interface ProviderLocation {
    partition: string;
    region: string;
    account: string;
}

/** The provider's partition, region and account, from the invokes the component's own provider answers. */
export function providerLocation(parent: pulumi.Resource): pulumi.Output<ProviderLocation> {
    const opts = { parent };
    return pulumi
        .all([
            aws.getPartitionOutput({}, opts).partition,
            aws.getRegionOutput({}, opts).region,
            aws.getCallerIdentityOutput({}, opts).accountId,
        ])
        .apply(([partition, region, account]) => ({ partition, region, account }));
}

/**
 * Re-checks an argument given as an Output (or Promise) when it resolves, with the check used for the plain value.
 * A value unknown at preview never reaches `check`, so it is never an error there.
 */
export function whenResolved<T, U>(value: pulumi.Input<T>, check: (v: T) => U): pulumi.Output<U> {
    return pulumi.output(value).apply((v) => check(v as T));
}

// Claims on names that must be unique in a stack, per provider. Keyed by the engine's monitor: under test mocks each
// program gets a fresh monitor, so claims never leak from one program into the next.
const claims = new WeakMap<object, Map<string, string>>();
const NO_MONITOR = {};
const providerIds = new WeakMap<object, number>();
let nextProviderId = 1;

function providerKey(opts: pulumi.ComponentResourceOptions | undefined): string {
    const providers = opts?.providers;
    const p =
        opts?.provider ??
        (Array.isArray(providers)
            ? providers.find((x) => (x as unknown as { getPackage(): string }).getPackage() === "aws")
            : (providers as Record<string, pulumi.ProviderResource> | undefined)?.aws);
    if (!p) return "default";
    if (!providerIds.has(p)) providerIds.set(p, nextProviderId++);
    return `provider-${providerIds.get(p)}`;
}

function claimMap(): Map<string, string> {
    const monitor = (pulumi.runtime.getMonitor() as object | undefined) ?? NO_MONITOR;
    let m = claims.get(monitor);
    if (!m) claims.set(monitor, (m = new Map()));
    return m;
}

/** The component that already claimed `key` (with the same provider), if any. */
export function claimedBy(key: string, opts: pulumi.ComponentResourceOptions | undefined): string | undefined {
    return claimMap().get(`${providerKey(opts)}|${key}`);
}

/** Records the claims of a component whose arguments passed validation. */
export function claim(keys: readonly string[], owner: string, opts: pulumi.ComponentResourceOptions | undefined): void {
    const m = claimMap();
    for (const k of keys) m.set(`${providerKey(opts)}|${k}`, owner);
}
