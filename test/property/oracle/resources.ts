// Generators of resources as the pack meets them: every resource type it reads (and some it does not), with inputs
// that are plausible, odd (odd-shaped documents, wrong types, nulls, unknown values at any depth), or both; and
// stacks of them with parents and property dependencies that may point anywhere, cycles included.
import * as fc from "fast-check";
import { COMPONENT_TAG, COMPONENT_TYPES, PROFILES_TAG, TYPES, UNKNOWN } from "../../../policypack/iam";
import { oddShapes } from "./documents";
import { Universe } from "./universe";

export const RESOURCE_TYPES: readonly string[] = [
    ...Object.values(TYPES),
    ...Object.values(COMPONENT_TYPES),
    "pulumi:pulumi:Stack",
    "aws:s3/bucket:Bucket",
    "random:index/randomId:RandomId",
];

const P = "urn:pulumi:dev::kinesis-access::";
export const urnOf = (type: string, name: string) => `${P}${type}::${name}`;

const names = fc.constantFrom("StockTradeStreamUser", "StockTradesProcessor", "ops", "Music", "a", "", "x".repeat(70), UNKNOWN);
const arns = fc.constantFrom(
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/AmazonKinesisFullAccess",
    "arn:aws:iam::aws:policy/job-function/DatabaseAdministrator",
    "arn:aws:iam::123456789012:policy/StockTradesProcessor-producer",
    "arn:aws:iam::123456789012:user/StockTradeStreamUser",
    "arn:aws:iam::123456789012:role/path/Ops",
    "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "alias/aws/kinesis",
    "arn:",
    UNKNOWN,
);
const scalar = fc.oneof(names, arns, fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 8 }), fc.double());
/** A value of any shape for any field: plausible scalars, lists, objects, unknowns, and junk. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 5, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(fc.oneof(names, arns, scalar), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const tags = fc.oneof(
    fc.constant(undefined),
    fc.record(
        {
            [COMPONENT_TAG]: fc.constantFrom("StreamApplication", "TableKinesisStreaming", "", UNKNOWN),
            [PROFILES_TAG]: fc.constantFrom(
                "producer",
                "producer kcl-1.x-lease-table-created-by-kcl",
                "no-such-profile",
                "",
                "  ",
                UNKNOWN,
            ),
            team: fc.string({ maxLength: 4 }),
        },
        { requiredKeys: [] },
    ),
    anyValue,
);

/** Inputs with the fields the rules read, each present or not, plausible or odd. */
export function propsArb(u: Universe): fc.Arbitrary<Record<string, unknown>> {
    const doc = oddShapes(u);
    return fc.record(
        {
            name: fc.oneof(names, anyValue),
            policy: fc.oneof(doc, anyValue),
            inlinePolicies: fc.oneof(
                fc.array(fc.oneof(fc.record({ name: names, policy: doc }, { requiredKeys: [] }), anyValue), { maxLength: 3 }),
                anyValue,
            ),
            managedPolicyArns: fc.oneof(fc.array(arns, { maxLength: 3 }), anyValue),
            policyArn: fc.oneof(arns, anyValue),
            policyArns: fc.oneof(fc.array(arns, { maxLength: 3 }), anyValue),
            role: fc.oneof(names, arns, anyValue),
            user: fc.oneof(names, arns, anyValue),
            group: fc.oneof(names, anyValue),
            users: fc.oneof(fc.array(names, { maxLength: 2 }), anyValue),
            roles: fc.oneof(fc.array(names, { maxLength: 2 }), anyValue),
            roleName: fc.oneof(names, anyValue),
            userName: fc.oneof(names, anyValue),
            arn: fc.oneof(arns, anyValue),
            tags,
            tagsAll: tags,
            encryptionType: fc.oneof(fc.constantFrom("KMS", "NONE", "kms", UNKNOWN), anyValue),
            kmsKeyId: fc.oneof(arns, anyValue),
            pointInTimeRecovery: fc.oneof(
                fc.record({ enabled: fc.oneof(fc.boolean(), fc.constant(UNKNOWN), anyValue) }, { requiredKeys: [] }),
                anyValue,
            ),
            deletionProtectionEnabled: fc.oneof(fc.boolean(), anyValue),
            status: fc.oneof(fc.constantFrom("Active", "Inactive"), anyValue),
            secret: fc.oneof(fc.constant("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), anyValue),
        },
        { requiredKeys: [] },
    );
}

export interface GeneratedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    props: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
}

/** One resource of any type the pack reads, or another, with inputs from propsArb. */
export function resourceArb(u: Universe): fc.Arbitrary<GeneratedResource> {
    return fc
        .record({
            type: fc.oneof(
                { weight: 9, arbitrary: fc.constantFrom(...RESOURCE_TYPES) },
                { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
            ),
            name: fc.string({ minLength: 1, maxLength: 12 }),
            props: propsArb(u),
        })
        .map(({ type, name, props }) => ({ urn: urnOf(type, name), type, name, props }));
}

/** Documents for stack members, from a small pool: the stack rule cares about who grants what to whom. */
const STACK_DOCUMENTS: unknown[] = [
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"],
                Resource: "arn:aws:kinesis:us-west-2:123456789012:stream/S",
            },
        ],
    }),
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kinesis:*", Resource: "*" }] }),
    { Version: "2012-10-17", Statement: { Effect: "Allow", NotAction: "iam:*", Resource: "*" } },
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:Get*", UNKNOWN], Resource: UNKNOWN }] },
    "{not json",
    UNKNOWN,
    null,
    42,
];

