// Soundness of the least-privilege rules, on generated identity documents whose statements are labelled by
// construction: every Allow that grants more than explicit actions on named resources (a wildcard action, NotAction,
// NotResource, "*" or every resource of a type for an action with resource-level permissions) is refused at
// mandatory level, by the rule that owns that shape, at that statement; explicit known actions on named resources,
// actions without required resource types on "*", and any Deny are never refused. The pure checks run in-process
// here for the big count; test/property/protocol.spec.ts sends a few hundred of the same documents over the analyzer
// protocol.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { DocumentKind, parsePolicyDocument } from "../../policypack/iam";
import { checkDocuments, DOCUMENT_RULES } from "../../policypack/rules";
import { Label, LabelledDocument, OVER_GRANTS, soundness } from "./oracle/documents";
import { loadUniverse, Universe } from "./oracle/universe";
import { params, RUNS } from "./settings";

/** The rule that must refuse each over-grant (others may refuse it too). */
export const OWNER: Record<Label, string | undefined> = {
    clean: undefined,
    deny: undefined,
    "wildcard-action": "iam-no-wildcard-actions",
    "not-action": "iam-no-allow-not-action",
    "not-resource": "iam-no-allow-not-action",
    "broad-resource": "iam-no-wildcard-resources",
};

const MANDATORY = DOCUMENT_RULES.filter((r) => r.enforcementLevel === "mandatory");
const KINDS: DocumentKind[] = ["managed", "inline-user", "inline-role", "inline-group"];

export interface Verdict {
    /** Rule names of mandatory findings, by statement index; -1 for findings about the whole document. */
    byStatement: Map<number, Set<string>>;
    refused: boolean;
}

/** Every mandatory document rule over one document, in-process. */
export async function mandatoryVerdict(raw: unknown, kind: DocumentKind): Promise<Verdict> {
    const source = { path: "policy", kind, parsed: parsePolicyDocument(raw) };
    const byStatement = new Map<number, Set<string>>();
    for (const rule of MANDATORY) {
        for (const f of await checkDocuments(rule, [source], rule.defaults)) {
            const i = typeof f.details?.statement === "number" ? f.details.statement : -1;
            if (!byStatement.has(i)) byStatement.set(i, new Set());
            byStatement.get(i)!.add(rule.name);
        }
    }
    return { byStatement, refused: byStatement.size > 0 };
}

/** Throws unless the verdict is exactly what the labels call for. */
export function assertSound(d: LabelledDocument, v: Verdict): void {
    const doc = typeof d.raw === "string" ? d.raw : JSON.stringify(d.raw);
    assert.ok(!v.byStatement.has(-1), `refused as a whole: ${[...(v.byStatement.get(-1) ?? [])]} ${doc}`);
    d.labels.forEach((label, i) => {
        const rules = v.byStatement.get(i) ?? new Set<string>();
        const owner = OWNER[label];
        if (owner) assert.ok(rules.has(owner), `Statement[${i}] (${label}) not refused by ${owner} (got: ${[...rules].join(", ") || "nothing"}) in ${doc}`);
        else assert.equal(rules.size, 0, `Statement[${i}] (${label}) refused by ${[...rules].join(", ")} in ${doc}`);
    });
    assert.equal(v.refused, d.labels.some((l) => OVER_GRANTS.includes(l)), doc);
}

describe("property: the least-privilege rules are sound on labelled documents", function () {
    this.timeout(300_000);
    let u: Universe;
    before(async () => {
        u = await loadUniverse();
    });

    it(`refuses exactly the over-granting statements, at mandatory level (${RUNS} documents)`, async () => {
        const seen: Record<string, number> = { refused: 0, accepted: 0 };
        await fc.assert(
            fc.asyncProperty(soundness(u), fc.constantFrom(...KINDS), async (d, kind) => {
                const v = await mandatoryVerdict(d.raw, kind);
                assertSound(d, v);
                seen[v.refused ? "refused" : "accepted"]++;
                for (const l of d.labels) seen[l] = (seen[l] ?? 0) + 1;
            }),
            params(RUNS),
        );
        // Both outcomes, and every kind of statement, occur often enough to mean something.
        assert.ok(seen.refused > RUNS / 5 && seen.accepted > RUNS / 5, JSON.stringify(seen));
        for (const l of Object.keys(OWNER)) assert.ok(seen[l] > RUNS / 50, `${l}: ${JSON.stringify(seen)}`);
    });
});
