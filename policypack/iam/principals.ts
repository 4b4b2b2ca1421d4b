// Principals and the conditions that confine who a principal can be: shared by the resource-policy and trust rules.

import { conditionEntries, Statement } from "./document";

/** Only positive, non-IfExists operators confine: `StringNotEquals` or `...IfExists` let callers without the key in. */
const CONFINING_OPERATOR =
    /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/;

/** The first of `keys` the statement's condition pins to values that are not all wildcards, if any. */
export function confiningKey(s: Statement, keys: readonly string[]): string | undefined {
    return keys.find((k) =>
        conditionEntries(s.condition, k).some(
            (e) => CONFINING_OPERATOR.test(e.operator) && e.values.length > 0 && e.values.every((v) => !/^[*?]*$/.test(v)),
        ),
    );
}

/** The AWS account an `AWS` principal belongs to ("123456789012", an IAM or STS ARN), or undefined for "*" and others. */
export function principalAccount(p: string): string | undefined {
    if (/^\d{12}$/.test(p)) return p;
    const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p);
    return m?.[1];
}
