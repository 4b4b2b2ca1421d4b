import { strict as assert } from "node:assert";
import { buildPolicyDocument, consumerGrants, producerGrants } from "../../components/grants";

const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/StockTradeStream";
const TABLE = "arn:aws:dynamodb:us-west-2:123456789012:table/StockTradesProcessor";

describe("grants: the seed 000 scenario", () => {
    it("grants the 13 actions of the tutorial's table plus ListShards (KCL 1.9+), each on its own ARN", () => {
        const grants = [
            ...producerGrants({ arn: STREAM }, { statusCheck: true }),
            ...consumerGrants([{ stream: { arn: STREAM }, enhancedFanOut: false }], {
                applicationName: "StockTradesProcessor",
                kcl: "1.x",
                leaseTables: "created-by-kcl",
            }),
        ];
        const doc = buildPolicyDocument(grants);
        const byResource = new Map<string, Set<string>>();
        for (const s of doc.Statement) {
            assert.equal(s.Effect, "Allow");
            for (const r of s.Resource)
                for (const a of s.Action) (byResource.get(r) ?? byResource.set(r, new Set()).get(r)!).add(a);
        }
        assert.deepEqual(Object.fromEntries([...byResource].map(([r, a]) => [r, [...a].sort()])), {
            [STREAM]: [
                "kinesis:DescribeStream",
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:ListShards",
                "kinesis:PutRecord",
                "kinesis:PutRecords",
            ],
            [TABLE]: [
                "dynamodb:CreateTable",
                "dynamodb:DeleteItem",
                "dynamodb:DescribeTable",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Scan",
                "dynamodb:UpdateItem",
            ],
            "*": ["cloudwatch:PutMetricData"],
        });
        const metrics = doc.Statement.find((s) => s.Action.includes("cloudwatch:PutMetricData"))!;
        assert.deepEqual(metrics.Condition, { StringEquals: { "cloudwatch:namespace": "StockTradesProcessor" } });
    });
});
