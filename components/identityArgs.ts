// StreamApplication's identity arguments: a new user or role, or an existing one; its boundary and extra managed policies.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentChecker, MAX_MANAGED_POLICIES_PER_IDENTITY, PRINCIPAL_ARN_RE } from "./grants";
import { whenResolved } from "./stack";

/** The identity that gets the permissions. */
export type Identity =
    | {
          user: {
              /** Default: autonamed from the resource name. */
              name?: string;
              /** IAM path. Default "/". */
              path?: string;
              /** Create a long-lived access key (its secret is a Pulumi secret). Default false. */
              accessKey?: boolean;
              /** ARN of a managed policy that bounds the user's permissions. Default: none. */
              permissionsBoundary?: pulumi.Input<string>;
          };
      }
    | {
          role: {
              /** Default: autonamed from the resource name. */
              name?: string;
              /** IAM path. Default "/". */
              path?: string;
              /** The trust policy: JSON or a policy document object, as aws.iam.Role takes it. */
              assumeRolePolicy: pulumi.Input<string | aws.iam.PolicyDocument>;
              /** ARN of a managed policy that bounds the role's permissions. Default: none. */
              permissionsBoundary?: pulumi.Input<string>;
          };
      }
    /** A role that exists already, by name or by ARN of the stack's own account; only the policies are created. */
    | { existingRole: string }
    /** A user that exists already, by name or by ARN of the stack's own account; only the policies are created. */
    | { existingUser: string };

/** Internal. Exported for testing. */
export type ValidIdentity =
    | { kind: "user"; name?: string; path?: string; accessKey: boolean; permissionsBoundary?: pulumi.Input<string> }
    | {
          kind: "role";
          name?: string;
          path?: string;
          assumeRolePolicy: pulumi.Input<string>;
          permissionsBoundary?: pulumi.Input<string>;
      }
    | { kind: "existingRole"; ref: string; argument: string }
    | { kind: "existingUser"; ref: string; argument: string };

const SHAPES = "exactly one of { user: {...} }, { role: { assumeRolePolicy } }, { existingRole } or { existingUser }";
const isDeferred = (v: unknown) => pulumi.Output.isInstance(v) || v instanceof Promise;

export function checkIdentity(c: ArgumentChecker, value: unknown): ValidIdentity {
    const id = c.object("identity", value, SHAPES);
    const kinds = Object.keys(id);
    if (kinds.length !== 1 || !["user", "role", "existingRole", "existingUser"].includes(kinds[0]))
        c.fail("identity", id, SHAPES);
    if ("user" in id) {
        const u = c.object("identity.user", id.user);
        c.knownKeys("identity.user", u, ["name", "path", "accessKey", "permissionsBoundary"]);
        return {
            kind: "user",
            name: u.name === undefined ? undefined : c.name("identity.user.name", u.name, "iamUser"),
            path: u.path === undefined ? undefined : checkPath(c, "identity.user.path", u.path),
            accessKey: u.accessKey === undefined ? false : c.boolean("identity.user.accessKey", u.accessKey),
            permissionsBoundary:
                u.permissionsBoundary === undefined
                    ? undefined
                    : checkPolicyArnInput(c, "identity.user.permissionsBoundary", u.permissionsBoundary),
        };
    }
    if ("role" in id) {
        const r = c.object("identity.role", id.role);
        c.knownKeys("identity.role", r, ["name", "path", "assumeRolePolicy", "permissionsBoundary"]);
        const trust = r.assumeRolePolicy;
        return {
            kind: "role",
            name: r.name === undefined ? undefined : c.name("identity.role.name", r.name, "iamRole"),
            path: r.path === undefined ? undefined : checkPath(c, "identity.role.path", r.path),
            assumeRolePolicy: isDeferred(trust)
                ? (pulumi
                      .output(trust as pulumi.Input<string>)
                      .apply((t) => trustJson(checkTrust(c, t))) as pulumi.Output<string>)
                : trustJson(checkTrust(c, trust)),
            permissionsBoundary:
                r.permissionsBoundary === undefined
                    ? undefined
                    : checkPolicyArnInput(c, "identity.role.permissionsBoundary", r.permissionsBoundary),
        };
    }
    const kind = kinds[0] as "existingRole" | "existingUser";
    const ref = id[kind];
    const want = kind === "existingRole" ? "role" : "user";
    const ok = typeof ref === "string" && (/^[\w+=,.@-]{1,64}$/.test(ref) || PRINCIPAL_ARN_RE.exec(ref)?.[1] === want);
    if (!ok)
        c.fail(
            `identity.${kind}`,
            ref,
            `an IAM ${want} name (1-64 characters of a-z A-Z 0-9 _ + = , . @ -) or ${want} ARN ` +
                `(arn:<partition>:iam::<account>:${want}/<path/><name>)`,
        );
    return { kind, ref: ref as string, argument: `identity.${kind}` };
}

