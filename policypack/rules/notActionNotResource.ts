// Allow + NotAction grants everything except a list (including every action AWS adds later); Allow + NotResource
// and Allow + NotPrincipal likewise grant on, or to, everything not named.

import { statementLabel } from "../iam/document";
import type { PolicyDocument } from "../iam/document";
import { at, isAllow } from "./statements";
import { BaseConfig, NO_OPTIONS } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";
import { DOCUMENT_KINDS } from "../iam/sources";

const ELEMENTS = [
    ["notAction", "NotAction", "every action except those listed"],
    ["notResource", "NotResource", "the actions on every resource except those listed"],
    ["notPrincipal", "NotPrincipal", "access to every principal except those listed"],
] as const;

export function checkNotActionNotResource(doc: PolicyDocument): Finding[] {
    const out: Finding[] = [];
    for (const s of doc.statements.filter(isAllow)) {
        for (const [field, element, grants] of ELEMENTS) {
            if (s[field] === undefined) continue;
            out.push({
                message:
                    `${statementLabel(s)} combines "Effect": "Allow" with ${element}, which grants ${grants}; list what ` +
                    `is allowed instead.`,
                details: { ...at(s), element },
            });
        }
    }
    return out;
}

export const notActionNotResourceRule: DocumentRule<BaseConfig> = {
    name: "iam-no-allow-not-action",
    description: "Allow statements must not use NotAction, NotResource or NotPrincipal.",
    enforcementLevel: "mandatory",
    ...NO_OPTIONS,
    check: onDocument(checkNotActionNotResource),
    // Allow + NotPrincipal in a trust policy lets everyone else assume the role.
    kinds: DOCUMENT_KINDS,
};

export const notActionNotResource = documentPolicy(notActionNotResourceRule);
