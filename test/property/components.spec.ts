import * as aws from "@pulumi/aws";
import * as fc from "fast-check";
import { strict as assert } from "node:assert";
import { KinesisStream, StreamApplication, TableKinesisStreaming, ValidationError } from "../../components";
import { underMocks } from "../harness/pulumi";
import { params, RUNS } from "./settings";

// Random argument objects either construct or are refused with a ValidationError before the component
// registers anything: never a TypeError, never a half-registered component.
const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const junk = fc.oneof(fc.anything(), fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.double(), fc.boolean());
// Mostly well-formed values, sometimes anything: both outcomes must occur often enough to mean something.
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 6 }, { arbitrary: junk, weight: 1 });
const withStrayKey = <T extends object>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 9 }, { arbitrary: a.map((x) => ({ ...x, stray: 1 })), weight: 1 });

const streamArgs = withStrayKey(fc.record(
    {
        name: maybe(fc.stringMatching(/^[a-zA-Z0-9_.-]{1,130}$/)),
        capacity: maybe(fc.oneof(fc.record({ mode: fc.constant("provisioned"), shards: maybe(fc.integer({ min: -2, max: 5 })) }), fc.record({ mode: fc.constant("on-demand") }))),
        retentionHours: maybe(fc.oneof(fc.integer({ min: 24, max: 8760 }), fc.integer({ min: -10, max: 9000 }))),
        encryption: maybe(fc.oneof(fc.constant(false), fc.record({ kmsKeyArn: maybe(fc.constant("alias/aws/kinesis")) }))),
        retainOnDelete: maybe(fc.boolean()),
        tags: maybe(fc.dictionary(fc.string({ maxLength: 5 }), maybe(fc.string({ maxLength: 5 })))),
    },
    { requiredKeys: [] },
));

const streamLike = maybe(fc.oneof(fc.record({ arn: maybe(fc.constant(STREAM)) }), fc.record({ arn: fc.constant(STREAM), kmsKeyArn: maybe(fc.constant("arn:aws:kms:us-west-2:123456789012:key/k")) })));
const appArgs = withStrayKey(fc.record(
    {
        identity: maybe(
            fc.oneof(
                fc.record({ user: maybe(fc.record({ name: maybe(fc.oneof(fc.stringMatching(/^[a-zA-Z0-9]{1,64}$/), fc.string({ maxLength: 70 }))), accessKey: maybe(fc.boolean()) }, { requiredKeys: [] })) }),
                fc.record({ role: maybe(fc.record({ assumeRolePolicy: maybe(fc.constant("{}")), name: maybe(fc.oneof(fc.stringMatching(/^[a-zA-Z0-9]{1,64}$/), fc.string({ maxLength: 70 }))) }, { requiredKeys: [] })) }),
            ),
        ),
        produces: maybe(fc.array(maybe(fc.oneof(streamLike, fc.record({ stream: streamLike, shardDiscovery: maybe(fc.boolean()) }))), { maxLength: 3 })),
        consumes: maybe(
            fc.array(
                maybe(fc.record({ stream: streamLike, kcl: maybe(fc.constantFrom("1.x", "2.x", "3.x")), enhancedFanOut: maybe(fc.boolean()) }, { requiredKeys: ["stream"] })),
                { maxLength: 3 },
            ),
        ),
        applicationName: maybe(fc.stringMatching(/^[a-zA-Z0-9_.-]{3,12}$/)),
        leaseTables: maybe(fc.constantFrom("provisioned", "created-by-kcl")),
        dataProtection: maybe(fc.boolean()),
    },
    { requiredKeys: [] },
));

