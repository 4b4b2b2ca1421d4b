// Oracle: does a statement take in action A and resource R, and does the document grant A on R? The pack's reading
// (parsePolicyDocument, grantsAction, resourceMatches: what its rules use) against @cloud-copilot/iam-simulate
// (AGPL, dev dependency only), on generated valid documents across the grammar, statement by statement.
// Differences are allowed only where docs/oracle-exceptions.md says so, and then only in the direction it states.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import {
    Decision,
    oracleDecision,
    oracleEngine,
    packDecision,
    packStatements,
    prepareEngine,
    StatementMatch,
} from "./oracle/evaluate";
import { GrammarCase, grammar, Json } from "./oracle/documents";
import { shortArn, wildcardInResourceType } from "./oracle/exceptions";
import { loadUniverse, Universe } from "./oracle/universe";
import { params, RUNS, TIMEOUT } from "./settings";

/** One run in this many is also asked through runSimulation (which validates), and must get the same answer. */
const CROSS_CHECK_EVERY = 32;

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

describe("property: the pack's grant reading agrees with @cloud-copilot/iam-simulate", function () {
    this.timeout(TIMEOUT);
    let u: Universe;
    before(async () => {
        u = await loadUniverse();
        await prepareEngine(u.requests.map((r) => r.action.id));
    });

    it(`statement by statement and as a whole (${RUNS} documents)`, async () => {
        const seen = { exact: 0, e1: 0, e2: 0, both: 0, statements: 0, actionMatch: 0, resourceMatch: 0 };
        const decisions: Record<Decision, number> = { Allowed: 0, ExplicitlyDenied: 0, ImplicitlyDenied: 0 };
        const crossCheck: { c: GrammarCase; answer: ReturnType<typeof oracleEngine> }[] = [];
        let run = 0;

        fc.assert(
            fc.property(grammar(u), (c) => {
                const oracle = oracleEngine(c.document, c.action, c.resource);
                const pack = packStatements(c.raw, c.action, c.resource);
                if (run++ % CROSS_CHECK_EVERY === 0) crossCheck.push({ c, answer: oracle });
                const statements = list(c.document.Statement as Json) as { [k: string]: Json }[];
                let exempt = false;
                statements.forEach((st, i) => {
                    const o = oracle.statements[i] as StatementMatch;
                    const p = pack[i];
                    assert.ok(o, `the oracle did not evaluate Statement[${i}]`);
                    seen.statements++;
                    if (o.actionMatch) seen.actionMatch++;
                    if (o.resourceMatch) seen.resourceMatch++;
                    assert.equal(p.actionMatch, o.actionMatch, `Statement[${i}] action ${c.action}`);
                    const notResource = "NotResource" in st;
                    const patterns = list((st.Resource ?? st.NotResource) as string | string[]);
                    const e1 = patterns.some(wildcardInResourceType);
                    const e2 = notResource && patterns.some(shortArn);
                    const where = `Statement[${i}] resource ${c.resource}`;
                    if (!e1 && !e2) {
                        assert.equal(p.resourceMatch, o.resourceMatch, where);
                        return;
                    }
                    exempt = true;
                    if (e1 && e2) {
                        seen.both++;
                        return;
                    }
                    if (e1) {
                        seen.e1++;
                        // E1: the pack's patterns take in at least what the oracle's do.
                        if (notResource) assert.ok(!p.resourceMatch || o.resourceMatch, `E1 (NotResource) ${where}`);
                        else assert.ok(p.resourceMatch || !o.resourceMatch, `E1 ${where}`);
                    } else {
                        seen.e2++;
                        // E2: where the oracle applies the NotResource statement, so does the pack.
                        assert.ok(p.resourceMatch || !o.resourceMatch, `E2 ${where}`);
                    }
                });
                decisions[oracle.decision]++;
                if (!exempt) {
                    seen.exact++;
                    assert.equal(packDecision(c.raw, c.action, c.resource), oracle.decision, "decision");
                }
            }),
            params(RUNS),
        );

        // The engine, called directly, answers as the validating public API does (so the documents are valid too).
        for (const { c, answer } of crossCheck) {
            const viaApi = await oracleDecision(c.document, c.action, c.resource);
            assert.deepEqual(viaApi, answer, JSON.stringify(c));
        }

        // A property that never meets the interesting cases proves nothing.
        const n = RUNS;
        assert.ok(
            decisions.Allowed > n / 10 && decisions.ExplicitlyDenied > n / 10 && decisions.ImplicitlyDenied > n / 10,
            JSON.stringify(decisions),
        );
        assert.ok(seen.exact > 0.8 * n, `documents compared exactly: ${JSON.stringify(seen)}`);
        assert.ok(seen.e1 > 0 && seen.e2 > 0, `exceptions exercised: ${JSON.stringify(seen)}`);
        assert.ok(seen.actionMatch > seen.statements / 4 && seen.actionMatch < (3 * seen.statements) / 4, JSON.stringify(seen));
        assert.ok(
            seen.resourceMatch > seen.statements / 4 && seen.resourceMatch < (3 * seen.statements) / 4,
            JSON.stringify(seen),
        );
    });
});
