// soundness(): identity documents whose statements are labelled clean or over-granting by construction.
import * as fc from "fast-check";
import { UNKNOWN } from "../../../policypack/iam";
import { Universe } from "./universe";
import { Json, CONDITIONS, form } from "./jsonForms";
import { Label, cleanSeed, cleanStatement, overSeed, overGrant, denySeed, denyStatement } from "./labelledStatements";

export interface LabelledDocument {
    raw: unknown;
    labels: Label[];
}

export function soundness(u: Universe): fc.Arbitrary<LabelledDocument> {
    const entry = fc.oneof(
        {
            weight: 5,
            arbitrary: fc.record({
                k: fc.constant("clean" as const),
                s: cleanSeed,
                c: fc.integer({ min: -6, max: CONDITIONS.length - 1 }),
            }),
        },
        {
            weight: 2,
            arbitrary: fc.record({
                k: fc.constant("deny" as const),
                s: denySeed,
                c: fc.integer({ min: -6, max: CONDITIONS.length - 1 }),
            }),
        },
        {
            weight: 2,
            arbitrary: fc.record({
                k: fc.constant("over" as const),
                s: overSeed,
                c: fc.integer({ min: -6, max: CONDITIONS.length - 1 }),
            }),
        },
    );
    const shape = {
        entries: fc.array(entry, { minLength: 1, maxLength: 4 }),
        single: fc.boolean(),
        asText: fc.nat({ max: 2 }),
        sid: fc.boolean(),
        unknowns: fc.nat({ max: 9 }),
    };
    return fc.record(shape).map(({ entries, single, asText, sid, unknowns }) => {
        const labels: Label[] = [];
        const statements = entries.map((e, i) => {
            let st: { [k: string]: Json };
            if (e.k === "clean") {
                st = cleanStatement(u, e.s, e.c);
                labels.push("clean");
            } else if (e.k === "deny") {
                st = denyStatement(u, e.s, e.c);
                labels.push("deny");
            } else {
                const o = overGrant(u, e.s, e.c);
                st = o.statement;
                labels.push(o.label);
            }
            // At preview some values are not known yet: an unknown next to the known ones hides nothing known, and
            // is never reported itself.
            if (unknowns < 3 && (i + unknowns) % 2 === 0) {
                const element = ["Action", "NotAction", "Resource", "NotResource"].filter((k) => k in st)[(i + unknowns) % 2];
                st = { ...st, [element]: [...[st[element]].flat(), UNKNOWN] as Json };
            }
            return sid ? { Sid: `S${i}`, ...st } : st;
        });
        const document = { Version: "2012-10-17", Statement: single && statements.length === 1 ? statements[0] : statements };
        return { raw: form(document, asText), labels };
    });
}
