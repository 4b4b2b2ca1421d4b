import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fc from "fast-check";
import { strict as assert } from "node:assert";
import { KinesisStream, StreamApplication, TableKinesisStreaming, ValidationError } from "../../components";
import { mockMonitor, underMocks, waitForRPCs } from "../harness/pulumi";
import { params, RUNS, TIMEOUT } from "./settings";

// Random argument objects either construct or are refused with a ValidationError before the component
// registers anything: never a TypeError, never a half-registered component, and the message names the argument, the
// value and what is allowed. Arguments are of every kind: wrong type, out of range, empty, too long, invalid
// characters, conflicting options, Outputs, resources of the wrong kind; mostly well-formed, or a valid object with
// one argument replaced. Then a sweep replaces each argument of every component in turn: each must be refused, by name.
const STREAM = "arn:aws:kinesis:us-west-2:123456789012:stream/S";
const junk = fc.oneof(
    fc.anything(),
    fc.constant(undefined),
    fc.constant(null),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
);
// Mostly well-formed values, sometimes anything: both outcomes must occur often enough to mean something.
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 6 }, { arbitrary: junk, weight: 1 });
const withStrayKey = <T extends object>(a: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: a, weight: 9 }, { arbitrary: a.map((x) => ({ ...x, stray: 1 })), weight: 1 });

/** Things only a running program has: a KinesisStream, IAM identities, an Output. Made under mocks, before the runs. */
interface Fixtures {
    stream: KinesisStream;
    role: aws.iam.Role;
    user: aws.iam.User;
    group: aws.iam.Group;
    table: aws.dynamodb.Table;
}

