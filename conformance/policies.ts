// The policies StreamApplication generates for a configuration, through its public API under Pulumi's mocks, in the
// emulators' account and region: the documents as they would be attached, and the tables the stack would create
// (the scenario creates those with exactly these inputs, so KCL meets the component's schema).

import * as pulumi from "@pulumi/pulumi";
import { StreamApplication, StreamApplicationArgs } from "../components";
import { Location } from "./records";

export interface GeneratedAccess {
    /** Each managed policy's document, parsed from the JSON the component attaches. */
    documents: unknown[];
    /** The DynamoDB tables the component registers (provisioned metadata tables), by their inputs. */
    tables: Record<string, unknown>[];
}

/** Deterministic ARNs in the given account and region: only the resource types a StreamApplication registers. */
class Cloud implements pulumi.runtime.Mocks {
    readonly registered: pulumi.runtime.MockResourceArgs[] = [];
    constructor(private readonly loc: Location) {}
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
        this.registered.push(args);
        const { partition: p, region: r, account: a } = this.loc;
        const name = (args.inputs.name as string | undefined) ?? args.name;
        const arns: Record<string, string> = {
            "aws:dynamodb/table:Table": `arn:${p}:dynamodb:${r}:${a}:table/${name}`,
            "aws:iam/role:Role": `arn:${p}:iam::${a}:role/${name}`,
            "aws:iam/user:User": `arn:${p}:iam::${a}:user/${name}`,
            "aws:iam/policy:Policy": `arn:${p}:iam::${a}:policy/${name}`,
        };
        return { id: `${name}-id`, state: { ...args.inputs, name, ...(arns[args.type] ? { arn: arns[args.type] } : {}) } };
    }
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const { partition, region, account } = this.loc;
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    accountId: account,
                    arn: `arn:${partition}:iam::${account}:user/conformance`,
                    userId: "AIDACONFORMANCE",
                    id: account,
                };
            case "aws:index/getPartition:getPartition":
                return { partition, dnsSuffix: "amazonaws.com", id: partition };
            case "aws:index/getRegion:getRegion":
                return { name: region, region, id: region };
        }
        return args.inputs;
    }
}

const TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ecs-tasks.amazonaws.com" } }],
});

/** Runs `new StreamApplication(name, args)` with a role identity under mocks and returns what it generated. */
export async function generatedAccess(
    name: string,
    args: Omit<StreamApplicationArgs, "identity">,
    loc: Location,
): Promise<GeneratedAccess> {
    const cloud = new Cloud(loc);
    pulumi.runtime.setAllConfig({ "aws:region": loc.region });
    await pulumi.runtime.setMocks(cloud, "conformance", "conformance", false);
    new StreamApplication(name, { ...args, identity: { role: { name, assumeRolePolicy: TRUST } } });
    // Internal to the SDK (not in its typings): resolves once every outstanding registration is done.
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    const inputsOf = (type: string) => cloud.registered.filter((r) => r.type === type).map((r) => r.inputs);
    return {
        documents: inputsOf("aws:iam/policy:Policy").map((i) => JSON.parse(i.policy as string)),
        tables: inputsOf("aws:dynamodb/table:Table"),
    };
}
