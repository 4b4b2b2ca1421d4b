// `npm run lint:policy -- [--kind KIND] [--json] FILE.json...`: the policy pack's document rules on IAM policy
// JSON files. Prints the violations per file; exit 1 on a mandatory violation, else 2 on a usage error or a document
// whose kind it cannot tell.

import { readFileSync } from "node:fs";
import { DOCUMENT_KINDS, DocumentKind, DocumentSource, parsePolicyDocument } from "../policypack/iam";
import { checkDocuments, DOCUMENT_RULES, EnforcementLevel } from "../policypack/rules";

export interface LintViolation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    details?: Record<string, unknown>;
}

export interface LintResult {
    file: string;
    kind: DocumentKind;
    violations: LintViolation[];
}

const KINDS = DOCUMENT_KINDS;

/**
 * Principals and only sts: actions make a trust policy, principals and Kinesis, DynamoDB or KMS actions a Kinesis or
 * DynamoDB resource policy or a key policy, no principals a managed policy. Another service's resource policy (an SQS
 * queue policy) is none of these: its `"Resource": "*"` means the queue itself, which the pack would call a wildcard.
 */
function guessKind(text: string): DocumentKind | { services: string[] } {
    const p = parsePolicyDocument(text);
    if (p.status !== "ok" || !p.document.statements.some((s) => s.principal || s.notPrincipal)) return "managed";
    const actions = p.document.statements.flatMap((s) => s.action?.values ?? []);
    if (actions.length > 0 && actions.every((a) => /^sts:/i.test(a))) return "trust";
    const services = new Set(actions.map((a) => a.split(":")[0].toLowerCase()).filter((x) => x !== "*" && x !== "sts"));
    if (services.size === 1 && services.has("dynamodb")) return "dynamodb-resource";
    if (services.size === 1 && services.has("kms")) return "kms-key";
    services.delete("kinesis");
    return services.size > 0 ? { services: [...services] } : "resource";
}

/** Why a document's kind cannot be guessed: the pack reads no resource policy of these services. */
export class UnknownKindError extends Error {}

export async function lintText(file: string, text: string, kind?: DocumentKind): Promise<LintResult> {
    const guess = kind ?? guessKind(text);
    if (typeof guess !== "string")
        throw new UnknownKindError(
            `${file}: a resource policy of ${guess.services.join(", ")} (it names principals); the pack reads only ` +
                "Kinesis and DynamoDB resource policies, KMS key policies and role trust policies, so it cannot judge " +
                "this one. Give --kind to read it as one of those anyway.",
        );
    const k = guess;
    const source: DocumentSource = { path: "", kind: k, parsed: parsePolicyDocument(text) };
    const violations: LintViolation[] = [];
    for (const rule of DOCUMENT_RULES) {
        for (const f of await checkDocuments(rule, [source], rule.defaults)) {
            violations.push({
                policy: rule.name,
                enforcementLevel: rule.enforcementLevel,
                message: f.message,
                ...(f.details ? { details: f.details } : {}),
            });
        }
    }
    return { file, kind: k, violations };
}

const USAGE = `usage: npm run lint:policy -- [--kind ${KINDS.join("|")}] [--json] FILE.json...`;

/** Runs the linter; returns the exit code. */
export async function main(
    argv: readonly string[],
    out: (s: string) => void = console.log,
    err: (s: string) => void = console.error,
): Promise<number> {
    const files: string[] = [];
    let kind: DocumentKind | undefined;
    let json = false;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--json") json = true;
        else if (a === "--kind" || a.startsWith("--kind=")) {
            const v = a === "--kind" ? argv[++i] : a.slice("--kind=".length);
            if (!KINDS.includes(v as DocumentKind)) {
                err(`unknown --kind ${JSON.stringify(v ?? "")}\n${USAGE}`);
                return 2;
            }
            kind = v as DocumentKind;
        } else if (a === "-h" || a === "--help") {
            out(USAGE);
            return 0;
        } else if (a.startsWith("-")) {
            err(`unknown option ${a}\n${USAGE}`);
            return 2;
        } else files.push(a);
    }
    if (files.length === 0) {
        err(USAGE);
        return 2;
    }
    const results: LintResult[] = [];
    let unread = false;
    for (const f of files) {
        let text: string;
        try {
            text = readFileSync(f, "utf8");
        } catch (e) {
            err(`cannot read ${f}: ${(e as Error).message}`);
            return 2;
        }
        try {
            results.push(await lintText(f, text, kind));
        } catch (e) {
            if (!(e instanceof UnknownKindError)) throw e;
            err(e.message);
            unread = true;
        }
    }
    if (json) out(JSON.stringify(results, null, 2));
    else {
        for (const r of results) {
            out(
                r.violations.length === 0
                    ? `${r.file}: ok`
                    : `${r.file}: ${r.violations.length} violation${r.violations.length === 1 ? "" : "s"}`,
            );
            for (const v of r.violations) out(`  [${v.enforcementLevel}] ${v.policy}: ${v.message}`);
        }
    }
    if (results.some((r) => r.violations.some((v) => v.enforcementLevel === "mandatory"))) return 1;
    return unread ? 2 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e) => {
            console.error(e);
            process.exitCode = 2;
        },
    );
}
