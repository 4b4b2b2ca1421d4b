// Issue #10's classes on real public documents (test/policypack/fixtures/class-*.json, each case naming its source):
// the verdict per level through the pure checks in-process, and the same verdict over the analyzer protocol.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { PROFILES } from "../../components/grants";
import { documentSources, inputsOf, parsePolicyDocument } from "../../policypack/iam";
import { Suggestion } from "../../policypack/iam";
import { checkDocuments, checkWildcardActions, DOCUMENT_RULES } from "../../policypack/rules";
import { AnalyzerClient, start } from "../../tools/lib/analyzer";
import { ensureBuilt } from "../support/fresh";
import { byLevel, fixtureClasses, inProcess } from "./fixtureCases";

const PACK = path.join(__dirname, "..", "..", "policypack");
const CLASSES = fixtureClasses();
const DOCUMENT_RULE_NAMES = new Set(DOCUMENT_RULES.map((r) => r.name));

describe("policypack on real-world documents (issue #10)", function () {
    this.timeout(60_000);

    it("has cases for every class, each with its source and its expected verdict", () => {
        assert.deepEqual(
            CLASSES.map((k) => k.file),
            [
                "alternative-resource-types",
                "arns",
                "confining-conditions",
                "dynamodb-resource-policies",
                "kms-key-policies",
                "lambda-qualifiers",
                "managed-policies",
                "name-prefixes",
                "principals",
                "service-linked-roles",
                "suggestions",
                "trust-policies",
            ].map((n) => `class-${n}.json`),
        );
        for (const k of CLASSES)
            for (const c of k.cases)
                assert.ok(c.source && c.resource.type && c.expected?.mandatory && c.expected.advisory, `${k.file}: ${c.source}`);
    });

    for (const k of CLASSES) {
        describe(k.class, () => {
            k.cases.forEach((c, i) => {
                it(`in-process: ${c.source}`, async () => {
                    assert.deepEqual(byLevel(await inProcess(c, `case${i}`)), {
                        mandatory: c.expected.mandatory,
                        advisory: c.expected.advisory,
                    });
                    // The document rules alone (what npm run lint:policy runs) agree on the rules they own.
                    const fired = new Set<string>();
                    for (const r of DOCUMENT_RULES) {
                        const config = { ...r.defaults, ...(c.config?.[r.name] ?? {}) };
                        if (
                            (await checkDocuments(r, documentSources(c.resource.type, inputsOf(c.resource.inputs)), config))
                                .length > 0
                        )
                            fired.add(r.name);
                    }
                    assert.deepEqual(
                        [...fired].sort(),
                        [...c.expected.mandatory, ...c.expected.advisory].filter((n) => DOCUMENT_RULE_NAMES.has(n)).sort(),
                    );
                });
            });
        });
    }

    it("suggests, for each class-suggestions document, a profile of the expected resource role or none", async () => {
        for (const c of CLASSES.find((k) => k.file === "class-suggestions.json")!.cases) {
            const p = parsePolicyDocument(c.resource.inputs.policy);
            assert.equal(p.status, "ok");
            const suggestions = (
                await checkWildcardActions(p.status === "ok" ? p.document : { statements: [], errors: [], size: 0 })
            ).flatMap((f) => f.details?.suggestions as Suggestion[]);
            if (c.expected.suggestionRole === "none") {
                assert.deepEqual(suggestions, [], c.source);
                continue;
            }
            assert.equal(suggestions.length, 1, c.source);
            const profile = PROFILES.find((x) => x.name === suggestions[0].profile)!;
            assert.ok(
                profile.statements.every((s) => s.role === c.expected.suggestionRole),
                `${c.source}: ${profile.name}`,
            );
        }
    });

    describe("over the analyzer protocol, as the CLI runs the directory the README names", () => {
        let pack: AnalyzerClient;
        before(async () => {
            ensureBuilt("build:policypack", "policypack/dist", ["policypack", "components/grants", "tools/build-policypack.ts"]);
            pack = await start(PACK, { project: "fixtures", stack: "dev" });
        });
        after(async () => {
            await pack?.close();
        });

        it("gives every case its expected verdict", async () => {
            for (const k of CLASSES) {
                for (const [i, c] of k.cases.entries()) {
                    await pack.configure(c.config ?? {});
                    const name = `case${i}`;
                    const vs = await pack.analyze({
                        urn: `urn:pulumi:dev::fixtures::${c.resource.type}::${name}`,
                        type: c.resource.type,
                        name,
                        inputs: c.resource.inputs,
                    });
                    assert.deepEqual(
                        byLevel(vs),
                        { mandatory: c.expected.mandatory, advisory: c.expected.advisory },
                        `${k.file}: ${c.source}`,
                    );
                }
            }
            assert.deepEqual(pack.logs, []);
        });
    });
});