const TRUST_ALLOWED =
    "a trust policy: JSON of a policy document, or a policy document object { Version?, Statement } (as aws.iam.Role takes it)";

/**
 * The trust policy as aws.iam.Role accepts it: JSON text or a document object (issue 11, item 9). Also run when an Output
 * resolves.
 */
export function checkTrust(c: ArgumentChecker, v: unknown): string | aws.iam.PolicyDocument {
    let doc: unknown = v;
    if (typeof v === "string") {
        try {
            doc = JSON.parse(v);
        } catch {
            c.fail("identity.role.assumeRolePolicy", v, TRUST_ALLOWED);
        }
    }
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) c.fail("identity.role.assumeRolePolicy", v, TRUST_ALLOWED);
    const st = (doc as Record<string, unknown>).Statement;
    // "{}" is accepted as before: IAM itself rejects an empty trust policy with its own message.
    if (st !== undefined && (st === null || typeof st !== "object")) c.fail("identity.role.assumeRolePolicy", v, TRUST_ALLOWED);
    return v as string | aws.iam.PolicyDocument;
}

/** The role always gets JSON text: a document object may hold Outputs, resolved here before encoding. */
function trustJson(t: string | aws.iam.PolicyDocument): pulumi.Input<string> {
    return typeof t === "string" ? t : pulumi.jsonStringify(pulumi.output(t));
}

const POLICY_ARN_RE = /^arn:[a-z][a-z0-9-]*:iam::(\d{12}|aws):policy\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,128}$/;
const POLICY_ARN_ALLOWED = "a managed policy ARN (arn:<partition>:iam::<account>|aws:policy/<path/><name>)";

function checkPolicyArn(c: ArgumentChecker, argument: string, v: unknown): string {
    if (typeof v !== "string" || !POLICY_ARN_RE.test(v)) c.fail(argument, v, POLICY_ARN_ALLOWED);
    return v;
}

/** A policy ARN, plain or an Output checked when it resolves. */
function checkPolicyArnInput(c: ArgumentChecker, argument: string, v: unknown): pulumi.Input<string> {
    if (isDeferred(v)) return whenResolved(v as pulumi.Input<string>, (x) => checkPolicyArn(c, argument, x));
    return checkPolicyArn(c, argument, v);
}

export function checkManagedPolicyArns(c: ArgumentChecker, value: unknown, identity: ValidIdentity): pulumi.Input<string>[] {
    const arns = c.array("managedPolicyArns", value).map((v, i) => checkPolicyArnInput(c, `managedPolicyArns[${i}]`, v));
    if (new Set(arns.filter((a) => typeof a === "string")).size !== arns.filter((a) => typeof a === "string").length) {
        c.fail("managedPolicyArns", value, "distinct policy ARNs (each is attached once)");
    }
    if (arns.length > MAX_MANAGED_POLICIES_PER_IDENTITY)
        c.fail(
            "managedPolicyArns",
            `${arns.length} policies`,
            `at most ${MAX_MANAGED_POLICIES_PER_IDENTITY} managed policies per identity`,
        );
    // The tag that tells the pack these are on purpose holds at most 256 characters.
    if (
        (identity.kind === "user" || identity.kind === "role") &&
        arns.every((a) => typeof a === "string") &&
        (arns as string[]).join(" ").length > 256
    ) {
        c.fail(
            "managedPolicyArns",
            value,
            "at most 256 characters of ARNs in all (they are listed in the identity's kinesis-access:extra-policies tag)",
        );
    }
    return arns;
}

function checkPath(c: ArgumentChecker, argument: string, value: unknown): string {
    if (typeof value !== "string" || !/^\/(?:[\x21-\x7e]{0,510}\/)?$/.test(value) || value.length > 512) {
        c.fail(argument, value, 'an IAM path: "/" or "/a/b/" (1-512 printable ASCII characters, starting and ending with "/")');
    }
    return value;
}