const KMS = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const kmsKeyArn = fc.oneof(
    fc.constantFrom(
        "alias/aws/kinesis",
        KMS,
        "arn:aws:kms:us-west-2:123456789012:alias/other",
        "key/1234",
        "",
        "alias/aws/kinesis ",
    ),
    fc.constant(null).map(() => pulumi.output(KMS)),
);
/** Names: well-formed, too long, wrong characters, empty. */
const name = (re: RegExp) =>
    fc.oneof(
        { weight: 4, arbitrary: fc.stringMatching(re) },
        { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
        { weight: 1, arbitrary: fc.constantFrom("", "a b", "ä", "x".repeat(256)) },
    );

const streamArgs = withStrayKey(
    fc.record(
        {
            name: maybe(name(/^[a-zA-Z0-9_.-]{1,130}$/)),
            capacity: maybe(
                fc.oneof(
                    fc.record({ mode: fc.constant("provisioned"), shards: maybe(fc.integer({ min: -2, max: 5 })) }),
                    fc.record({ mode: fc.constant("on-demand") }),
                    // Conflicting: a shard count with on-demand, an unknown mode.
                    fc.record({ mode: fc.constant("on-demand"), shards: fc.integer({ min: 1, max: 3 }) }),
                    fc.record({ mode: fc.constantFrom("PROVISIONED", "ondemand", "") }),
                ),
            ),
            retentionHours: maybe(
                fc.oneof(
                    fc.integer({ min: 24, max: 8760 }),
                    fc.integer({ min: -10, max: 9000 }),
                    fc.double({ min: 24, max: 100 }),
                ),
            ),
            encryption: maybe(
                fc.oneof(fc.constant(false), fc.constant(true), fc.record({ kmsKeyArn: maybe(kmsKeyArn) }, { requiredKeys: [] })),
            ),
            retainOnDelete: maybe(fc.boolean()),
            tags: maybe(fc.dictionary(fc.string({ maxLength: 5 }), maybe(fc.string({ maxLength: 5 })))),
        },
        { requiredKeys: [] },
    ),
);

/** Streams of other accounts and regions are valid; an Output is only checked when it resolves. */
const OTHER_STREAM = "arn:aws-cn:kinesis:cn-north-1:999999999999:stream/Other";
const arnValue = fc.constantFrom(
    STREAM,
    OTHER_STREAM,
    `${STREAM}/consumer/c:1`,
    "arn:aws:sqs:us-west-2:123456789012:q",
    "garbage",
);
const outputOf = <T>(a: fc.Arbitrary<T>) => a.map((v) => pulumi.output(v));
const streamLike = (f: Fixtures) =>
    maybe(
        fc.oneof(
            fc.constant(f.stream),
            fc.record({
                arn: maybe(
                    fc.constantFrom(
                        STREAM,
                        OTHER_STREAM,
                        `${STREAM}/consumer/c:1`,
                        "arn:aws:kinesis:us-west-2:123456789012:stream/",
                        "stream/S",
                    ),
                ),
            }),
            fc.record({
                arn: fc.oneof(fc.constant(STREAM), outputOf(arnValue)),
                kmsKeyArn: maybe(fc.oneof(kmsKeyArn, outputOf(fc.constantFrom("alias/aws/kinesis", KMS, "nope")))),
            }),
        ),
    );
const iamPath = fc.constantFrom("/", "/team/", "/a/b/", "team", "/team", "", "/" + "x".repeat(520) + "/");
const appArgs = (f: Fixtures) =>
    withStrayKey(
        fc.record(
            {
                identity: maybe(
                    fc.oneof(
                        fc.record({
                            user: maybe(
                                fc.record(
                                    {
                                        name: maybe(name(/^[a-zA-Z0-9+=,.@_-]{1,66}$/)),
                                        path: maybe(iamPath),
                                        accessKey: maybe(fc.boolean()),
                                    },
                                    { requiredKeys: [] },
                                ),
                            ),
                        }),
                        fc.record({
                            role: maybe(
                                fc.record(
                                    {
                                        assumeRolePolicy: maybe(
                                            fc.oneof(
                                                fc.constant("{}"),
                                                fc.constant("not json"),
                                                fc.constant({ Statement: [] }),
                                                outputOf(fc.constantFrom("{}", "nope", '{"Statement":[]}')),
                                            ),
                                        ),
                                        name: maybe(name(/^[a-zA-Z0-9+=,.@_-]{1,66}$/)),
                                        path: maybe(iamPath),
                                    },
                                    { requiredKeys: [] },
                                ),
                            ),
                        }),
                        // Conflicting: both kinds of identity.
                        fc.constant({ user: {}, role: { assumeRolePolicy: "{}" } }),
                        // Existing identities, of this account, another, or not an ARN of the right kind.
                        fc.record({
                            existingRole: fc.constantFrom(
                                "Ops",
                                "arn:aws:iam::123456789012:role/a/Ops",
                                "arn:aws:iam::999999999999:role/Ops",
                                "arn:aws:iam::123456789012:user/u",
                                "",
                            ),
                        }),
                        fc.record({
                            existingUser: fc.constantFrom(
                                "u",
                                "arn:aws:iam::123456789012:user/u",
                                "arn:aws-cn:iam::123456789012:user/u",
                                "a b",
                            ),
                        }),
                    ),
                ),
                produces: maybe(
                    fc.array(
                        maybe(
                            fc.oneof(
                                streamLike(f),
                                fc.record({
                                    stream: streamLike(f),
                                    client: maybe(fc.constantFrom("sdk", "kpl", "boto")),
                                    statusCheck: maybe(fc.boolean()),
                                }),
                            ),
                        ),
                        { maxLength: 3 },
                    ),
                ),
                consumes: maybe(
                    fc.array(
                        maybe(
                            fc.record(
                                {
                                    stream: streamLike(f),
                                    kcl: maybe(fc.constantFrom("1.x", "2.x", "3.x", "4.x")),
                                    enhancedFanOut: maybe(fc.boolean()),
                                },
                                { requiredKeys: ["stream"] },
                            ),
                        ),
                        {
                            maxLength: 3,
                        },
                    ),
                ),
                // A few fixed names recur: a second application with one of them is refused as a duplicate.
                applicationName: maybe(
                    fc.oneof(
                        name(/^[a-zA-Z0-9_.-]{3,12}$/),
                        fc.stringMatching(/^[a-z]{230,260}$/),
                        fc.constantFrom("Shared", "Shared-CoordinatorState"),
                    ),
                ),
                managedPolicyArns: maybe(
                    fc.array(
                        maybe(
                            fc.oneof(
                                fc.constantFrom("arn:aws:iam::aws:policy/ReadOnlyAccess", "ReadOnlyAccess"),
                                outputOf(fc.constantFrom("arn:aws:iam::aws:policy/X", "nope")),
                            ),
                        ),
                        { maxLength: 2 },
                    ),
                ),
                leaseTables: maybe(fc.constantFrom("provisioned", "created-by-kcl", "kcl")),
                kclOptions: maybe(
                    fc.record(
                        {
                            leaseTablePitr: maybe(fc.boolean()),
                            tableTags: maybe(fc.boolean()),
                            metricsNamespace: maybe(fc.constantFrom("App", "AWS/Kinesis", "", "Team/KCL")),
                            singleTable: maybe(fc.boolean()),
                        },
                        { requiredKeys: [] },
                    ),
                ),
                dataProtection: maybe(fc.boolean()),
                tags: maybe(fc.dictionary(fc.string({ maxLength: 5 }), maybe(fc.string({ maxLength: 5 })))),
            },
            { requiredKeys: [] },
        ),
    );

const ARN_P = "arn:aws:iam::123456789012:role/Ops";
const streamingArgs = (f: Fixtures) => {
    // Principals of another account or partition are refused once the provider's account resolves.
    const principal = maybe(
        fc.oneof(
            fc.constantFrom(
                ARN_P,
                "arn:aws:iam::123456789012:user/path/u",
                "arn:aws:iam::123456789012:group/g",
                "arn:aws:iam::123456789012:policy/p",
                "Ops",
            ),
            fc.constantFrom("arn:aws:iam::999999999999:role/admin", "arn:aws-cn:iam::123456789012:role/ops/oncall"),
            fc.constantFrom<unknown>(f.role, f.user, f.group, f.table),
        ),
    );
    return withStrayKey(
        fc.record(
            {
                table: maybe(fc.oneof(fc.constant(f.table), fc.constant(f.role))),
                stream: streamLike(f),
                serviceLinkedRole: maybe(fc.constantFrom("existing", "create", "Create")),
                operators: maybe(
                    fc.record(
                        {
                            enable: maybe(fc.array(principal, { maxLength: 2 })),
                            describe: maybe(fc.array(principal, { maxLength: 2 })),
                            update: maybe(fc.array(principal, { maxLength: 2 })),
                            disable: maybe(fc.array(principal, { maxLength: 2 })),
                            denyDisable: maybe(fc.array(principal, { maxLength: 2 })),
                        },
                        { requiredKeys: [] },
                    ),
                ),
                approximateCreationDateTimePrecision: maybe(fc.constantFrom("MILLISECOND", "MICROSECOND", "NANOSECOND")),
            },
            { requiredKeys: [] },
        ),
    );
};

/** A copy of `args` with the argument at `path` ("consumes.0.kcl") set to `value`; Resources are shared, not copied. */
function setPath(args: object, path: string, value: unknown): Record<string, unknown> {
    const copy = { ...args } as Record<string, unknown>;
    const keys = path.split(".");
    let at: Record<string, unknown> = copy;
    for (const k of keys.slice(0, -1)) {
        const next = at[k];
        at[k] = Array.isArray(next)
            ? [...next]
            : next && typeof next === "object" && !(next instanceof pulumi.Resource)
              ? { ...next }
              : {};
        at = at[k] as Record<string, unknown>;
    }
    at[keys[keys.length - 1]] = value;
    return copy;
}

/** A valid argument object with one argument replaced by anything: each argument refused in turn. */
function oneBad<T extends object>(valid: fc.Arbitrary<T>, paths: readonly string[]): fc.Arbitrary<unknown> {
    return fc.tuple(valid, fc.constantFrom(...paths), junk).map(([v, path, bad]) => setPath(v, path, bad));
}

const validStream = fc.record({
    name: fc.stringMatching(/^[a-zA-Z0-9_.-]{1,20}$/),
    capacity: fc.oneof(
        fc.record({ mode: fc.constant("provisioned"), shards: fc.integer({ min: 1, max: 3 }) }),
        fc.constant({ mode: "on-demand" }),
    ),
    retentionHours: fc.integer({ min: 24, max: 8760 }),
    encryption: fc.constantFrom({ kmsKeyArn: KMS }, { kmsKeyArn: "alias/aws/kinesis" }),
    retainOnDelete: fc.boolean(),
    tags: fc.constant({ team: "ops" }),
});
const STREAM_ARGUMENTS = [
    "name",
    "capacity",
    "capacity.mode",
    "capacity.shards",
    "retentionHours",
    "encryption",
    "encryption.kmsKeyArn",
    "retainOnDelete",
    "tags",
];

const validApp = (f: Fixtures) =>
    fc.record({
        identity: fc.oneof(
            fc.record({
                user: fc.record({
                    name: fc.stringMatching(/^[a-zA-Z0-9]{1,20}$/),
                    path: fc.constant("/team/"),
                    accessKey: fc.boolean(),
                }),
            }),
            fc.record({
                role: fc.record({
                    name: fc.stringMatching(/^[a-zA-Z0-9]{1,20}$/),
                    path: fc.constant("/team/"),
                    assumeRolePolicy: fc.constant("{}"),
                }),
            }),
        ),
        produces: fc.constant([{ stream: f.stream, client: "kpl" }]),
        consumes: fc.constantFrom("2.x", "3.x").map((kcl) => [{ stream: { arn: STREAM }, kcl, enhancedFanOut: true }]),
        applicationName: fc.stringMatching(/^[a-zA-Z0-9_.-]{3,20}$/),
        leaseTables: fc.constantFrom("provisioned", "created-by-kcl"),
        kclOptions: fc.constant({ leaseTablePitr: true, metricsNamespace: "Team/KCL" }),
        dataProtection: fc.boolean(),
        managedPolicyArns: fc.constant(["arn:aws:iam::aws:policy/ReadOnlyAccess"]),
        tags: fc.constant({ team: "ops" }),
    });
const APP_ARGUMENTS = [
    "identity",
    "identity.user",
    "identity.user.name",
    "identity.user.path",
    "identity.user.accessKey",
    "identity.role",
    "identity.role.name",
    "identity.role.path",
    "identity.role.assumeRolePolicy",
    "produces",
    "produces.0",
    "produces.0.stream",
    "produces.0.client",
    "consumes",
    "consumes.0",
    "consumes.0.stream",
    "consumes.0.kcl",
    "consumes.0.enhancedFanOut",
    "applicationName",
    "leaseTables",
    "kclOptions",
    "kclOptions.leaseTablePitr",
    "kclOptions.metricsNamespace",
    "dataProtection",
    "managedPolicyArns",
    "tags",
];

const validStreaming = (f: Fixtures) =>
    fc.record({
        table: fc.constant(f.table),
        stream: fc.constantFrom<unknown>(f.stream, { arn: STREAM }, { arn: STREAM, kmsKeyArn: KMS }),
        serviceLinkedRole: fc.constantFrom("existing", "create"),
        operators: fc.constant({
            enable: [f.role],
            describe: [ARN_P],
            update: [ARN_P],
            disable: [f.user],
            denyDisable: [f.group],
        }),
        approximateCreationDateTimePrecision: fc.constantFrom("MILLISECOND", "MICROSECOND"),
    });
const STREAMING_ARGUMENTS = [
    "table",
    "stream",
    "serviceLinkedRole",
    "operators",
    "operators.enable",
    "operators.describe",
    "operators.update",
    "operators.disable",
    "operators.denyDisable",
    "operators.enable.0",
    "operators.denyDisable.0",
    "approximateCreationDateTimePrecision",
];

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
        // The message names the argument, the value and what is allowed.
        assert.ok(
            e.message.includes(`invalid ${e.argument} = `) && e.message.includes("; allowed: ") && e.allowed.length > 0,
            e.message,
        );
        outcomes.refused++;
    }
}

