// iam:PassRole on every role lets the holder hand any role (an administrator role too) to a service it controls.

import { globToRegExp, hasWildcard, resourceMatches, splitArn } from "../iam/patterns";
import { statementLabel } from "../iam/document";
import type { PolicyDocument } from "../iam/document";
import { at, grantsAction, isAllow } from "./statements";
import { BaseConfig, NO_OPTIONS } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";

/** Does the pattern cover an arbitrary role name (so every role)? Probed with a name no one would choose. */
export function coversAnyRole(resource: string): boolean {
    if (resource === "*") return true;
    const arn = splitArn(resource);
    if (!arn) return hasWildcard(resource);
    if (!globToRegExp(arn.service, true).test("iam")) return false;
    const partition = hasWildcard(arn.partition) ? "aws" : arn.partition;
    const account = hasWildcard(arn.account) || arn.account === "" ? "123456789012" : arn.account;
    return resourceMatches(resource, `arn:${partition}:iam::${account}:role/zz-kinesis-access-probe-role`);
}

export function checkPassRole(doc: PolicyDocument): Finding[] {
    const out: Finding[] = [];
    for (const s of doc.statements.filter(isAllow)) {
        if (grantsAction(s, "iam:PassRole") !== true) continue;
        const broad = s.notResource ? ["NotResource"] : (s.resource?.values ?? []).filter(coversAnyRole);
        for (const r of broad) {
            const on = r === "NotResource" ? "every role except those in NotResource" : `"${r}"`;
            out.push({
                message:
                    `${statementLabel(s)} allows iam:PassRole on ${on}: any role, including administrator roles, could be ` +
                    `passed to a service. ` +
                    "Name the roles that may be passed.",
                details: { ...at(s), resource: r },
            });
        }
    }
    return out;
}

export const passRoleRule: DocumentRule<BaseConfig> = {
    name: "iam-no-passrole-wildcard",
    description: 'iam:PassRole must be granted on named roles, never on "*" or every role.',
    enforcementLevel: "mandatory",
    ...NO_OPTIONS,
    check: onDocument(checkPassRole),
};

export const passRole = documentPolicy(passRoleRule);
