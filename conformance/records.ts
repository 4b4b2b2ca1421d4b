// The record the client-side recorders write (README.md, "The record"), and what IAM authorizes for each: the one
// home of "operation → IAM action(s) and the resource they are authorized against".

import * as fs from "node:fs";

export interface CallRecord {
    recorder: string;
    worker: string;
    service: string;
    operation: string;
    params: Record<string, unknown>;
    outcome: string;
    t: number;
}

/** One authorization IAM makes for a call: action, resource ARN ("*" where the action has no resource type), context. */
export interface AuthorizedRequest {
    action: string;
    resource: string;
    context: Record<string, string>;
}

/** Where the emulated calls land: the emulators' account and region. */
export interface Location {
    partition: string;
    region: string;
    account: string;
}

export function readRecords(file: string): CallRecord[] {
    if (!fs.existsSync(file)) return [];
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l, i) => {
            try {
                return JSON.parse(l) as CallRecord;
            } catch {
                throw new Error(`${file}:${i + 1}: not a JSON record: ${l.slice(0, 200)}`);
            }
        });
}

/** Operations IAM does not authorize (anyone may call them). */
const UNAUTHORIZED: ReadonlySet<string> = new Set(["sts:GetCallerIdentity"]);

/** Kinesis operations that act on a consumer, not on its stream (Service Authorization Reference). */
const CONSUMER_OPERATIONS: ReadonlySet<string> = new Set([
    "DescribeStreamConsumer",
    "SubscribeToShard",
    "DeregisterStreamConsumer",
]);
/** Kinesis operations with no resource type. */
const KINESIS_ACCOUNT_OPERATIONS: ReadonlySet<string> = new Set(["ListStreams", "DescribeLimits", "DescribeAccountSettings"]);
/** DynamoDB operations with no resource type. */
const DYNAMODB_ACCOUNT_OPERATIONS: ReadonlySet<string> = new Set(["ListTables", "DescribeLimits", "DescribeEndpoints"]);

/** Transactional writes are authorized item by item, as the single-item action of each (DynamoDB developer guide). */
const TRANSACT_ACTIONS: Record<string, string> = {
    ConditionCheck: "dynamodb:ConditionCheckItem",
    Put: "dynamodb:PutItem",
    Update: "dynamodb:UpdateItem",
    Delete: "dynamodb:DeleteItem",
    Get: "dynamodb:GetItem",
};

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** What a call names, or the scenario's stream: GetRecords carries only an opaque ShardIterator, issued for that stream. */
function streamArn(loc: Location, p: Record<string, unknown>, scenarioStream: string): string {
    const arn = str(p.StreamARN);
    if (arn) return arn;
    const name = str(p.StreamName);
    return name ? `arn:${loc.partition}:kinesis:${loc.region}:${loc.account}:stream/${name}` : scenarioStream;
}

/** The scenario around the records: its stream's ARN, and the ARN of a consumer KCL named without one. */
export interface RecordContext {
    stream: string;
    consumerArn(stream: string, name: string): string;
}

function tableArn(loc: Location, name: string): string {
    return name.startsWith("arn:") ? name : `arn:${loc.partition}:dynamodb:${loc.region}:${loc.account}:table/${name}`;
}

/** What IAM authorizes for one recorded call (a consumer described by stream and name is authorized on its ARN). */
export function authorizedRequests(r: CallRecord, loc: Location, scenario: RecordContext): AuthorizedRequest[] {
    const action = `${r.service}:${r.operation}`;
    if (UNAUTHORIZED.has(action)) return [];
    const p = r.params ?? {};
    const one = (resource: string, context: Record<string, string> = {}) => [{ action, resource, context }];
    switch (r.service) {
        case "kinesis": {
            if (KINESIS_ACCOUNT_OPERATIONS.has(r.operation)) return one("*");
            if (CONSUMER_OPERATIONS.has(r.operation)) {
                const arn =
                    str(p.ConsumerARN) ?? scenario.consumerArn(streamArn(loc, p, scenario.stream), str(p.ConsumerName) ?? "");
                return one(arn);
            }
            return one(streamArn(loc, p, scenario.stream));
        }
        case "dynamodb": {
            if (DYNAMODB_ACCOUNT_OPERATIONS.has(r.operation)) return one("*");
            if (r.operation === "TransactWriteItems" || r.operation === "TransactGetItems") {
                const items = (p.TransactItems ?? []) as { kind: string; TableName: string }[];
                return items.map((i) => {
                    const a = TRANSACT_ACTIONS[i.kind];
                    if (!a) throw new Error(`unknown transaction item kind ${i.kind}`);
                    return { action: a, resource: tableArn(loc, i.TableName), context: {} };
                });
            }
            const table = str(p.TableName) ?? str(p.ResourceArn);
            if (!table) throw new Error(`a DynamoDB ${r.operation} names no table: ${JSON.stringify(p)}`);
            const arn = tableArn(loc, table);
            const index = str(p.IndexName);
            const requests = one(index && (r.operation === "Query" || r.operation === "Scan") ? `${arn}/index/${index}` : arn);
            // Creating a table with tags is also authorized as TagResource on it (DynamoDB developer guide, tagging).
            if (r.operation === "CreateTable" && Number(p.Tags ?? 0) > 0)
                requests.push({ action: "dynamodb:TagResource", resource: arn, context: {} });
            return requests;
        }
        case "cloudwatch":
            // PutMetricData has no resource type; its namespace is a condition key.
            return one("*", str(p.Namespace) ? { "cloudwatch:namespace": str(p.Namespace)! } : {});
        case "kms":
            return one(str(p.KeyId) ?? "*");
        default:
            throw new Error(`no IAM mapping for ${action}`);
    }
}

/** A distinct request and how many recorded calls made it. */
export type CountedRequest = AuthorizedRequest & { calls: number };

/** Each distinct (action, resource, context) once, with its number of calls; for the judge and the matrix. */
export function distinctRequests(requests: AuthorizedRequest[]): CountedRequest[] {
    const seen = new Map<string, CountedRequest>();
    for (const q of requests) {
        const key = `${q.action} ${q.resource} ${JSON.stringify(q.context)}`;
        const c = seen.get(key);
        if (c) c.calls++;
        else seen.set(key, { ...q, calls: 1 });
    }
    return [...seen.values()].sort((a, b) => `${a.action} ${a.resource}`.localeCompare(`${b.action} ${b.resource}`));
}
