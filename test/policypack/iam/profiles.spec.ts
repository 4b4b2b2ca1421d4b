// policypack/iam, the components' profiles behind a wildcard, and the suggestions made from them.
import { strict as assert } from "node:assert";
import { classifyResource, PolicyDocument, suggestProfiles } from "../../../policypack/iam";
import { everyWorkload, Profile, PROFILES } from "../../../components/grants";
import { doc, SEED_000, STREAM, TABLE } from "../helpers";

// Expectations come from PROFILES by resource role, never by profile name: the profiles are data and change.
const actionsOn = (p: Profile, role: string) =>
    [...new Set(p.statements.filter((x) => x.effect === "Allow" && x.role === role).flatMap((x) => x.actions))].sort();
/** The profile granting only on `role` with the most actions (the first of equals): the fullest fit. */
const fullest = (role: string) =>
    PROFILES.filter((p) => p.statements.every((x) => x.effect === "Allow" && x.role === role)).reduce((a, b) =>
        actionsOn(b, role).length > actionsOn(a, role).length ? b : a,
    );

describe("policypack/iam: profiles behind a wildcard", () => {
    it("classifies resources into the roles of the permission profiles", () => {
        assert.deepEqual(classifyResource("*"), ["*"]);
        assert.deepEqual(classifyResource(STREAM), ["stream"]);
        assert.deepEqual(classifyResource(`${STREAM}/consumer/*`), ["streamConsumer"]);
        assert.deepEqual(classifyResource(TABLE), ["leaseTable", "table"]);
        assert.deepEqual(classifyResource(`${TABLE}-WorkerMetricStats`), ["workerMetricsTable"]);
        assert.deepEqual(classifyResource(`${TABLE}-CoordinatorState`), ["coordinatorStateTable"]);
        assert.deepEqual(classifyResource(`${TABLE}/index/*`), ["leaseTableIndex"]);
        assert.deepEqual(classifyResource("arn:aws:s3:::b"), []);
    });

    const seedContext = (d: PolicyDocument) => ({
        explicit: d.statements.flatMap((x) =>
            (x.action?.values ?? [])
                .filter((a) => !a.includes("*"))
                .map((action) => ({ action, resources: x.resource?.values ?? [] })),
        ),
        resources: d.statements.flatMap((x) => x.resource?.values ?? []),
    });

    it("suggests a KCL lease-table profile for seed 000's dynamodb:* on its lease table, and only the best fit (#10)", () => {
        const d = doc(SEED_000);
        const table = d.statements[1].resource!.values;
        const lease = fullest("leaseTable");
        assert.deepEqual(suggestProfiles("dynamodb:*", table, seedContext(d)), [
            { profile: lease.name, actions: actionsOn(lease, "leaseTable"), resources: table },
        ]);
        // Alone in its document, the table's name does not say whose it is (pulumi-aws's AppSync data-source example
        // grants dynamodb:* on its resolver's table): no suggestion, rather than a KCL list without dynamodb:Query.
        assert.deepEqual(suggestProfiles("dynamodb:*", [TABLE], { explicit: [], resources: [TABLE] }), []);
    });

    it("follows what the document already grants by name on the same kind of resource", () => {
        const music = `arn:aws:dynamodb:us-west-2:${"123456789012"}:table/Music`;
        const describe = PROFILES.find((p) => actionsOn(p, "table").includes("dynamodb:DescribeKinesisStreamingDestination"))!;
        const s = suggestProfiles("dynamodb:*", [music], {
            explicit: [{ action: "dynamodb:DescribeKinesisStreamingDestination", resources: [music] }],
            resources: [music],
        });
        assert.deepEqual(s, [{ profile: describe.name, actions: actionsOn(describe, "table"), resources: [music] }]);
    });

    it("suggests per resource: the stream's fullest read profile, the consumer ARN's enhanced fan-out profile", () => {
        const consumer = `${STREAM}/consumer/*`;
        const efo = PROFILES.find((p) => actionsOn(p, "streamConsumer").length > 0)!;
        const read = fullest("stream");
        const s = suggestProfiles("kinesis:*", [STREAM, consumer], {
            explicit: [{ action: "dynamodb:GetItem", resources: [TABLE] }],
            resources: [STREAM, consumer, TABLE],
        });
        assert.deepEqual(s, [
            { profile: read.name, actions: actionsOn(read, "stream"), resources: [STREAM] },
            { profile: efo.name, actions: actionsOn(efo, "streamConsumer"), resources: [consumer] },
        ]);
    });

    it("suggests nothing where no profile applies", () => {
        assert.deepEqual(suggestProfiles("s3:*", ["arn:aws:s3:::b"], { explicit: [], resources: ["arn:aws:s3:::b"] }), []);
    });
});

describe('policypack/iam: suggestions for a wildcard on "*"', () => {
    it('on "*", suggests only for the workload the document\'s own grants fit best, if any (#10)', () => {
        const metrics = PROFILES.filter((p) => actionsOn(p, "*").includes("cloudwatch:PutMetricData"));
        const kclMetrics = metrics.find((m) =>
            everyWorkload().some((w) => w.includes(m) && w.some((p) => actionsOn(p, "leaseTable").length > 0)),
        )!;
        const none = { explicit: [], resources: ["*"] };
        // A lone wildcard on "*" names no workload: not an operator's ListStreams, not a producer's metrics.
        assert.deepEqual(suggestProfiles("kinesis:*", ["*"], none), []);
        assert.deepEqual(suggestProfiles("cloudwatch:*", ["*"], none), []);
        // A KCL 1.x reader's grants: KCL's metrics; kinesis:* on "*" is still nobody's ListStreams.
        const reader = {
            explicit: ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream"].map((action) => ({
                action,
                resources: [STREAM],
            })),
            resources: [STREAM, TABLE, "*"],
        };
        assert.deepEqual(suggestProfiles("cloudwatch:*", ["*"], reader), [
            { profile: kclMetrics.name, actions: ["cloudwatch:PutMetricData"], resources: ["*"] },
        ]);
        assert.deepEqual(suggestProfiles("kinesis:*", ["*"], reader), []);
        // An SDK producer publishes no metrics: no profile it comes in has cloudwatch:PutMetricData.
        const writer = {
            explicit: [{ action: "kinesis:PutRecord", resources: [STREAM] }],
            resources: [STREAM, "*"],
        };
        assert.deepEqual(suggestProfiles("cloudwatch:*", ["*"], writer), []);
        assert.ok(metrics.length >= 2 && metrics.includes(kclMetrics));
    });
});
