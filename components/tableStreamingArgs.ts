// TableKinesisStreaming's arguments, checked before anything registers (STYLE §3.1).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentChecker, parsePrincipalArn, PRINCIPAL_ARN_RE } from "./grants";
import { StreamLike, validateStreamLike } from "./shared";
import { claimedBy, ProviderLocation } from "./stack";

/** Who may operate the streaming destination: an IAM role, user or group of this program, or its ARN. */
export type Principal = aws.iam.Role | aws.iam.User | aws.iam.Group | string;

export const OPERATIONS = ["enable", "describe", "update", "disable", "denyDisable"] as const;
export type Operation = (typeof OPERATIONS)[number];
export const SERVICE_LINKED_ROLE_MODES = ["existing", "create"] as const;
export const PRECISIONS = ["MILLISECOND", "MICROSECOND"] as const;

/** Internal. Exported for testing. */
export interface ValidTableStreamingArgs {
    table: aws.dynamodb.Table;
    stream: StreamLike;
    serviceLinkedRole: (typeof SERVICE_LINKED_ROLE_MODES)[number];
    precision: (typeof PRECISIONS)[number];
    /** One entry per principal, holding all its operations on this table; `argument` is where it first appeared. */
    operators: { principal: Principal; ops: Set<Operation>; argument: string }[];
}

/** The claim of a stack that creates the account's service-linked role: one per account (provider) and stack. */
export const SERVICE_LINKED_ROLE_CLAIM = "service-linked-role:kinesisreplication.dynamodb.amazonaws.com";

/** Internal. Exported for testing. */
export function validateTableKinesisStreamingArgs(
    resourceName: string,
    args: unknown,
    opts?: pulumi.ComponentResourceOptions,
): ValidTableStreamingArgs {
    const c = new ArgumentChecker("TableKinesisStreaming", resourceName);
    const a = c.object("args", args);
    c.knownKeys("", a, ["table", "stream", "serviceLinkedRole", "operators", "approximateCreationDateTimePrecision"]);
    if (!aws.dynamodb.Table.isInstance(a.table)) c.fail("table", a.table, "an aws.dynamodb.Table");
    const stream = validateStreamLike(c, "stream", a.stream);
    const serviceLinkedRole =
        a.serviceLinkedRole === undefined
            ? "existing"
            : c.oneOf("serviceLinkedRole", a.serviceLinkedRole, SERVICE_LINKED_ROLE_MODES);
    const p = a.approximateCreationDateTimePrecision;
    const precision = p === undefined ? "MILLISECOND" : c.oneOf("approximateCreationDateTimePrecision", p, PRECISIONS);
    const operators = a.operators === undefined ? [] : checkOperators(c, a.operators);
    if (serviceLinkedRole === "create") {
        const other = claimedBy(SERVICE_LINKED_ROLE_CLAIM, opts);
        if (other !== undefined) {
            c.fail(
                "serviceLinkedRole",
                "create",
                `"existing" here: ${other} already creates the account's one service-linked role in this stack (with this ` +
                    `provider)`,
            );
        }
    }
    return { table: a.table as aws.dynamodb.Table, stream, serviceLinkedRole, precision, operators };
}

function checkOperators(c: ArgumentChecker, value: unknown): ValidTableStreamingArgs["operators"] {
    const byPrincipal = new Map<Principal, { ops: Set<Operation>; argument: string }>();
    const ops = c.object("operators", value);
    c.knownKeys("operators", ops, OPERATIONS);
    for (const op of OPERATIONS) {
        if (ops[op] === undefined) continue;
        c.array(`operators.${op}`, ops[op]).forEach((p, i) => {
            const arg = `operators.${op}[${i}]`;
            if (typeof p === "string") {
                if (!PRINCIPAL_ARN_RE.test(p))
                    c.fail(
                        arg,
                        p,
                        "an IAM role, user or group ARN (arn:<partition>:iam::<account>:role|user|group/<path/><name>) or " +
                            "such a resource",
                    );
            } else if (!aws.iam.Role.isInstance(p) && !aws.iam.User.isInstance(p) && !aws.iam.Group.isInstance(p)) {
                c.fail(arg, p, "an aws.iam.Role, aws.iam.User, aws.iam.Group or the ARN of one");
            }
            const key = p as Principal;
            const entry = byPrincipal.get(key) ?? byPrincipal.set(key, { ops: new Set(), argument: arg }).get(key)!;
            entry.ops.add(op);
            if (entry.ops.has("disable") && entry.ops.has("denyDisable"))
                c.fail(arg, p, "a principal in at most one of operators.disable and operators.denyDisable");
        });
    }
    return [...byPrincipal].map(([principal, e]) => ({ principal, ...e }));
}

/**
 * A principal ARN, checked against the provider's account and partition once they resolve: a policy can be attached
 * only in the account that deploys it, so another account's `role/admin` must not become this account's (issue 11, item 1).
 */
export function checkPrincipalHome(
    resourceName: string,
    argument: string,
    arn: string,
    home: ProviderLocation,
    component = "TableKinesisStreaming",
): string {
    const p = parsePrincipalArn(arn)!;
    if (p.account !== home.account || p.partition !== home.partition) {
        new ArgumentChecker(component, resourceName).fail(
            argument,
            arn,
            `a role, user or group of this stack's account ${home.account} in partition "${home.partition}" (a policy can be ` +
                `attached only in its own ` +
                "account: give a role of this account that the other principal may assume, or grant the other account with a " +
                "resource policy)",
        );
    }
    return p.name;
}
