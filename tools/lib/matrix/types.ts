// The access matrix's data: principals, rows (principal × resources × actions), and the documents it could not read.

export type Condition = Record<string, Record<string, string | string[]>>;

/** What the matrix needs of a captured resource. */
export interface MatrixResource {
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
}

export type PrincipalKind = "user" | "role" | "group" | "account" | "service" | "federated" | "anyone" | "external";

export interface Principal {
    /** ARN for IAM identities and accounts, `service:<name>` / `federated:<name>` for the others, `*` for anyone. */
    id: string;
    kind: PrincipalKind;
    /** Short name for people: the IAM name with its path (`ops/oncall`), the service, the account id. */
    name: string;
    /** The stack resource, when the stack manages this principal. */
    urn?: string;
}

/** A document a row comes from: its label for people and the resource that holds or attaches it. */
export interface RowSource {
    policy: string;
    urn: string;
}

export interface AccessRow {
    principal: string;
    effect: "Allow" | "Deny";
    /** Sorted. With `notActions`, the actions the row does NOT cover. */
    actions: string[];
    notActions?: boolean;
    /** Sorted. With `notResources`, the resources the row does NOT cover. */
    resources: string[];
    notResources?: boolean;
    conditions?: Condition;
    /** Which documents the row comes from (policy names / resources), for people. Sorted. */
    sources: string[];
    /** The same documents with the resource of each, sorted by label then URN. */
    via: RowSource[];
}

export interface PendingDocument {
    /** The principal(s) the document would reach, when known. */
    principals: string[];
    source: string;
    urn: string;
    /** `invalid`: statements IAM would refuse (the rest of the document is read). */
    reason: "unknown" | "secret" | "unparsable" | "invalid" | "unknown-policy";
    detail?: string;
}

export interface AccessMatrix {
    principals: Principal[];
    rows: AccessRow[];
    /** Documents that could not be read: unknown at preview, secret, or not JSON. */
    pending: PendingDocument[];
}

export interface MatrixContext {
    partition: string;
    account: string;
}

/** A statement as the matrix reads it: any IAM spelling (strings or lists). */
export interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Principal?: unknown;
    NotPrincipal?: unknown;
    Condition?: Condition;
}

/** An identity document, by its label and the resource that holds it. */
export interface Doc {
    label: string;
    urn: string;
    value: unknown;
}
