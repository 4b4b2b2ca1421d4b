import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkUnknownActions, unknownActions } from "../../../policypack/rules";
import { details, doc, SEED_000, stmt, STREAM, TABLE } from "../helpers";
import { policyProps, reported } from "./exempt";

describe("iam-unknown-actions", () => {
    it(
        "Noncompliance 1-4: typos (with the closest real action), unknown " +
            "services, patterns matching nothing, no service prefix",
        async () => {
            const d = doc({
                Statement: [
                    {
                        Effect: "Allow",
                        Action: [
                            "kinesis:PutRecrod",
                            "kinesiz:PutRecord",
                            "kinesis:Frobnicate*",
                            "PutRecord",
                            "kinesis:PutRecord",
                        ],
                        Resource: STREAM,
                    },
                    { Effect: "Deny", NotAction: "dynamodb:GetItme", Resource: TABLE },
                ],
            });
            assert.deepEqual(details(await checkUnknownActions(d)), [
                { statement: 0, element: "Action", action: "kinesis:PutRecrod", didYouMean: "kinesis:PutRecord" },
                { statement: 0, element: "Action", action: "kinesiz:PutRecord" },
                { statement: 0, element: "Action", action: "kinesis:Frobnicate*" },
                { statement: 0, element: "Action", action: "PutRecord" },
                { statement: 1, element: "NotAction", action: "dynamodb:GetItme", didYouMean: "dynamodb:GetItem" },
            ]);
        },
    );

    it("Compliance: catalogue actions and wildcards that match", async () => {
        assert.deepEqual(await checkUnknownActions(doc(SEED_000)), []);
    });

    it("knownActions: accepted although the catalogue does not list them", async () => {
        const d = stmt({ Action: "kinesis:BrandNewAction", Resource: STREAM });
        assert.equal((await checkUnknownActions(d)).length, 1);
        assert.deepEqual(await checkUnknownActions(d, { knownActions: ["kinesis:BrandNew*"] }), []);
    });

    it("honours exemptResources", async () => {
        const props = policyProps({ Effect: "Allow", Action: "kinesis:PutRecrod", Resource: STREAM });
        assert.equal((await reported(unknownActions, TYPES.policy, props)).length, 1);
        assert.deepEqual(await reported(unknownActions, TYPES.policy, props, { exemptResources: ["r"] }), []);
    });
});
