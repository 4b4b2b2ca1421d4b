// Nothing lost: whatever else the arguments say, streams and the tables the components create keep their data-loss
// protections (retainOnDelete, deletion protection, point-in-time recovery) unless one explicit argument opts out,
// and the account's service-linked role, when a stack creates it, is protected and never deleted by the stack. The
// pack agrees: its advisory rules find nothing to say about protected tables, and notice an opt-out.
//
// Random valid arguments, each run registering a component's resources under mocks (a StreamApplication takes
// ~150 ms): RUNS / 1000 runs per property (12 at least: 12 in npm test, 100 in test:deep). The opt-out arguments have
// few values; the afterEach-style checks require every outcome to occur.
import * as aws from "@pulumi/aws";
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { KinesisStream, StreamApplication, TableKinesisStreaming } from "../../components";
import { checkStreamEncryption, checkTableProtection } from "../../policypack/rules";
import { ofType, Registered, underMocks } from "../harness/pulumi";
import { params, RUNS, TIMEOUT } from "../property/settings";

const runs = Math.max(12, Math.floor(RUNS / 1000));
const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const KEY = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** An optional argument: absent (undefined key) or the value. */
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const streamArgs = fc
    .record({
        name: opt(fc.stringMatching(/^[a-zA-Z0-9_.-]{1,20}$/)),
        capacity: opt(
            fc.oneof(
                fc.record({ mode: fc.constant("provisioned" as const), shards: fc.integer({ min: 1, max: 4 }) }),
                fc.constant({ mode: "on-demand" as const }),
            ),
        ),
        retentionHours: opt(fc.integer({ min: 24, max: 8760 })),
        encryption: opt(
            fc.oneof(
                fc.constant(false as const),
                fc.constant({ kmsKeyArn: KEY }),
                fc.constant({ kmsKeyArn: "alias/aws/kinesis" }),
            ),
        ),
        retainOnDelete: opt(fc.boolean()),
        tags: opt(fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.string({ maxLength: 5 }), { maxKeys: 2 })),
    })
    .map(strip);

const consumerArgs = fc
    .record({
        kcl: fc.constantFrom("1.x", "2.x", "3.x"),
        streams: fc.integer({ min: 1, max: 2 }),
        identity: fc.oneof(fc.constant({ user: {} }), fc.constant({ role: { assumeRolePolicy: "{}" } })),
        produce: fc.boolean(),
        applicationName: opt(fc.stringMatching(/^[a-zA-Z0-9_.-]{3,20}$/)),
        leaseTables: opt(fc.constantFrom("provisioned" as const, "created-by-kcl" as const)),
        dataProtection: opt(fc.boolean()),
    })
    .map(({ kcl, streams, identity, produce, ...rest }) =>
        strip({
            identity,
            produces: produce ? [{ arn: STREAM }] : undefined,
            consumes: Array.from({ length: kcl === "1.x" ? 1 : streams }, (_, i) => ({
                stream: { arn: `${STREAM}${i}` },
                kcl: kcl as "1.x" | "2.x" | "3.x",
            })),
            ...rest,
        }),
    );

function only(rs: Registered[], type: string): Registered {
    const found = ofType(rs, type);
    assert.equal(found.length, 1, `${found.length} ${type}`);
    return found[0];
}