/** Lighter inputs for the members of a stack: the fields the stack rule reads. */
function stackPropsArb(): fc.Arbitrary<Record<string, unknown>> {
    const doc = fc.constantFrom(...STACK_DOCUMENTS);
    return fc.record(
        {
            name: names,
            policy: doc,
            inlinePolicies: fc.oneof(
                fc.constant([]),
                fc.constant(UNKNOWN),
                fc.array(fc.record({ name: names, policy: doc }, { requiredKeys: [] }), { maxLength: 2 }),
                scalar,
            ),
            managedPolicyArns: fc.oneof(fc.array(arns, { maxLength: 2 }), scalar),
            policyArn: arns,
            policyArns: fc.oneof(fc.array(arns, { maxLength: 2 }), scalar),
            role: fc.oneof(names, arns),
            user: fc.oneof(names, arns),
            users: fc.oneof(fc.array(names, { maxLength: 2 }), scalar),
            arn: arns,
            tags,
            tagsAll: tags,
        },
        { requiredKeys: [] },
    );
}

/** A stack: resources whose parents and property dependencies point at each other (or nowhere), cycles included. */
export function stackArb(): fc.Arbitrary<GeneratedResource[]> {
    const member = fc
        .record({
            type: fc.constantFrom(...RESOURCE_TYPES),
            name: fc.constantFrom("a", "b", "c", "StockTradesProcessor", "toString"),
            props: stackPropsArb(),
        })
        .map(({ type, name, props }) => ({ urn: urnOf(type, name), type, name, props }));
    return fc
        .record({
            resources: fc.array(member, { minLength: 1, maxLength: 6 }),
            links: fc.array(
                fc.record({
                    from: fc.nat(),
                    to: fc.nat(),
                    field: fc.constantFrom("parent", "user", "role", "policyArn", "policyArns", "managedPolicyArns", "users"),
                    dangling: fc.boolean(),
                }),
                { maxLength: 10 },
            ),
        })
        .map(({ resources, links }) => {
            // Unique names and URNs: a stack never holds two resources of one URN.
            const rs = resources.map((r, i): GeneratedResource & { propertyDependencies: Record<string, string[]> } => ({
                ...r,
                name: `${r.name}-${i}`,
                urn: urnOf(r.type, `${r.name}-${i}`),
                propertyDependencies: {},
            }));
            for (const l of links) {
                const from = rs[l.from % rs.length];
                const to = l.dangling ? `${P}aws:iam/user:User::gone` : rs[l.to % rs.length].urn;
                if (l.field === "parent") from.parent = to;
                else (from.propertyDependencies[l.field] ??= []).push(to);
            }
            return rs;
        });
}
