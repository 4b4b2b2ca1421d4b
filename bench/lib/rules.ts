// Where the pack's per-resource time goes: each resource policy's validateResource run in-process over the mix,
// with the policy server's own per-policy work (deserializing the inputs, wrapping them in its proxy) included,
// as @pulumi/policy's server does it for every policy whose type filter lets the resource through.

import * as structPb from "google-protobuf/google/protobuf/struct_pb";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import type { AnalyzerResource } from "../../tools/lib/analyzer";

interface Policy {
    name: string;
    validateResource?: ((args: unknown, report: (m: string) => void) => unknown) & { __pulumiType?: string };
}

/** Microseconds per resource, by policy (second of two passes: the first warms up), plus the server's deserialization once. */
export async function perRuleCost(
    policies: readonly Policy[],
    resources: readonly AnalyzerResource[],
): Promise<[string, number][]> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
        deserializeProperties: (s: structPb.Struct, proxySecrets: boolean) => unknown;
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: (v: unknown) => unknown };
    const structs = await Promise.all(
        resources.map(async (r) =>
            structPb.Struct.fromJavaScript(
                (await rpc.serializeProperties("bench", r.inputs)) as Record<string, structPb.JavaScriptValue>,
            ),
        ),
    );
    const us = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e3 / resources.length;
    const out: [string, number][] = [];
    for (let pass = 0; pass < 2; pass++) {
        for (const p of policies) {
            const validate = p.validateResource;
            if (!validate) continue;
            const t0 = process.hrtime.bigint();
            for (let i = 0; i < resources.length; i++) {
                const r = resources[i];
                if (validate.__pulumiType && validate.__pulumiType !== r.type) continue;
                const props = unknownCheckingProxy(deserializeProperties(structs[i], false));
                await validate({ type: r.type, props, urn: r.urn, name: r.name, getConfig: () => ({}) }, () => undefined);
            }
            if (pass === 1) out.push([p.name, us(t0)]);
        }
    }
    const t0 = process.hrtime.bigint();
    for (const s of structs) unknownCheckingProxy(deserializeProperties(s, false));
    out.push(["(the server deserializing a resource's inputs once)", us(t0)]);
    return out.sort((a, b) => b[1] - a[1]);
}
