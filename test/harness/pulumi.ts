// Runs component code under Pulumi's mocks and records every registration with its options, so tests can
// assert on resolved inputs (policy JSON, names) and on protect / retainOnDelete / parent.
import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";

export const ACCOUNT = "123456789012";

export interface Registered {
    type: string;
    name: string;
    custom: boolean;
    parent: string;
    inputs: Record<string, unknown>;
    protect: boolean;
    retainOnDelete: boolean;
    additionalSecretOutputs: string[];
    dependencies: string[];
}

function physicalName(type: string, name: string, inputs: Record<string, unknown>): string {
    return (inputs.name as string | undefined) ?? `${name}-${(name.length * 7919).toString(16).padStart(7, "0").slice(0, 7)}`;
}

class Cloud implements pulumi.runtime.Mocks {
    constructor(readonly region: string) {}
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
        const n = physicalName(args.type, args.name, args.inputs);
        const r = this.region;
        const state: Record<string, unknown> = { ...args.inputs };
        switch (args.type) {
            case "aws:kinesis/stream:Stream":
                Object.assign(state, { name: n, arn: `arn:aws:kinesis:${r}:${ACCOUNT}:stream/${n}` });
                break;
            case "aws:dynamodb/table:Table":
                Object.assign(state, { name: n, arn: `arn:aws:dynamodb:${r}:${ACCOUNT}:table/${n}` });
                break;
            case "aws:iam/user:User":
                Object.assign(state, { name: n, arn: `arn:aws:iam::${ACCOUNT}:user${args.inputs.path ?? "/"}${n}` });
                break;
            case "aws:iam/role:Role":
                Object.assign(state, { name: n, arn: `arn:aws:iam::${ACCOUNT}:role${args.inputs.path ?? "/"}${n}` });
                break;
            case "aws:iam/policy:Policy":
                Object.assign(state, { name: n, arn: `arn:aws:iam::${ACCOUNT}:policy/${n}` });
                break;
            case "aws:iam/accessKey:AccessKey":
                return { id: "AKIAIOSFODNN7EXAMPLE", state: { ...state, secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } };
            case "aws:iam/serviceLinkedRole:ServiceLinkedRole":
                Object.assign(state, {
                    name: "AWSServiceRoleForDynamoDBKinesisDataStreamsReplication",
                    arn:
                        `arn:aws:iam::${ACCOUNT}:role/aws-service-role/${args.inputs.awsServiceName}/` +
                        `AWSServiceRoleForDynamoDBKinesisDataStreamsReplication`,
                });
                break;
        }
        return { id: `${n}-id`, state };
    }
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: "AIDAEXAMPLE", id: ACCOUNT };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
            case "aws:index/getRegion:getRegion":
                return { name: this.region, region: this.region, id: this.region };
        }
        return args.inputs;
    }
}

type Struct = Parameters<typeof deserializeProperties>[0];

/** The parts of the SDK's mock monitor that tests hook; `getMonitor()` is typed as the gRPC client, not the mock. */
export interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getObject(): Struct;
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getAdditionalsecretoutputsList(): string[];
    getDependenciesList(): string[];
}
export interface MockMonitor {
    registerResource(
        req: RegisterResourceRequest,
        callback: (err: unknown, resp: { getUrn(): string } | undefined) => void,
    ): unknown;
    registerResourceOutputs(req: { getUrn(): string; getOutputs(): Struct | undefined }, callback: unknown): unknown;
}

/** The monitor of the current mocks (set by `underMocks` or `setMocks`). */
export const mockMonitor = () => pulumi.runtime.getMonitor() as unknown as MockMonitor;

/** Internal to the SDK (not in its typings): resolves once every outstanding registration is done. */
export const waitForRPCs = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

/** Runs `program` under mocks and waits for every registration; returns what it returned and what it registered. */
export async function underMocks<T>(
    program: () => T,
    opts: { region?: string; stack?: string; config?: Record<string, string> } = {},
): Promise<{ result: T; resources: Registered[] }> {
    const region = opts.region ?? "us-west-2";
    pulumi.runtime.setAllConfig({ "aws:region": region, ...opts.config });
    await pulumi.runtime.setMocks(new Cloud(region), "kinesis-access", opts.stack ?? "test", false);
    const resources: Registered[] = [];
    const monitor = mockMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        resources.push({
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent: req.getParent(),
            inputs: deserializeProperties(req.getObject()),
            protect: req.getProtect(),
            retainOnDelete: req.getRetainondelete(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            dependencies: req.getDependenciesList(),
        });
        return register(req, callback);
    };
    lastRegistrations = resources;
    const result = program();
    await waitForRPCs();
    return { result, resources };
}

