// No one let in: an access key's secret is a Pulumi secret in every output that carries it (the AccessKey's own
// `secret`, StreamApplication.secretAccessKey and the component's registered outputs, the seed program's stack
// output), never plain text in any resource's inputs, and never in a violation message: not in-process (where the
// policy server hands the rules secrets as plain values) and not over the analyzer protocol.
//
// The analyzer client redacts secret strings from the messages it returns, whatever the pack does; so over the
// protocol a message must contain neither the secret nor the client's "[secret]" marker (which would mean the pack
// printed a secret and the client hid it).
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { StreamApplication } from "../../components";
import { AnalyzerClient, AnalyzerResource, secret } from "../../tools/lib/analyzer";
import { mockMonitor, resolve, underMocks } from "../harness/pulumi";
import { sharedPack } from "../property/oracle/pack";
import { SECRET, validateResource, validateStack } from "../property/oracle/run";

interface RawRegistration {
    urn?: string;
    type: string;
    name: string;
    parent: string;
    /** The request's inputs in wire form: secrets as the SDK's signature objects. */
    inputs: Record<string, unknown>;
    additionalSecretOutputs: string[];
}

const isSecretEnvelope = (v: unknown): boolean =>
    !!v && typeof v === "object" && (v as Record<string, unknown>)[rpc.specialSigKey] === rpc.specialSecretSig;

/** Paths at which the secret appears as plain text (inside a secret envelope it is fine). */
function plainSecret(v: unknown, path = "$"): string[] {
    if (typeof v === "string") return v.includes(SECRET) ? [path] : [];
    if (isSecretEnvelope(v)) return [];
    if (Array.isArray(v)) return v.flatMap((x, i) => plainSecret(x, `${path}[${i}]`));
    if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => plainSecret(x, `${path}.${k}`));
    return [];
}

/** Runs `program` under mocks, recording every registration and every registerOutputs in wire form. */
async function capture<T>(
    program: () => T,
): Promise<{ result: T; registrations: RawRegistration[]; outputs: { urn: string; outputs: Record<string, unknown> }[] }> {
    const registrations: RawRegistration[] = [];
    const outputs: { urn: string; outputs: Record<string, unknown> }[] = [];
    const { result } = await underMocks(() => {
        const monitor = mockMonitor();
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req, cb) => {
            const rec: RawRegistration = {
                type: req.getType(),
                name: req.getName(),
                parent: req.getParent(),
                inputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            };
            registrations.push(rec);
            return register(req, (err: unknown, resp: { getUrn(): string } | undefined) => {
                if (resp) rec.urn = resp.getUrn();
                cb(err, resp);
            });
        };
        const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
        monitor.registerResourceOutputs = (req, cb) => {
            outputs.push({ urn: req.getUrn(), outputs: (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown> });
            return registerOutputs(req, cb);
        };
        return program();
    });
    return { result, registrations, outputs };
}

/** The AccessKey's state as the engine hands it to a stack policy: its secret outputs marked secret. */
function withState(r: RawRegistration): Record<string, unknown> {
    return r.type === "aws:iam/accessKey:AccessKey"
        ? { ...r.inputs, id: "AKIAIOSFODNN7EXAMPLE", secret: secret(SECRET), sesSmtpPasswordV4: secret(`${SECRET}-smtp`) }
        : r.inputs;
}

const unwrap = (v: unknown): unknown =>
    isSecretEnvelope(v)
        ? unwrap((v as { value: unknown }).value)
        : Array.isArray(v)
          ? v.map(unwrap)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]))
            : v;