describe("property: random component arguments construct or are refused cleanly", function () {
    this.timeout(TIMEOUT);
    // Each run registers real resources under mocks (milliseconds each, not microseconds): a hundredth of
    // the document-property count keeps npm test fast; test:deep runs 1,000.
    const runs = Math.max(100, Math.floor(RUNS / 100));
    let types: string[] = [];
    const registered = () => types;
    before(async () => {
        await underMocks(() => undefined);
        const monitor = mockMonitor();
        const register = monitor.registerResource.bind(monitor);
        types = [];
        monitor.registerResource = (req, cb) => {
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
        const settled: Promise<void> = waitForRPCs();
        const failed = new Promise<void>((resolve) => {
            const poll = setInterval(() => asyncErrors.length && (clearInterval(poll), resolve()), 50);
            settled.finally(() => clearInterval(poll));
        });
        await Promise.race([settled, failed]);
        // Only an Output-valued argument may fail after construction, and only with its argument's message.
        const unexplained = asyncErrors.map(String).filter((m) => !/ "[^"]*": invalid \S+ = .*; allowed: /.test(m));
        asyncErrors.length = 0;
        assert.deepEqual(unexplained, [], "registration failed after construction");
    });
    // A generator that only ever produced valid (or only invalid) arguments would prove nothing.
    afterEach(function () {
        if (this.currentTest?.state === "passed")
            assert.ok(outcomes.constructed > 0 && outcomes.refused > 0, JSON.stringify(outcomes));
    });

    // One argument at a time: a valid argument object with that argument replaced by each of these values. Every
    // argument is refused for at least one of them, and every refusal names the argument that was replaced.
    // A valid value can leave another argument without what it needs (no consumes: no applicationName, leaseTables).
    const CONFLICTS: Record<string, string[]> = {
        consumes: ["applicationName", "leaseTables", "produces/consumes"],
        produces: ["produces/consumes"],
    };
    const JUNK: unknown[] = [null, 42, -1, 1.5, "", "x", "x".repeat(300), true, {}, [], [null], { stray: 1 }];
    const sweep = (make: (args: unknown) => unknown, valid: object, paths: readonly string[]) => {
        const never: string[] = [];
        for (const path of paths) {
            const argument = path.replace(/\.(\d+)/g, "[$1]");
            let refused = 0;
            for (const bad of JUNK) {
                const args = setPath(valid, path, bad);
                const before = registered().length;
                try {
                    make(args);
                } catch (e) {
                    assert.ok(e instanceof ValidationError, `${path} = ${JSON.stringify(bad)}: ${(e as Error)?.stack ?? e}`);
                    assert.deepEqual(registered().slice(before), [], "registered before refusing");
                    const named =
                        e.argument === argument || e.argument.startsWith(`${argument}.`) || e.argument.startsWith(`${argument}[`);
                    assert.ok(
                        named || (CONFLICTS[path] ?? []).includes(e.argument),
                        `${path} = ${JSON.stringify(bad)} refused as ${e.argument}`,
                    );
                    assert.ok(e.message.includes(`invalid ${e.argument} = `) && e.message.includes("; allowed: "), e.message);
                    refused++;
                    // One refusal per argument is the point; valid values would each register a whole component.
                    break;
                }
            }
            if (refused === 0) never.push(path);
        }
        assert.deepEqual(never, [], `never refused: ${never.join(", ")}`);
    };
    let f: Fixtures;
    before(() => {
        f = {
            stream: new KinesisStream("fixture", { name: "Fixture" }),
            role: new aws.iam.Role("fixture", { assumeRolePolicy: "{}" }),
            user: new aws.iam.User("fixture", {}),
            group: new aws.iam.Group("fixture", {}),
            table: new aws.dynamodb.Table("t", { hashKey: "id", attributes: [{ name: "id", type: "S" }] }),
        };
    });

    it(`KinesisStream (${runs} runs)`, () => {
        fc.assert(
            fc.property(
                fc.oneof(
                    { weight: 1, arbitrary: maybe(streamArgs) },
                    { weight: 2, arbitrary: oneBad(validStream, STREAM_ARGUMENTS) },
                ),
                (args) => constructOrRefuse(() => new KinesisStream("s", args as never), registered),
            ),
            params(runs),
        );
        const [valid] = fc.sample(validStream, { numRuns: 1, seed: 1 });
        sweep(
            (a) => new KinesisStream("sweep", a as never),
            { ...valid, capacity: { mode: "provisioned", shards: 1 } },
            STREAM_ARGUMENTS,
        );
    });
    it(`StreamApplication (${runs} runs)`, () => {
        fc.assert(
            fc.property(
                fc.oneof(
                    { weight: 1, arbitrary: maybe(appArgs(f)) },
                    { weight: 2, arbitrary: oneBad(validApp(f), APP_ARGUMENTS) },
                ),
                (args) => constructOrRefuse(() => new StreamApplication("a", args as never), registered),
            ),
            params(runs),
        );
        const user = {
            ...fc.sample(validApp(f), { numRuns: 1, seed: 1 })[0],
            identity: { user: { name: "u", path: "/team/", accessKey: true } },
        };
        const role = { ...user, identity: { role: { name: "r", path: "/team/", assumeRolePolicy: "{}" } } };
        // Each construction gets its own applicationName: a second one with the same name would be refused as a duplicate.
        let n = 0;
        const fresh = (args: unknown) => {
            const a = args as Record<string, unknown>;
            return new StreamApplication(`sweep${++n}`, {
                ...a,
                ...(a.applicationName === user.applicationName ? { applicationName: `${user.applicationName}-${n}` } : {}),
            } as never);
        };
        sweep(
            fresh,
            user,
            APP_ARGUMENTS.filter((p) => !p.startsWith("identity.role")),
        );
        sweep(
            fresh,
            role,
            APP_ARGUMENTS.filter((p) => p.startsWith("identity.role")),
        );
    });
    it(`TableKinesisStreaming (${runs} runs)`, () => {
        fc.assert(
            fc.property(
                fc.oneof(
                    { weight: 1, arbitrary: maybe(streamingArgs(f)) },
                    { weight: 2, arbitrary: oneBad(validStreaming(f), STREAMING_ARGUMENTS) },
                ),
                (args) => constructOrRefuse(() => new TableKinesisStreaming("m", args as never), registered),
            ),
            params(runs),
        );
        const [valid] = fc.sample(validStreaming(f), { numRuns: 1, seed: 1 });
        // "existing": a second "create" in the stack would be refused as a duplicate.
        sweep(
            (a) => new TableKinesisStreaming("sweep", a as never),
            { ...valid, serviceLinkedRole: "existing" },
            STREAMING_ARGUMENTS,
        );
    });
});