let lastRegistrations: Registered[] = [];

/**
 * Expects `program` to be refused with a ValidationError for `argument`, before anything registers.
 * Returns the message for further checks.
 */
export async function expectInvalid(program: () => unknown, argument: string, value?: unknown): Promise<string> {
    let error: (Error & { argument?: string; value?: unknown }) | undefined;
    try {
        await underMocks(program);
    } catch (e) {
        error = e as Error & { argument?: string; value?: unknown };
    }
    if (!error) throw new Error(`expected a ValidationError for ${argument}, but the program succeeded`);
    if (error.name !== "ValidationError") throw error;
    if (error.argument !== argument) throw new Error(`expected argument ${argument}, got ${error.argument}: ${error.message}`);
    if (value !== undefined && JSON.stringify(error.value) !== JSON.stringify(value))
        throw new Error(`expected value ${JSON.stringify(value)}, got ${JSON.stringify(error.value)}`);
    // Prerequisites may be plain aws resources; nothing of a component may have registered.
    const ours = lastRegistrations.filter((r) => r.type.startsWith("kinesis-access:") || r.parent.includes("kinesis-access:"));
    if (ours.length) throw new Error(`registered before the error: ${ours.map((r) => `${r.type}::${r.name}`).join(", ")}`);
    if (!error.message.includes(argument) || !error.message.includes("allowed:"))
        throw new Error(`message must name the argument and what is allowed: ${error.message}`);
    return error.message;
}

/** The value of an Output, and whether it is secret. */
export async function resolve<T>(o: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
    const value = await new Promise<T>((res) => o.apply((v) => res(v)));
    return { value, secret: await (o as unknown as { isSecret: Promise<boolean> }).isSecret };
}

export const ofType = (rs: Registered[], type: string) => rs.filter((r) => r.type === type);
export const named = (rs: Registered[], type: string, name: string) => {
    const r = rs.find((x) => x.type === type && x.name === name);
    if (!r) throw new Error(`no ${type} named ${name}; registered: ${rs.map((x) => `${x.type}::${x.name}`).join(", ")}`);
    return r;
};

/** Every (effect, action, resource) a set of policy documents grants, as "Effect action resource" strings. */
export function grantTriples(policyJson: string[]): string[] {
    const out = new Set<string>();
    for (const j of policyJson) {
        for (const s of JSON.parse(j).Statement)
            for (const a of s.Action) for (const r of s.Resource) out.add(`${s.Effect} ${a} ${r}`);
    }
    return [...out].sort();
}

/**
 * Expects `program` to construct, and a registration that depends on an Output-valued argument to fail once it
 * resolves, with the ValidationError message for `argument` (and `value`, when given). Returns that message.
 */
export async function expectInvalidWhenResolved(program: () => unknown, argument: string, value?: unknown): Promise<string> {
    const failures: string[] = [];
    const onRejection = (e: unknown) => failures.push(String((e as Error)?.message ?? e));
    process.on("unhandledRejection", onRejection);
    try {
        // A failed registration may never settle: stop waiting once one is reported (or the rest settled).
        const settled = underMocks(program).then(() => new Promise((r) => setTimeout(r, 50)));
        let poll: NodeJS.Timeout | undefined;
        const failed = new Promise<void>((r) => (poll = setInterval(() => failures.length && r(), 10)));
        await Promise.race([settled, failed]).finally(() => clearInterval(poll));
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    const wanted = `invalid ${argument} = ${value === undefined ? "" : JSON.stringify(value)}`;
    const hit = failures.find((m) => m.includes(wanted) && m.includes("; allowed: "));
    if (!hit)
        throw new Error(
            `expected a registration to fail with "${wanted}...; allowed: ...", got: ` +
                `${failures.length ? failures.join(" | ") : "no failure"}`,
        );
    return hit;
}
