// Reading IAM documents as the matrix needs them: placeholders for unknowns and secrets, strings or objects, and the
// few AWS managed policies whose contents the matrix knows.

import { SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "../program";
import { PendingDocument, Statement } from "./types";

export type Parsed = { ok: true; statements: Statement[] } | { ok: false; reason: PendingDocument["reason"]; detail?: string };

export const isPlaceholder = (v: unknown) => v === UNKNOWN_PLACEHOLDER || v === SECRET_PLACEHOLDER;

/** A string that is known (not empty, not a placeholder). */
export const known = (v: unknown): v is string => typeof v === "string" && v !== "" && !isPlaceholder(v);

/** An IAM path as it appears in an ARN: "/" by default, always ending in "/". */
export const normPath = (p: unknown) => (known(p) ? (p.endsWith("/") ? p : `${p}/`) : "/");

/** A scalar or a list, as a list of strings. */
export const list = (v: unknown): string[] =>
    v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

export function parseDocument(doc: unknown): Parsed {
    if (doc === undefined || doc === null || doc === "") return { ok: false, reason: "unknown", detail: "no document" };
    if (doc === UNKNOWN_PLACEHOLDER) return { ok: false, reason: "unknown" };
    if (doc === SECRET_PLACEHOLDER) return { ok: false, reason: "secret" };
    let value: unknown = doc;
    if (typeof doc === "string") {
        try {
            value = JSON.parse(doc);
        } catch (e) {
            return { ok: false, reason: "unparsable", detail: (e as Error).message };
        }
    }
    if (!value || typeof value !== "object") return { ok: false, reason: "unparsable", detail: "not a JSON object" };
    const raw = (value as Record<string, unknown>).Statement;
    if (raw === UNKNOWN_PLACEHOLDER) return { ok: false, reason: "unknown" };
    const statements = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Statement[];
    return { ok: true, statements: statements.filter((s) => s && typeof s === "object") };
}

const POWER_USER_EXTRAS = [
    "account:GetAccountInformation",
    "account:GetPrimaryEmail",
    "account:ListRegions",
    "iam:CreateServiceLinkedRole",
    "iam:DeleteServiceLinkedRole",
    "iam:ListRoles",
    "organizations:DescribeOrganization",
];
const IAM_FULL_ORGANIZATIONS = [
    "DescribeAccount",
    "DescribeOrganization",
    "DescribeOrganizationalUnit",
    "DescribePolicy",
    "ListChildren",
    "ListParents",
]
    .concat(["ListPoliciesForTarget", "ListRoots", "ListPolicies", "ListTargetsForPolicy"])
    .map((a) => `organizations:${a}`);

/** A few AWS managed policies, by their published contents; the rest are shown as what they are. */
const AWS_MANAGED: Record<string, Statement[]> = {
    AdministratorAccess: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    PowerUserAccess: [
        { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
        { Effect: "Allow", Action: POWER_USER_EXTRAS, Resource: "*" },
    ],
    IAMFullAccess: [{ Effect: "Allow", Action: ["iam:*", ...IAM_FULL_ORGANIZATIONS], Resource: "*" }],
    AmazonKinesisFullAccess: [{ Effect: "Allow", Action: "kinesis:*", Resource: "*" }],
    AmazonKinesisReadOnlyAccess: [
        { Effect: "Allow", Action: ["kinesis:Get*", "kinesis:List*", "kinesis:Describe*"], Resource: "*" },
    ],
};

/** An AWS managed policy ARN → its name, and its statements when the matrix knows them. */
export function awsManagedPolicy(arn: string): { name: string; statements?: Statement[] } | undefined {
    const m = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m) return undefined;
    return { name: m[1], statements: AWS_MANAGED[m[1]] };
}
