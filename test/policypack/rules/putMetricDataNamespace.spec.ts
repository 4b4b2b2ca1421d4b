import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkPutMetricDataNamespace, putMetricDataNamespace } from "../../../policypack/rules";
import { details, stmt } from "../helpers";
import { policyProps, reported } from "./exempt";

describe("cloudwatch-putmetricdata-namespace", () => {
    it("Noncompliance 1: PutMetricData without a cloudwatch:namespace condition, however granted", () => {
        assert.deepEqual(details(checkPutMetricDataNamespace(stmt({ Action: "cloudwatch:Put*", Resource: "*" }))), [
            { statement: 0 },
        ]);
        assert.deepEqual(
            details(checkPutMetricDataNamespace(stmt({ Sid: "M", Action: "cloudwatch:PutMetricData", Resource: "*" }))),
            [{ statement: 0, sid: "M" }],
        );
    });

    it("Compliance: a namespace condition; other CloudWatch actions", () => {
        const condition = { StringEquals: { "cloudwatch:namespace": "StockTradesProcessor" } };
        assert.deepEqual(
            checkPutMetricDataNamespace(stmt({ Action: "cloudwatch:PutMetricData", Resource: "*", Condition: condition })),
            [],
        );
        assert.deepEqual(checkPutMetricDataNamespace(stmt({ Action: "cloudwatch:GetMetricData", Resource: "*" })), []);
    });

    it("honours exemptResources", async () => {
        const props = policyProps({ Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" });
        assert.equal((await reported(putMetricDataNamespace, TYPES.policy, props)).length, 1);
        assert.deepEqual(await reported(putMetricDataNamespace, TYPES.policy, props, { exemptResources: ["r"] }), []);
    });
});
