// Generators of IAM policy documents. Three families:
//  - grammar(): valid documents across the grammar this domain meets (Allow/Deny, Action/NotAction,
//    Resource/NotResource, string or array, wildcards anywhere in action names and ARNs, mixed case, conditions,
//    Statement as object or array, JSON text or object), each with a request (action, resource) to ask about;
//  - soundness(): identity documents whose statements are labelled clean or over-granting by construction;
//  - oddShapes(): anything a user or a provider could put where a document goes (wrong types, nulls, empty
//    arrays, huge strings, truncated JSON, non-ASCII, unknown values).
// Generation is cheap: fast-check draws numbers, plain functions build the documents.
import * as fc from "fast-check";
import { UNKNOWN } from "../../../policypack/iam";
import {
    ActionMutation,
    actionMutationArb,
    Cut,
    cutArb,
    mutateAction,
    mutateResource,
    mutateService,
    recase,
    ResourceMutation,
    resourceMutationArb,
} from "./patterns";
import { Action, arnParts, concreteArn, join, resourceFor, SLR_ARN, SLR_SERVICE, Universe } from "./universe";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Conditions iam-simulate accepts (operators, keys and value types that go together). */
export const CONDITIONS: Record<string, Record<string, Json>>[] = [
    { StringEquals: { "aws:PrincipalTag/team": "ops" } },
    { StringLike: { "cloudwatch:namespace": "StockTrades*" } },
    { StringEquals: { "cloudwatch:namespace": ["StockTradesProcessor", "KinesisProducerLibrary"] } },
    { StringLike: { "iam:AWSServiceName": SLR_SERVICE } },
    { Bool: { "aws:SecureTransport": "true" } },
    { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
    { StringNotEquals: { "aws:PrincipalAccount": "123456789012" } },
    { "ForAnyValue:StringEquals": { "aws:TagKeys": ["a", "b"] } },
    { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
    { Null: { "aws:ResourceTag/owner": "false" } },
    { ArnLike: { "aws:SourceArn": "arn:aws:kinesis:*:123456789012:stream/*" } },
    { StringEqualsIfExists: { "aws:RequestedRegion": "us-west-2" }, Bool: { "aws:ViaAWSService": "false" } },
];

const one = <T>(xs: readonly T[], i: number): T => xs[i % xs.length];

/** A list element as IAM allows it: a lone string, or an array. */
const listOf = (xs: string[], asArray: boolean): Json => (xs.length === 1 && !asArray ? xs[0] : xs);

/** The document as the pack may receive it: a JSON text (compact or indented) or the object. */
function form(doc: Json, asText: number): unknown {
    return asText === 0 ? doc : asText === 1 ? JSON.stringify(doc) : JSON.stringify(doc, null, 2);
}

// ---- grammar: valid documents with a request ---------------------------------------------------------------

interface ElementSeed {
    /** 0..99: below 60 derived from the request, else from another catalogue item. */
    src: number;
    other: number;
    am: ActionMutation;
    rm: ResourceMutation;
}

const elementSeed: fc.Arbitrary<ElementSeed> = fc.record({
    src: fc.nat({ max: 99 }),
    other: fc.nat(),
    am: actionMutationArb,
    rm: resourceMutationArb,
});

interface StatementSeed {
    deny: boolean;
    notAction: boolean;
    notResource: boolean;
    actions: ElementSeed[];
    resources: ElementSeed[];
    actionArray: boolean;
    resourceArray: boolean;
    /** -1: no Condition. */
    condition: number;
    sid: boolean;
}

const statementSeed: fc.Arbitrary<StatementSeed> = fc.record({
    deny: fc.boolean(),
    notAction: fc.nat({ max: 99 }).map((n) => n < 15),
    notResource: fc.nat({ max: 99 }).map((n) => n < 15),
    actions: fc.array(elementSeed, { minLength: 1, maxLength: 3 }),
    resources: fc.array(elementSeed, { minLength: 1, maxLength: 2 }),
    actionArray: fc.boolean(),
    resourceArray: fc.boolean(),
    condition: fc.integer({ min: -1, max: CONDITIONS.length * 3 }).map((n) => (n >= CONDITIONS.length ? -1 : n)),
    sid: fc.boolean(),
});

/** "*" or an ARN (any case of the prefix), as IAM requires of a Resource; undefined otherwise. */
export const validResource = (r: string): string | undefined => (r === "*" || /^arn:/i.test(r) ? r : undefined);

export interface GrammarCase {
    action: string;
    resource: string;
    /** The document as an object (what iam-simulate gets). */
    document: { [k: string]: Json };
    /** The same as the pack gets it: object or JSON text. */
    raw: unknown;
}

export function grammar(u: Universe): fc.Arbitrary<GrammarCase> {
    return fc
        .record({
            request: fc.nat(),
            pick: fc.nat(),
            statements: fc.array(statementSeed, { minLength: 1, maxLength: 3 }),
            single: fc.boolean(),
            asText: fc.nat({ max: 2 }),
        })
        .map(({ request, pick, statements, single, asText }) => {
            const r = one(u.requests, request);
            const action = r.action.id;
            const resource = one(r.resources, pick);
            const list = statements.map((s, i) => {
                const actions = s.actions.map((e) => mutateAction(e.src < 60 ? action : one(u.actions, e.other).id, e.am));
                const resources = s.resources.map((e) => {
                    const from = e.src < 60 ? resource : resourceFor(one(u.actions, e.other), e.other >> 4);
                    // IAM takes "*" or an ARN; anything else is an odd shape (refused as invalid, see oddShapes).
                    return validResource(mutateResource(from, e.rm)) ?? from;
                });
                const st: { [k: string]: Json } = s.sid ? { Sid: `S${i}` } : {};
                st.Effect = s.deny ? "Deny" : "Allow";
                st[s.notAction ? "NotAction" : "Action"] = listOf(actions, s.actionArray);
                st[s.notResource ? "NotResource" : "Resource"] = listOf(resources, s.resourceArray);
                if (s.condition >= 0) st.Condition = CONDITIONS[s.condition];
                return st;
            });
            const document = { Version: "2012-10-17", Statement: single && list.length === 1 ? list[0] : list };
            return { action, resource, document, raw: form(document, asText) };
        });
}

// ---- soundness: labelled statements -------------------------------------------------------------------------

/** What a statement grants, by construction. */
export type Label =
    /** Explicit known actions on named resources, or actions without required resource types on "*". */
    | "clean"
    /** Any Deny: never an over-grant. */
    | "deny"
    /** Allow with a wildcard in an action (`*`, `?`, prefix, infix, service-level, service part). */
    | "wildcard-action"
    /** Allow with NotAction. */
    | "not-action"
    /** Allow with NotResource. */
    | "not-resource"
    /** Allow of an action with resource-level permissions on "*" or on every resource of a type (`stream/*`). */
    | "broad-resource";

export const OVER_GRANTS: readonly Label[] = ["wildcard-action", "not-action", "not-resource", "broad-resource"];

export interface LabelledDocument {
    raw: unknown;
    labels: Label[];
}

interface CleanSeed {
    actions: number[];
    caseMask: number;
    /**
     * 0..99: below 70 named resources of the actions' types, below 85 "*" with star-only actions, else sub-resource wildcards.
     */
    shape: number;
    picks: number[];
}

const cleanSeed: fc.Arbitrary<CleanSeed> = fc.record({
    actions: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    caseMask: fc.oneof(fc.constant(0), fc.nat()),
    shape: fc.nat({ max: 99 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
});

/** A wildcard in a variable below a named parent (`table/T/index/*`, `stream/S/consumer/*`), or none. */
function subResourceWildcard(a: Action, pick: number): string | undefined {
    for (let k = 0; k < a.types.length; k++) {
        const parts = arnParts(a.types[(pick + k) % a.types.length].type, pick);
        const naming = parts.filter((p) => p.naming);
        if (naming.length < 2) continue;
        const later = naming.filter((p) => p.segment > naming[0].segment);
        if (later.length === 0) continue;
        const target = later[pick % later.length];
        return join(parts.map((p) => (p === target ? { ...p, text: pick % 3 === 0 ? "*" : `${p.text.slice(0, 1)}*` } : p)));
    }
    return undefined;
}

function cleanStatement(u: Universe, s: CleanSeed, condition: number): { [k: string]: Json } {
    if (s.shape >= 70 && s.shape < 85) {
        // Only actions without required resource types on "*" (kinesis:ListStreams, cloudwatch:PutMetricData).
        const actions = s.actions.map((i) => recase(one(u.starOnly, i).id, s.caseMask));
        return {
            Effect: "Allow",
            Action: actions,
            Resource: "*",
            ...(condition >= 0 ? { Condition: CONDITIONS[condition] } : {}),
        };
    }
    const chosen = s.actions.map((i) => one(u.typed, i)).filter((a) => a.id !== "iam:CreateServiceLinkedRole");
    if (chosen.length === 0) {
        // iam:CreateServiceLinkedRole is least-privilege only on the role's ARN and with its service named (seed 003).
        return {
            Effect: "Allow",
            Action: "iam:CreateServiceLinkedRole",
            Resource: SLR_ARN,
            Condition: { StringLike: { "iam:AWSServiceName": SLR_SERVICE } },
        };
    }
    const resources = new Set<string>();
    for (const [j, a] of chosen.entries()) {
        const pick = s.picks[j % s.picks.length];
        const sub = s.shape >= 85 ? subResourceWildcard(a, pick) : undefined;
        resources.add(sub ?? resourceFor(a, pick));
    }
    const actions = chosen.map((a) => recase(a.id, s.caseMask));
    return {
        Effect: "Allow",
        Action: listOf(actions, s.picks.length > 1),
        Resource: listOf([...resources], s.picks.length > 2),
        ...(condition >= 0 ? { Condition: CONDITIONS[condition] } : {}),
    };
}

interface OverSeed {
    kind: number;
    action: number;
    cuts: Cut[];
    am: ActionMutation;
    pick: number;
    extra: CleanSeed;
}

const overSeed: fc.Arbitrary<OverSeed> = fc.record({
    kind: fc.nat({ max: 3 }),
    action: fc.nat(),
    cuts: fc.array(cutArb, { minLength: 1, maxLength: 2 }),
    am: actionMutationArb,
    pick: fc.nat(),
    extra: cleanSeed,
});

/** Replace the resource's own name (the first naming variable) with a wildcard pattern: every resource of the type. */
function broadResource(a: Action, pick: number): string {
    const shape = pick % 7;
    if (shape === 0) return "*";
    const parts = arnParts(a.types[pick % a.types.length].type, pick);
    const arn = join(parts);
    if (shape === 5) {
        // An ARN cut short: IAM reads the missing fields as "*" (`arn:aws:kinesis:us-west-2:123456789012`).
        return arn
            .split(":")
            .slice(0, 3 + (pick % 3))
            .join(":");
    }
    const first = parts.find((p) => p.naming);
    if (!first) return "*";
    const wild = ["*", `${first.text.slice(0, 2)}*`, "?".repeat(first.text.length), `*${first.text.slice(-1)}`][pick % 4];
    const out = join(parts.map((p) => (p === first ? { ...p, text: wild } : p)));
    // The service field in another case still names the service.
    return shape === 6
        ? out.replace(
              /^arn:([^:]*):([^:]*):/,
              (_, partition: string, service: string) => `arn:${partition}:${service.toUpperCase()}:`,
          )
        : out;
}

function overGrant(u: Universe, s: OverSeed, condition: number): { label: Label; statement: { [k: string]: Json } } {
    const base = cleanStatement(u, s.extra, condition);
    const cond: { [k: string]: Json } = condition >= 0 ? { Condition: CONDITIONS[condition] } : {};
    switch (s.kind) {
        case 0: {
            // A wildcard somewhere in an action: name part (prefix, infix, `?`, service-level) or service part.
            const id = one(u.actions, s.action).id;
            let p = mutateAction(id, { ...s.am, cuts: s.am.cuts.length ? s.am.cuts : s.cuts });
            if (!/[*?]/.test(p))
                p =
                    s.pick % 4 === 0
                        ? mutateService(
                              id,
                              s.cuts.map((c) => ({ ...c, with: c.with || "*" })),
                          )
                        : `${p.slice(0, -1)}?`;
            if (!/[*?]/.test(p)) p = `${p}*`;
            const actions = [...[base.Action].flat(), p] as string[];
            return { label: "wildcard-action", statement: { ...base, Action: actions } };
        }
        case 1: {
            const { Action, ...rest } = base;
            return { label: "not-action", statement: { ...rest, NotAction: Action } };
        }
        case 2: {
            const { Resource, ...rest } = base;
            return { label: "not-resource", statement: { ...rest, NotResource: Resource } };
        }
        default: {
            const a = one(u.resourceLevel, s.action);
            // An iam:AWSServiceName condition confines iam:CreateServiceLinkedRole on any resource: no over-grant then.
            const confines = a.id === "iam:CreateServiceLinkedRole" && JSON.stringify(cond).includes("iam:AWSServiceName");
            return {
                label: "broad-resource",
                statement: {
                    Effect: "Allow",
                    Action: listOf([recase(a.id, s.am.caseMask)], s.pick % 2 === 0),
                    Resource: listOf([broadResource(a, s.pick)], s.pick % 3 === 0),
                    ...(confines ? {} : cond),
                },
            };
        }
    }
}

interface DenySeed {
    actions: { id: number; am: ActionMutation }[];
    resources: { id: number; rm: ResourceMutation }[];
    notAction: boolean;
    notResource: boolean;
}

const denySeed: fc.Arbitrary<DenySeed> = fc.record({
    actions: fc.array(fc.record({ id: fc.nat(), am: actionMutationArb }), { minLength: 1, maxLength: 3 }),
    resources: fc.array(fc.record({ id: fc.nat(), rm: resourceMutationArb }), { minLength: 1, maxLength: 2 }),
    notAction: fc.boolean(),
    notResource: fc.boolean(),
});

function denyStatement(u: Universe, s: DenySeed, condition: number): { [k: string]: Json } {
    const actions = s.actions.map((x) => mutateAction(one(u.actions, x.id).id, x.am));
    const resources = s.resources.map((x) => {
        const from = resourceFor(one(u.actions, x.id), x.id >> 4);
        return validResource(mutateResource(from, x.rm)) ?? from;
    });
    return {
        Effect: "Deny",
        [s.notAction ? "NotAction" : "Action"]: listOf(actions, actions.length > 1),
        [s.notResource ? "NotResource" : "Resource"]: listOf(resources, resources.length > 1),
        ...(condition >= 0 ? { Condition: CONDITIONS[condition] } : {}),
    };
}

export function soundness(u: Universe): fc.Arbitrary<LabelledDocument> {
    const entry = fc.oneof(
        {
            weight: 5,
            arbitrary: fc.record({
                k: fc.constant("clean" as const),
                s: cleanSeed,
                c: fc.integer({ min: -6, max: CONDITIONS.length - 1 }),
            }),
        },
        {
            weight: 2,
            arbitrary: fc.record({
                k: fc.constant("deny" as const),
                s: denySeed,
                c: fc.integer({ min: -6, max: CONDITIONS.length - 1 }),
            }),
        },
        {
            weight: 2,
            arbitrary: fc.record({
                k: fc.constant("over" as const),
                s: overSeed,
                c: fc.integer({ min: -6, max: CONDITIONS.length - 1 }),
            }),
        },
    );
    const shape = {
        entries: fc.array(entry, { minLength: 1, maxLength: 4 }),
        single: fc.boolean(),
        asText: fc.nat({ max: 2 }),
        sid: fc.boolean(),
        unknowns: fc.nat({ max: 9 }),
    };
    return fc.record(shape).map(({ entries, single, asText, sid, unknowns }) => {
        const labels: Label[] = [];
        const statements = entries.map((e, i) => {
            let st: { [k: string]: Json };
            if (e.k === "clean") {
                st = cleanStatement(u, e.s, e.c);
                labels.push("clean");
            } else if (e.k === "deny") {
                st = denyStatement(u, e.s, e.c);
                labels.push("deny");
            } else {
                const o = overGrant(u, e.s, e.c);
                st = o.statement;
                labels.push(o.label);
            }
            // At preview some values are not known yet: an unknown next to the known ones hides nothing known, and
            // is never reported itself.
            if (unknowns < 3 && (i + unknowns) % 2 === 0) {
                const element = ["Action", "NotAction", "Resource", "NotResource"].filter((k) => k in st)[(i + unknowns) % 2];
                st = { ...st, [element]: [...[st[element]].flat(), UNKNOWN] as Json };
            }
            return sid ? { Sid: `S${i}`, ...st } : st;
        });
        const document = { Version: "2012-10-17", Statement: single && statements.length === 1 ? statements[0] : statements };
        return { raw: form(document, asText), labels };
    });
}

// ---- odd shapes: anything at all -----------------------------------------------------------------------------

const weirdString = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.constantFrom(
        "",
        " ",
        "*",
        "?",
        "**",
        ":",
        "::",
        "*:*",
        "kinesis",
        "kinesis:",
        ":PutRecord",
        "kinesis:Put:Record",
        "arn:",
        "arn:aws:",
        "${aws:username}",
        "${*}",
        "\u0000",
        "\ud800",
        "ſ3:*",
        "KİNESİS:*",
        "kinesis:PutRecord\n",
        " kinesis:PutRecord",
    ),
    fc.constant(UNKNOWN),
);
const scalar = fc.oneof(weirdString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const junk: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(weirdString, scalar, { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom([], {}, [[]], [{}], [null], { Allow: true }) },
);

const STATEMENT_KEYS = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/** A valid document with one part replaced by junk, one key dropped, added or doubled, or the text cut short. */
function corrupt(
    doc: { [k: string]: Json },
    how: { kind: number; at: number; key: number; junk: unknown; big: number },
): unknown {
    const copy = JSON.parse(JSON.stringify(doc)) as { [k: string]: unknown };
    const list = Array.isArray(copy.Statement)
        ? (copy.Statement as { [k: string]: unknown }[])
        : [copy.Statement as { [k: string]: unknown }];
    const st = list[how.at % list.length];
    const key = one(STATEMENT_KEYS, how.key);
    switch (how.kind % 12) {
        case 0:
            st[key] = how.junk;
            break;
        case 1:
            delete st[key];
            break;
        case 2:
            (st as Record<string, unknown>)[`${key}x`] = how.junk;
            break;
        case 3:
            copy.Statement = how.junk;
            break;
        case 4:
            copy.Version = how.junk;
            break;
        case 5: {
            const text = JSON.stringify(copy);
            return text.slice(0, how.at % text.length);
        }
        case 6:
            st.Effect = one(["allow", "ALLOW", "Permit", "", " Allow", "Deny\u0000"], how.at);
            break;
        case 7:
            st[one(["Action", "Resource", "NotAction", "NotResource"], how.key)] = [];
            break;
        case 8:
            // Huge strings: a long action list or a very long ARN (IAM would refuse it; the pack must not choke).
            st.Action = Array.from({ length: 20 + (how.big % 100) }, (_, i) =>
                i % 10 === 0 ? `kinesis:Put${"Record".repeat(1 + (i % 3))}*` : `kinesis:PutRecord${i}`,
            );
            st.Resource = `arn:aws:kinesis:us-west-2:123456789012:stream/${"x".repeat(1000 + how.big * 37)}`;
            break;
        case 9:
            st.Condition = one(
                [
                    null,
                    [],
                    "StringEquals",
                    { StringEquals: null },
                    { StringEquals: [] },
                    { StringEquals: { k: { nested: 1 } } },
                    { StringEquals: { k: [UNKNOWN] } },
                    UNKNOWN,
                ],
                how.at,
            );
            break;
        case 10:
            st[one(["Principal", "NotPrincipal"], how.key)] = one(
                ["*", { AWS: "*" }, { AWS: [] }, { AWS: [1] }, { Service: UNKNOWN }, [], null, UNKNOWN],
                how.at,
            );
            break;
        default:
            st[one(["Action", "Resource", "NotAction", "NotResource", "Sid", "Effect"], how.key)] = UNKNOWN;
    }
    return copy;
}

/** Documents of every odd shape, in both forms, plus plain junk where a document goes. */
export function oddShapes(u: Universe): fc.Arbitrary<unknown> {
    const corrupted = fc
        .record({
            base: fc.oneof(
                grammar(u).map((c) => c.document),
                soundness(u).map((d) => (typeof d.raw === "string" ? JSON.parse(d.raw) : d.raw) as { [k: string]: Json }),
            ),
            how: fc.record({ kind: fc.nat(), at: fc.nat(), key: fc.nat(), junk, big: fc.nat({ max: 100 }) }),
            asText: fc.nat({ max: 3 }),
        })
        .map(({ base, how, asText }) => {
            const c = corrupt(base, how);
            return typeof c === "string" || asText === 0 ? c : JSON.stringify(c);
        });
    return fc.oneof(
        { weight: 6, arbitrary: corrupted },
        { weight: 1, arbitrary: junk },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
        {
            weight: 1,
            arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify({ Version: "2012-10-17", Statement: v })),
        },
    );
}

export const __test = { corrupt, subResourceWildcard, broadResource, concreteArn };
