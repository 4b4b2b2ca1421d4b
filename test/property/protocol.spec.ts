// The same generated inputs over the analyzer gRPC protocol, to the pack started as the Pulumi CLI starts it. The
// server deserializes inputs and wraps them in proxies that raw objects in-process do not exercise, so: no request
// fails, and each answer equals the in-process one on the same (wire-safe) inputs.
//
// The split: the big counts (RUNS: 2,000 in npm test, 10,000 in CI's test:property) run in-process in robustness.spec and
// soundness.spec; here a
// few hundred (PROTOCOL_RUNS) go over the wire, each request costing milliseconds rather than microseconds.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { TYPES } from "../../policypack/iam";
import { POLICIES } from "../../policypack/rules";
import { AnalyzerClient, AnalyzerResource, Violation } from "../../tools/lib/analyzer";
import { soundness } from "./oracle/documents";
import { sharedPack, wireSafe } from "./oracle/pack";
import { GeneratedResource, resourceArb, stackArb, urnOf } from "./oracle/resources";
import { loadUniverse, Universe } from "./oracle/universe";
import { assertReadable, assertSound, mandatoryVerdict, Reported, validateResource, validateStack } from "./oracle/run";
import { params, PROTOCOL_RUNS, TIMEOUT } from "./settings";
import { TRUST_EC2 } from "../policypack/helpers";

const DESCRIPTION = new Map(POLICIES.map((p) => [p.name, p.description]));
const LEVEL = new Map(POLICIES.map((p) => [p.name, p.enforcementLevel]));

/** In-process reports as the protocol returns them: the SDK prefixes the policy's description. */
const asWire = (rs: Reported[]) =>
    rs.map((r) => `${r.policy} ${LEVEL.get(r.policy)} ${DESCRIPTION.get(r.policy)}\n${r.message}`).sort();
const fromWire = (vs: Violation[]) => vs.map((v) => `${v.policyName} ${v.enforcementLevel} ${v.message}`).sort();

const toWire = (r: GeneratedResource): AnalyzerResource => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent,
    inputs: r.props,
    propertyDependencies: r.propertyDependencies,
});

const safe = (r: GeneratedResource): GeneratedResource => ({ ...r, props: wireSafe(r.props) as Record<string, unknown> });

describe("property: over the analyzer protocol, no request fails and the answers are the in-process ones", function () {
    this.timeout(TIMEOUT);
    let u: Universe;
    let pack: AnalyzerClient;
    before(async function () {
        this.timeout(120_000);
        u = await loadUniverse();
        pack = await sharedPack();
        await pack.configure({});
    });
    afterEach(() => {
        assert.deepEqual(
            pack.logs.filter((l) => l.severity === "error"),
            [],
        );
    });

    it(`Analyze: odd resources of every type (${PROTOCOL_RUNS} requests)`, async () => {
        let violations = 0;
        await fc.assert(
            fc.asyncProperty(resourceArb(u), async (generated) => {
                const r = safe(generated);
                const got = await pack.analyze(toWire(r));
                const local = await validateResource(r);
                assertReadable(local);
                assert.deepEqual(fromWire(got), asWire(local));
                violations += got.length;
            }),
            params(PROTOCOL_RUNS),
        );
        assert.ok(violations > PROTOCOL_RUNS / 4, `${violations} violations`);
    });

    it(
        `AnalyzeStack: generated stacks, parents and dependencies ` + `anywhere (${Math.ceil(PROTOCOL_RUNS / 4)} requests)`,
        async () => {
            let violations = 0;
            await fc.assert(
                fc.asyncProperty(stackArb(), async (generated) => {
                    const stack = generated.map(safe);
                    const got = await pack.analyzeStack(stack.map(toWire));
                    const local = await validateStack(stack);
                    assert.deepEqual(fromWire(got), asWire(local));
                    // Stack violations are about one resource of the stack.
                    for (const v of got)
                        assert.ok(
                            stack.some((r) => r.urn === v.urn),
                            v.urn,
                        );
                    violations += got.length;
                }),
                params(Math.ceil(PROTOCOL_RUNS / 4)),
            );
            assert.ok(violations > 0, "no stack violation at all");
        },
    );

    it(`soundness: labelled documents wherever a document can be (${PROTOCOL_RUNS} requests)`, async () => {
        const where = fc.constantFrom(TYPES.policy, TYPES.rolePolicy, TYPES.userPolicy, TYPES.groupPolicy, TYPES.role);
        const seen = { refused: 0, accepted: 0 };
        await fc.assert(
            fc.asyncProperty(soundness(u), where, async (d, type) => {
                const inputs =
                    type === TYPES.role
                        ? { assumeRolePolicy: TRUST_EC2, inlinePolicies: [{ name: "p", policy: d.raw }] }
                        : { policy: d.raw };
                const got = await pack.analyze({ urn: urnOf(type, "generated"), type, name: "generated", inputs });
                const kind =
                    type === TYPES.policy
                        ? "managed"
                        : type === TYPES.userPolicy
                          ? "inline-user"
                          : type === TYPES.groupPolicy
                            ? "inline-group"
                            : "inline-role";
                const v = await mandatoryVerdict(d.raw, kind);
                assertSound(d, v);
                const mandatory = new Set(got.filter((x) => x.enforcementLevel === "mandatory").map((x) => x.policyName));
                assert.deepEqual([...mandatory].sort(), [...new Set([...v.byStatement.values()].flatMap((s) => [...s]))].sort());
                seen[v.refused ? "refused" : "accepted"]++;
            }),
            params(PROTOCOL_RUNS),
        );
        assert.ok(seen.refused > PROTOCOL_RUNS / 5 && seen.accepted > PROTOCOL_RUNS / 5, JSON.stringify(seen));
    });
});
