// Running the pack's rules in-process the way the policy server does, shared by the property and reliability specs.
import { strict as assert } from "node:assert";
import { DocumentKind, parsePolicyDocument } from "../../../policypack/iam";
import { checkDocuments, DOCUMENT_RULES, POLICIES } from "../../../policypack/rules";
import type { PolicyResource } from "../../../policypack/rules/policyApi";
import { Label, LabelledDocument, OVER_GRANTS } from "./documents";
import { GeneratedResource } from "./resources";

/** The secret access key the generators and the mocks use (AWS's documentation example). */
export const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

export interface Reported {
    policy: string;
    message: string;
    urn?: string;
}

/** Every resource policy of the pack on one resource, as the policy server calls them (default configuration). */
export async function validateResource(r: GeneratedResource, config: Record<string, object> = {}): Promise<Reported[]> {
    const out: Reported[] = [];
    for (const p of POLICIES) {
        if (!("validateResource" in p)) continue;
        const getConfig = <T>() => (config[p.name] ?? {}) as T;
        await p.validateResource({ type: r.type, name: r.name, urn: r.urn, props: r.props, getConfig }, (message, urn) =>
            out.push({ policy: p.name, message, urn }),
        );
    }
    return out;
}

/** The same resources as the policy server hands them to a stack policy: parents and dependencies as objects. */
export function policyResources(rs: GeneratedResource[]): PolicyResource[] {
    const out = rs.map(
        (r) =>
            ({
                type: r.type,
                props: r.props,
                urn: r.urn,
                name: r.name,
                opts: { parent: r.parent },
                dependencies: [],
                propertyDependencies: {},
            }) as PolicyResource,
    );
    const byUrn = new Map(out.map((r) => [r.urn, r]));
    rs.forEach((r, i) => {
        out[i].parent = r.parent ? byUrn.get(r.parent) : undefined;
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {}))
            out[i].propertyDependencies[k] = urns.flatMap((u) => byUrn.get(u) ?? []);
        out[i].dependencies = Object.values(out[i].propertyDependencies).flat();
    });
    return out;
}

export async function validateStack(rs: GeneratedResource[]): Promise<Reported[]> {
    const out: Reported[] = [];
    for (const p of POLICIES) {
        if (!("validateStack" in p)) continue;
        await p.validateStack({ resources: policyResources(rs), getConfig: <T>() => ({}) as T }, (message, urn) =>
            out.push({ policy: p.name, message, urn }),
        );
    }
    return out;
}

/** What every report must be: a readable message that never shows an access key's secret. */
export function assertReadable(rs: Reported[]): void {
    for (const r of rs) {
        assert.equal(typeof r.message, "string");
        assert.ok(r.message.length > 0, `${r.policy}: empty message`);
        assert.ok(!r.message.includes("[object Object]"), `${r.policy}: ${r.message}`);
        assert.ok(!r.message.includes(SECRET), `${r.policy} shows the secret: ${r.message}`);
    }
}

// ---- soundness ----------------------------------------------------------------------------------------------

/** The rule that must refuse each over-grant (others may refuse it too). */
export const OWNER: Record<Label, string | undefined> = {
    clean: undefined,
    deny: undefined,
    "wildcard-action": "iam-no-wildcard-actions",
    "not-action": "iam-no-allow-not-action",
    "not-resource": "iam-no-allow-not-action",
    "broad-resource": "iam-no-wildcard-resources",
};

const MANDATORY = DOCUMENT_RULES.filter((r) => r.enforcementLevel === "mandatory");

/** iam-service-linked-role-scoped owns iam:CreateServiceLinkedRole on any resource; iam-no-wildcard-resources defers. */
function ownerOf(label: Label, statement: unknown): string | undefined {
    const actions = [(statement as { Action?: unknown } | undefined)?.Action ?? []].flat();
    const slr = actions.some((a) => typeof a === "string" && a.toLowerCase() === "iam:createservicelinkedrole");
    return label === "broad-resource" && slr ? "iam-service-linked-role-scoped" : OWNER[label];
}

export interface Verdict {
    /** Rule names of mandatory findings, by statement index; -1 for findings about the whole document. */
    byStatement: Map<number, Set<string>>;
    refused: boolean;
}

/** Every mandatory document rule over one document, in-process. */
export async function mandatoryVerdict(raw: unknown, kind: DocumentKind): Promise<Verdict> {
    const source = { path: "policy", kind, parsed: parsePolicyDocument(raw) };
    const byStatement = new Map<number, Set<string>>();
    for (const rule of MANDATORY) {
        for (const f of await checkDocuments(rule, [source], rule.defaults)) {
            const i = typeof f.details?.statement === "number" ? f.details.statement : -1;
            if (!byStatement.has(i)) byStatement.set(i, new Set());
            byStatement.get(i)!.add(rule.name);
        }
    }
    return { byStatement, refused: byStatement.size > 0 };
}

/** Throws unless the verdict is exactly what the labels call for. */
export function assertSound(d: LabelledDocument, v: Verdict): void {
    const doc = typeof d.raw === "string" ? d.raw : JSON.stringify(d.raw);
    assert.ok(!v.byStatement.has(-1), `refused as a whole: ${[...(v.byStatement.get(-1) ?? [])]} ${doc}`);
    const statements = [(JSON.parse(doc) as { Statement?: unknown }).Statement ?? []].flat();
    d.labels.forEach((label, i) => {
        const rules = v.byStatement.get(i) ?? new Set<string>();
        const owner = ownerOf(label, statements[i]);
        if (owner)
            assert.ok(
                rules.has(owner),
                `Statement[${i}] (${label}) not refused by ${owner} (got: ${[...rules].join(", ") || "nothing"}) in ${doc}`,
            );
        else assert.equal(rules.size, 0, `Statement[${i}] (${label}) refused by ${[...rules].join(", ")} in ${doc}`);
    });
    assert.equal(
        v.refused,
        d.labels.some((l) => OVER_GRANTS.includes(l)),
        doc,
    );
}