const ARN_P = "arn:aws:iam::123456789012:role/Ops";
const streamingArgs = (table: aws.dynamodb.Table) =>
    fc.record(
        {
            table: maybe(fc.constant(table)),
            stream: streamLike,
            serviceLinkedRole: maybe(fc.constantFrom("existing", "create")),
            operators: maybe(
                fc.record(
                    {
                        enable: maybe(fc.array(maybe(fc.constant(ARN_P)), { maxLength: 2 })),
                        describe: maybe(fc.array(maybe(fc.constant(ARN_P)), { maxLength: 2 })),
                        disable: maybe(fc.array(maybe(fc.constant(ARN_P)), { maxLength: 2 })),
                        denyDisable: maybe(fc.array(maybe(fc.constant(ARN_P)), { maxLength: 2 })),
                    },
                    { requiredKeys: [] },
                ),
            ),
        },
        { requiredKeys: [] },
    );

const outcomes = { constructed: 0, refused: 0 };

/** Construct or refuse: the property every component must hold for any argument object. */
function constructOrRefuse(make: () => unknown, registered: () => string[]): void {
    const before = registered().length;
    try {
        make();
        outcomes.constructed++;
    } catch (e) {
        assert.ok(e instanceof ValidationError, `not a ValidationError: ${(e as Error)?.stack ?? e}`);
        assert.deepEqual(registered().slice(before), [], "registered before refusing");
        outcomes.refused++;
    }
}

describe("property: random component arguments construct or are refused cleanly", function () {
    // Each run registers real resources under mocks (milliseconds each, not microseconds): a hundredth of
    // the document-property count keeps npm test fast; test:deep runs 1,000.
    const runs = Math.max(100, Math.floor(RUNS / 100));
    let types: string[] = [];
    const registered = () => types;
    before(async () => {
        await underMocks(() => undefined);
        const pulumi = require("@pulumi/pulumi");
        const monitor = pulumi.runtime.getMonitor();
        const register = monitor.registerResource.bind(monitor);
        types = [];
        monitor.registerResource = (req: any, cb: any) => {
            types.push(req.getType());
            return register(req, cb);
        };
    });

    // A value that passes validation but breaks the SDK fails asynchronously, during registration: catch that too.
    const asyncErrors: unknown[] = [];
    const onRejection = (e: unknown) => asyncErrors.push(e);
    before(() => process.on("unhandledRejection", onRejection));
    after(() => process.off("unhandledRejection", onRejection));
    beforeEach(() => Object.assign(outcomes, { constructed: 0, refused: 0 }));
    afterEach(async function () {
        this.timeout(60_000);
        // A failed registration never settles: stop waiting as soon as one is reported.
        const settled: Promise<void> = (require("@pulumi/pulumi").runtime as any).waitForRPCs();
        const failed = new Promise<void>((resolve) => {
            const poll = setInterval(() => asyncErrors.length && (clearInterval(poll), resolve()), 50);
            settled.finally(() => clearInterval(poll));
        });
        await Promise.race([settled, failed]);
        assert.deepEqual(asyncErrors.map(String), [], "registration failed after construction");
    });
    // A generator that only ever produced valid (or only invalid) arguments would prove nothing.
    afterEach(function () {
        if (this.currentTest?.state === "passed") assert.ok(outcomes.constructed > 0 && outcomes.refused > 0, JSON.stringify(outcomes));
    });

    it(`KinesisStream (${runs} runs)`, () => {
        fc.assert(fc.property(streamArgs, (args) => constructOrRefuse(() => new KinesisStream("s", args as any), registered)), params(runs));
    });
    it(`StreamApplication (${runs} runs)`, () => {
        fc.assert(fc.property(appArgs, (args) => constructOrRefuse(() => new StreamApplication("a", args as any), registered)), params(runs));
    });
    it(`TableKinesisStreaming (${runs} runs)`, () => {
        const table = new aws.dynamodb.Table("t", { hashKey: "id", attributes: [{ name: "id", type: "S" }] });
        fc.assert(fc.property(streamingArgs(table), (args) => constructOrRefuse(() => new TableKinesisStreaming("m", args as any), registered)), params(runs));
    });
});
