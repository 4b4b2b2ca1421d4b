// Helpers the rules share for reading statements and writing findings about them.

import { actionMatches } from "../iam/patterns";
import type { Statement } from "../iam/document";

/** Does the statement's Action/NotAction cover `action`? "unknown" when an unknown value could decide it. */
export function grantsAction(s: Statement, action: string): boolean | "unknown" {
    if (s.action) {
        if (s.action.values.some((p) => actionMatches(p, action))) return true;
        return s.action.unknown ? "unknown" : false;
    }
    if (s.notAction) {
        if (s.notAction.values.some((p) => actionMatches(p, action))) return false;
        return s.notAction.unknown ? "unknown" : true;
    }
    return false;
}

export const isAllow = (s: Statement) => s.effect === "Allow";

export const quote = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(", ");

/** Where a finding is, for `details`: the statement's index and, when it has one, its Sid. */
export const at = (s: Statement): { statement: number; sid?: string } => ({
    statement: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
});
