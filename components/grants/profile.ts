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

/** Conditions that depend on the workload are named here and filled in when bound. */
export type ConditionTemplate = "metricsNamespace" | "kinesisReplicationService";

export interface ProfileStatement {
    /** Stable, human-readable Sid base. */
    readonly sid: string;
    readonly effect: Effect;
    readonly actions: readonly string[];
    readonly role: ResourceRole;
    readonly condition?: ConditionTemplate;
}

export interface Profile {
    readonly name: string;
    readonly description: string;
    /** The AWS documentation page the actions come from. */
    readonly source: string;
    readonly statements: readonly ProfileStatement[];
}

export const allow = (sid: string, role: ResourceRole, actions: string[], condition?: ConditionTemplate): ProfileStatement => ({
    sid,
    effect: "Allow",
    role,
    actions,
    ...(condition ? { condition } : {}),
});