describe("reliability: no one let in — access key secrets stay secret", function () {
    this.timeout(120_000);
    let pack: AnalyzerClient;
    before(async () => {
        pack = await sharedPack();
        await pack.configure({});
    });

    for (const [what, program] of [
        [
            "StreamApplication with an access key",
            () =>
                new StreamApplication("app", {
                    identity: { user: { name: "StockTradeStreamUser", accessKey: true } },
                    produces: [{ arn: "arn:aws:kinesis:us-west-2:123456789012:stream/S" }],
                }),
        ],
        [
            "the seed program (index.ts)",
            () => {
                delete require.cache[require.resolve("../../index")];
                // A fresh load runs the program again, under these mocks.
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                return require("../../index") as Record<string, pulumi.Output<unknown>>;
            },
        ],
    ] as const) {
        describe(what, () => {
            let run: Awaited<ReturnType<typeof capture<unknown>>>;
            before(async () => {
                run = await capture(program as () => unknown);
            });

            it("registers an AccessKey whose secret outputs the engine keeps secret", () => {
                const keys = run.registrations.filter((r) => r.type === "aws:iam/accessKey:AccessKey");
                assert.equal(keys.length, 1);
                assert.ok(keys[0].additionalSecretOutputs.includes("secret"), JSON.stringify(keys[0].additionalSecretOutputs));
            });

            it("shows the secret in plain text in no resource's inputs and no registered outputs", () => {
                for (const r of run.registrations) assert.deepEqual(plainSecret(r.inputs), [], `${r.type} ${r.name}`);
                for (const o of run.outputs) assert.deepEqual(plainSecret(o.outputs), [], o.urn);
            });

            it("outputs the secret access key only as a secret", async () => {
                const app = run.result instanceof StreamApplication ? run.result : undefined;
                const out = app ? app.secretAccessKey! : (run.result as Record<string, pulumi.Output<unknown>>).secretAccessKey;
                assert.deepEqual(await resolve(out as pulumi.Output<unknown>), { value: SECRET, secret: true });
                if (!app) {
                    // Every other stack output: not the secret, or secret.
                    for (const [k, o] of Object.entries(run.result as Record<string, pulumi.Output<unknown>>)) {
                        const r = await resolve(o);
                        if (k !== "secretAccessKey") assert.ok(r.secret || !JSON.stringify(r.value ?? null).includes(SECRET), k);
                    }
                }
                // The StreamApplication component registers it among its outputs, as a secret.
                const registered = run.outputs.find(
                    (o) =>
                        o.urn.endsWith("kinesis-access:index:StreamApplication::app") ||
                        o.urn.includes("StreamApplication::StockTradesProcessor"),
                );
                assert.ok(registered, run.outputs.map((o) => o.urn).join(", "));
                assert.ok(
                    isSecretEnvelope(registered.outputs.secretAccessKey),
                    JSON.stringify(registered.outputs.secretAccessKey),
                );
            });

            it("puts the secret in no violation message, in-process (secrets arrive as plain values)", async () => {
                const resources = run.registrations.map((r) => ({
                    urn: r.urn ?? r.name,
                    type: r.type,
                    name: r.name,
                    props: unwrap(withState(r)) as Record<string, unknown>,
                }));
                const reports = [
                    ...(await Promise.all(resources.map((r) => validateResource(r)))).flat(),
                    ...(await validateStack(resources)),
                ];
                assert.ok(
                    reports.some((r) => r.policy === "iam-user-no-access-keys"),
                    "the access key is reported (without its secret)",
                );
                for (const r of reports) assert.ok(!r.message.includes(SECRET), `${r.policy}: ${r.message}`);
            });

            it("puts the secret in no violation message over the analyzer protocol (Analyze and AnalyzeStack)", async () => {
                const wire: AnalyzerResource[] = run.registrations.map((r) => ({
                    urn: r.urn ?? r.name,
                    type: r.type,
                    name: r.name,
                    parent: r.parent || undefined,
                    inputs: r.inputs,
                }));
                const violations = (await Promise.all(wire.map((r) => pack.analyze(r)))).flat();
                violations.push(
                    ...(await pack.analyzeStack(run.registrations.map((r, i) => ({ ...wire[i], inputs: withState(r) })))),
                );
                assert.ok(violations.some((v) => v.policyName === "iam-user-no-access-keys"));
                for (const v of violations) {
                    assert.ok(!v.message.includes(SECRET), v.message);
                    assert.ok(
                        !v.message.includes("[secret]"),
                        `the pack printed a secret (redacted by the client): ${v.message}`,
                    );
                }
            });
        });
    }
});
