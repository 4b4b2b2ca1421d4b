// 1. Policy size: the managed policies one identity consuming K streams gets, against IAM's limits.

import {
    buildPolicyDocuments,
    consumerGrants,
    MAX_MANAGED_POLICIES_PER_IDENTITY,
    policySize,
    POLICY_SIZE_LIMITS,
    producerGrants,
} from "../../components/grants";
import { log, section, SIZES_K, verdict } from "../lib/context";
import { table } from "../lib/stats";
import { runWorker } from "../lib/worker";

const arn = (i: number) => `arn:aws:kinesis:us-west-2:123456789012:stream/orders-stream-${String(i).padStart(3, "0")}`;
const key = (i: number) => `arn:aws:kms:us-west-2:123456789012:key/00000000-0000-0000-0000-${String(i).padStart(12, "0")}`;
/** The grants library directly, with real ARNs: other consumer shapes and a producer. */
const GRANT_SHAPES: [string, (k: number) => ReturnType<typeof consumerGrants>][] = [
    [
        "grants: KCL 2.x polling",
        (k) =>
            consumerGrants(
                Array.from({ length: k }, (_, i) => ({ stream: { arn: arn(i) }, enhancedFanOut: false })),
                { applicationName: "orders-app", kcl: "2.x", leaseTables: "provisioned" },
            ),
    ],
    [
        "grants: 3.x, fan-out, a KMS key per stream",
        (k) =>
            consumerGrants(
                Array.from({ length: k }, (_, i) => ({ stream: { arn: arn(i), kmsKeyArn: key(i) }, enhancedFanOut: true })),
                { applicationName: "orders-app", kcl: "3.x", leaseTables: "created-by-kcl" },
            ),
    ],
    ["grants: producer", (k) => Array.from({ length: k }, (_, i) => producerGrants({ arn: arn(i) })).flat()],
];

export async function sizeSection(): Promise<void> {
    log("policy size ...");
    const { LIMIT, QUOTA } = { LIMIT: POLICY_SIZE_LIMITS.managed, QUOTA: MAX_MANAGED_POLICIES_PER_IDENTITY };
    // Through the component under mocks: what StreamApplication registers (its policy count is planned before ARNs
    // exist, on worst-case ARN lengths), KCL 3.x with enhanced fan-out (the defaults), provisioned tables.
    const registered = (await runWorker(["size", SIZES_K.join(",")])) as {
        type: string;
        name: string;
        inputs: { policy?: string };
    }[];
    const rows: string[][] = [];
    let largest = 0;
    let most = 0;
    const add = (label: string, k: number, sizes: number[]) => {
        const ok = sizes.every((s) => s <= LIMIT) && sizes.length <= QUOTA;
        largest = Math.max(largest, ...sizes);
        most = Math.max(most, sizes.length);
        const total = sizes.reduce((a, b) => a + b, 0);
        rows.push([
            label,
            String(k),
            String(sizes.length),
            String(Math.max(...sizes)),
            String(total),
            String(Math.ceil(total / LIMIT)),
            sizes.join(", "),
            ok ? "yes" : "**no**",
        ]);
    };
    for (const k of SIZES_K) {
        const sizes = registered
            .filter((r) => r.type === "aws:iam/policy:Policy" && r.name.startsWith(`k${k}-app-`))
            .map((r) => policySize(r.inputs.policy!));
        add("StreamApplication (3.x, fan-out)", k, sizes);
    }
    for (const [label, grants] of GRANT_SHAPES)
        for (const k of SIZES_K)
            add(
                label,
                k,
                buildPolicyDocuments(grants(k), LIMIT).map((d) => policySize(d)),
            );
    section(
        `Policy size: managed policies of one identity consuming K streams (limit ${LIMIT.toLocaleString("en")} characters, ` +
            `${QUOTA} policies per identity)`,
        table(["shape", "K", "policies", "largest", "total chars", "fewest possible", "each", "within limits"], rows) +
            "\n\n*fewest possible*: total characters / limit, rounded up (statements are packed into policies " +
            "in order, first fit).",
    );
    verdict(`every generated policy ≤ ${LIMIT} characters up to K = 100`, largest, LIMIT, `largest ${largest} characters`);
    verdict(`≤ ${QUOTA} managed policies per identity up to K = 100`, most, QUOTA, `at most ${most} policies`);
}
