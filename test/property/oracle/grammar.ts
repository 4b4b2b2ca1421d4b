// grammar(): valid documents across the grammar this domain meets, each with a request (action, resource) to ask
// about (documents.ts says which).
import * as fc from "fast-check";
import {
    ActionMutation,
    actionMutationArb,
    mutateAction,
    mutateResource,
    ResourceMutation,
    resourceMutationArb,
} from "./patterns";
import { resourceFor, Universe } from "./universe";
import { Json, CONDITIONS, one, listOf, form } from "./jsonForms";

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
