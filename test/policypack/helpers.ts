// Shared fixtures for the policy pack tests: the seed documents verbatim, and shortcuts to parse and check.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DocumentKind, DocumentSource, parsePolicyDocument, PolicyDocument } from "../../policypack/iam";
import { BaseConfig, checkDocuments, DocumentRule, Finding } from "../../policypack/rules";

export const FIXTURES = path.join(__dirname, "fixtures");
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

/** Seed 000's example policy, verbatim (it grants dynamodb:* on the lease table). */
export const SEED_000 = fixture("seed-000-stocktrade-policy.json");
/** Seed 003's three example policies, verbatim. */
export const SEED_003 = {
    enable: fixture("seed-003-enable.json"),
    disable: fixture("seed-003-disable.json"),
    musicOrders: fixture("seed-003-music-orders.json"),
};

/** A service trust policy as AWS's documentation writes it (an EC2 instance role): what a Role must have to pass. */
export const TRUST_EC2 = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

export const ACCOUNT = "123456789012";
export const STREAM = `arn:aws:kinesis:us-west-2:${ACCOUNT}:stream/StockTradeStream`;
export const TABLE = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/StockTradesProcessor`;

/** A well-formed document (throws otherwise: a test fixture must parse). */
export function doc(raw: unknown): PolicyDocument {
    const p = parsePolicyDocument(typeof raw === "string" ? raw : JSON.stringify(raw));
    if (p.status !== "ok") throw new Error(`fixture does not parse: ${JSON.stringify(p)}`);
    return p.document;
}

/** One Allow (or Deny) statement as a document. */
export function stmt(s: Record<string, unknown>): PolicyDocument {
    return doc({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...s }] });
}

export function source(raw: unknown, kind: DocumentKind = "managed", p = "policy"): DocumentSource {
    return { path: p, kind, parsed: parsePolicyDocument(raw) };
}

/** Rule name → details of its findings, for every rule given, over one document. Rules without findings are left out. */
export async function findingsByRule(
    rules: readonly DocumentRule<BaseConfig>[],
    raw: unknown,
    kind: DocumentKind = "managed",
): Promise<Record<string, Finding["details"][]>> {
    const out: Record<string, Finding["details"][]> = {};
    for (const r of rules) {
        const f = await checkDocuments(r, [source(raw, kind, "")], r.defaults);
        if (f.length > 0) out[r.name] = f.map((x) => x.details);
    }
    return out;
}

export const details = (fs: Finding[]) => fs.map((f) => f.details);