describe("reliability: nothing lost — data-loss protections stay unless one explicit argument opts out", function () {
    this.timeout(TIMEOUT);

    it(`KinesisStream: the stream is retained on delete unless retainOnDelete: false (${runs} argument sets)`, async () => {
        const seen = { kept: 0, optedOut: 0 };
        await fc.assert(
            fc.asyncProperty(streamArgs, async (args) => {
                const { resources } = await underMocks(() => new KinesisStream("s", args));
                const stream = only(resources, "aws:kinesis/stream:Stream");
                const keep = args.retainOnDelete !== false;
                assert.equal(stream.retainOnDelete, keep, JSON.stringify(args));
                // Deleting a stream with registered consumers stays a deliberate act.
                assert.equal(stream.inputs.enforceConsumerDeletion, false);
                // The pack's advisory rule sees what was asked: encryption off only when asked for.
                assert.equal(
                    checkStreamEncryption(stream.inputs).length,
                    args.encryption === false ? 1 : 0,
                    JSON.stringify(stream.inputs),
                );
                seen[keep ? "kept" : "optedOut"]++;
            }),
            params(runs),
        );
        assert.ok(seen.kept > 0 && seen.optedOut > 0, JSON.stringify(seen));
    });

    it(
        `StreamApplication: provisioned KCL tables are protected unless ` + `dataProtection: false (${runs} argument sets)`,
        async () => {
            const seen = { protected: 0, optedOut: 0, createdByKcl: 0 };
            await fc.assert(
                fc.asyncProperty(consumerArgs, async (args) => {
                    const { resources } = await underMocks(() => new StreamApplication("app", args as never));
                    const tables = ofType(resources, "aws:dynamodb/table:Table");
                    if (args.leaseTables === "created-by-kcl") {
                        assert.deepEqual(tables, []);
                        seen.createdByKcl++;
                        return;
                    }
                    assert.equal(tables.length, args.consumes[0].kcl === "3.x" ? 3 : 1, JSON.stringify(args));
                    const keep = args.dataProtection !== false;
                    for (const t of tables) {
                        assert.equal(t.retainOnDelete, keep, t.name);
                        assert.equal(t.inputs.deletionProtectionEnabled, keep, t.name);
                        assert.deepEqual(t.inputs.pointInTimeRecovery, { enabled: keep }, t.name);
                        assert.equal(checkTableProtection(t.inputs).length, keep ? 0 : 2, t.name);
                    }
                    seen[keep ? "protected" : "optedOut"]++;
                }),
                params(runs),
            );
            assert.ok(seen.protected > 0 && seen.optedOut > 0 && seen.createdByKcl > 0, JSON.stringify(seen));
        },
    );

    it(
        `TableKinesisStreaming: a created service-linked role is protected and retained; none is created otherwise (${runs} ` +
            `argument sets)`,
        async () => {
            const args = fc
                .record({
                    serviceLinkedRole: opt(fc.constantFrom("existing" as const, "create" as const)),
                    cmk: fc.boolean(),
                    operators: opt(
                        fc
                            .record({
                                enable: opt(fc.constant("arn:aws:iam::123456789012:role/Ops")),
                                denyDisable: opt(fc.constant("arn:aws:iam::123456789012:user/u")),
                            })
                            .map(strip),
                    ),
                    precision: opt(fc.constantFrom("MILLISECOND" as const, "MICROSECOND" as const)),
                })
                .map(strip);
            const seen = { created: 0, existing: 0 };
            await fc.assert(
                fc.asyncProperty(args, async (a) => {
                    const { resources } = await underMocks(() => {
                        const table = new aws.dynamodb.Table("t", { hashKey: "id", attributes: [{ name: "id", type: "S" }] });
                        return new TableKinesisStreaming("m", {
                            table,
                            stream: a.cmk ? { arn: STREAM, kmsKeyArn: KEY } : { arn: STREAM },
                            ...(a.serviceLinkedRole ? { serviceLinkedRole: a.serviceLinkedRole } : {}),
                            ...(a.operators
                                ? {
                                      operators: {
                                          ...(a.operators.enable ? { enable: [a.operators.enable] } : {}),
                                          ...(a.operators.denyDisable ? { denyDisable: [a.operators.denyDisable] } : {}),
                                      },
                                  }
                                : {}),
                            ...(a.precision ? { approximateCreationDateTimePrecision: a.precision } : {}),
                        });
                    });
                    const roles = ofType(resources, "aws:iam/serviceLinkedRole:ServiceLinkedRole");
                    if (a.serviceLinkedRole === "create") {
                        assert.equal(roles.length, 1);
                        assert.equal(roles[0].protect, true, "protected");
                        assert.equal(roles[0].retainOnDelete, true, "retained on delete");
                        assert.equal(roles[0].inputs.awsServiceName, "kinesisreplication.dynamodb.amazonaws.com");
                        seen.created++;
                    } else {
                        assert.deepEqual(roles, [], "an existing role is never managed (so never deleted) by the stack");
                        seen.existing++;
                    }
                }),
                params(runs),
            );
            assert.ok(seen.created > 0 && seen.existing > 0, JSON.stringify(seen));
        },
    );
});
