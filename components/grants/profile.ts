// What a profile is: a named set of IAM actions on resource roles, with its sources. Types only, and `allow`.

/** What a statement's Resource is, before ARNs are known. "*" only where the action has no resource-level support. */
export type ResourceRole =
    | "stream"
    | "streamConsumer"
    | "leaseTable"
    | "leaseTableIndex"
    | "workerMetricsTable"
    | "coordinatorStateTable"
    | "kmsKey"
    | "table"
    | "serviceLinkedRole"
    | "*";

export type Effect = "Allow" | "Deny";

/**
 * Conditions that depend on the workload are named here and filled in when bound: the KCL application's metrics
 * namespace, the KPL's fixed one, and the service of a service-linked role.
 */
export type ConditionTemplate = "metricsNamespace" | "kplMetricsNamespace" | "kinesisReplicationService";

export interface ProfileStatement {
    /** Stable, human-readable Sid base. */
    readonly sid: string;
    readonly effect: Effect;
    readonly actions: readonly string[];
    readonly role: ResourceRole;
    readonly condition?: ConditionTemplate;
}

/** A place in a client library's source, at a release tag, that makes (or decides) the calls a profile grants. */
export interface CodeRef {
    /** GitHub owner/name. */
    readonly repo: string;
    readonly tag: string;
    readonly path: string;
}

export interface Profile {
    readonly name: string;
    readonly description: string;
    /** The AWS documentation page for the actions. */
    readonly source: string;
    /** The client library code that calls them; where it disagrees with `source`, the code (and conformance/) wins. */
    readonly code: readonly CodeRef[];
    readonly statements: readonly ProfileStatement[];
}

export const allow = (sid: string, role: ResourceRole, actions: string[], condition?: ConditionTemplate): ProfileStatement => ({
    sid,
    effect: "Allow",
    role,
    actions,
    ...(condition ? { condition } : {}),
});
