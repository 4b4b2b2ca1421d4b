// oddShapes(): anything a user or a provider could put where a document goes.
import * as fc from "fast-check";
import { UNKNOWN } from "../../../policypack/iam";
import { Universe } from "./universe";
import { Json, one } from "./jsonForms";
import { grammar } from "./grammar";
import { soundness } from "./soundness";

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
