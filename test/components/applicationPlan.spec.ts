// StreamApplication's pure planning (components/applicationPlan.ts) and the worst-case ARNs it plans on (issue 11, item 5):
// the number of policies is fixed before ARNs are known, and the real documents must always fit into it.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { KinesisStream } from "../../components";
import * as plan from "../../components/applicationPlan";
import { worstCaseStreamRef, StreamLike } from "../../components/shared";
import { policySize, StreamRef } from "../../components/grants";

/** A KinesisStream as planning sees it (its physical name, if any, and its key), without registering one. */
const planned = (physicalName?: string): KinesisStream =>
    Object.assign(Object.create(KinesisStream.prototype), { physicalName, customerManagedKey: false });
const real = (region: string, name: string): StreamRef => ({ arn: `arn:aws:kinesis:${region}:123456789012:stream/${name}` });
const HOME = { partition: "aws", region: "us-west-2", account: "123456789012" };

type Kind = "named" | "autonamed" | "output" | "mixed";
/** K streams of one kind: what the program knows, and what they turn out to be (long names, other regions). */
function streams(kind: Kind, k: number): { given: StreamLike[]; resolved: StreamRef[] } {
    const given: StreamLike[] = [];
    const resolved: StreamRef[] = [];
    for (let i = 0; i < k; i++) {
        const which = kind === "mixed" ? (["named", "autonamed", "output"] as const)[i % 3] : kind;
        const long = "n".repeat((i * 37) % 120) + i;
        if (which === "named") {
            given.push(planned(long));
            resolved.push(real(i % 2 ? "ap-southeast-5" : "us-west-2", long));
        } else if (which === "autonamed") {
            given.push(planned());
            resolved.push(
                real("eu-central-2", `trades-${i}-${(i * 7919).toString(16).padStart(7, "0").slice(0, 7)}`.padEnd(i % 128, "z")),
            );
        } else {
            given.push({ arn: pulumi.output("unknown when the program runs") });
            resolved.push(real("us-gov-west-1", `s${"o".repeat(i % 127)}`.slice(0, 128)));
        }
    }
    return { given, resolved };
}

describe("applicationPlan: policy counts planned on distinct worst-case ARNs (issue 11, item 5)", () => {
    it("every unknown stream gets its own placeholder, at least as long as any real ARN", () => {
        const arns = [planned(), planned(), { arn: pulumi.output("x") }, { arn: pulumi.output("y") }].map(
            (s, i) => worstCaseStreamRef(s, i).arn,
        );
        assert.equal(new Set(arns).size, 4);
        for (const a of arns) assert.ok(a.length >= "arn:aws-us-gov:kinesis:ap-southeast-5:123456789012:stream/".length + 128, a);
    });

    for (const kind of ["named", "autonamed", "output", "mixed"] as const) {
        it(`${kind} streams, K = 1..100: the real producer and KCL 3.x consumer documents fit the planned count`, () => {
            const app: plan.ConsumerApp = {
                applicationName: "App",
                kcl: "3.x",
                leaseTables: "created-by-kcl",
                kclOptions: {},
                enhancedFanOut: [],
            };
            for (let k = 1; k <= 100; k++) {
                const { given, resolved } = streams(kind, k);
                const worst = given.map((s, i) => worstCaseStreamRef(s, i));
                const specs = given.map(() => ({ client: "kpl" as const, statusCheck: false }));
                const a = { ...app, enhancedFanOut: given.map(() => true) };
                for (const [grantsOf, name] of [
                    [(refs: StreamRef[], _loc: plan.Location) => plan.producerPlanGrants(specs, refs), "producer"],
                    [(refs: StreamRef[], loc: plan.Location) => plan.consumerPlanGrants(a, refs, loc), "consumer"],
                ] as const) {
                    const count = plan.plannedPolicyCount(grantsOf(worst, plan.WORST_LOCATION));
                    const docs = plan.plannedDocuments(grantsOf(resolved, HOME), count);
                    assert.equal(docs.length, count, `${name}, K = ${k}`);
                    for (const d of docs) assert.ok(policySize(d) <= 6144, `${name}, K = ${k}: ${policySize(d)} characters`);
                }
            }
        });
    }
});
