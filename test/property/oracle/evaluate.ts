// "Could this document grant action A on resource R?", answered twice: by the pack's own reading of IAM documents
// (parsePolicyDocument, grantsAction, resourceMatches: what its rules use), and by @cloud-copilot/iam-simulate, an
// IAM evaluator this project did not write. iam-simulate is AGPL: a dev dependency, used from test/ only.
//
// Both answer in Discovery terms: the pack does not evaluate conditions (its rules ask what a statement could
// grant), so a conditional Allow counts as granting and a conditional Deny as possibly not applying. iam-simulate's
// Discovery mode has exactly these semantics (it reports the conditions it set aside).
import * as path from "node:path";
import { isWildcardOnlyAction, runSimulation } from "@cloud-copilot/iam-simulate";
import { parsePolicyDocument, resourceMatches, Statement } from "../../../policypack/iam";
import { grantsAction } from "../../../policypack/rules";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** Does the statement's Resource/NotResource element take in the resource? */
export function coversResource(s: Statement, resource: string): boolean {
    if (s.resource) return s.resource.values.some((p) => resourceMatches(p, resource));
    if (s.notResource) return !s.notResource.values.some((p) => resourceMatches(p, resource));
    return false;
}

/** The pack's answer. Throws when the pack cannot read the document (the generators only make readable ones). */
export function packDecision(raw: unknown, action: string, resource: string): Decision {
    const p = parsePolicyDocument(raw);
    if (p.status !== "ok" || p.document.errors.length > 0)
        throw new Error(`the pack cannot read the document: ${JSON.stringify(p)}`);
    let allowed = false;
    for (const s of p.document.statements) {
        if (grantsAction(s, action) !== true || !coversResource(s, resource)) continue;
        if (s.effect === "Allow") allowed = true;
        else if (s.effect === "Deny" && Object.keys(s.condition).length === 0) return "ExplicitlyDenied";
    }
    return allowed ? "Allowed" : "ImplicitlyDenied";
}

/** The account an ARN belongs to (its fifth field), or the default account for "*" and account-less ARNs. */
export function accountOf(resource: string): string {
    return /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(resource)?.[1] ?? "123456789012";
}

/** Per statement (by position): does its Action/NotAction take in the action, its Resource/NotResource the resource? */
export interface StatementMatch {
    actionMatch: boolean;
    resourceMatch: boolean;
}

/** The pack's per-statement answers, by position in the Statement list. */
export function packStatements(raw: unknown, action: string, resource: string): StatementMatch[] {
    const p = parsePolicyDocument(raw);
    if (p.status !== "ok") throw new Error(`the pack cannot read the document: ${JSON.stringify(p)}`);
    const out: StatementMatch[] = [];
    for (const s of p.document.statements)
        out[s.index] = { actionMatch: grantsAction(s, action) === true, resourceMatch: coversResource(s, resource) };
    return out;
}

/** `statements` by position; a statement the evaluator did not get to (after an explicit Deny) is missing. */
export type OracleResult = { decision: Decision; statements: (StatementMatch | undefined)[] } | { error: string };

/**
 * iam-simulate's answer for the identity policy `document`, asked by a user of the resource's account (so no
 * resource policy is needed), in Discovery mode. KMS keys only trust IAM through their key policy: the request
 * gets the default key policy, which delegates to IAM.
 */
export async function oracleDecision(document: unknown, action: string, resource: string): Promise<OracleResult> {
    const account = accountOf(resource);
    const kms = /^arn:[^:]*:kms:/.test(resource);
    const r = await runSimulation(
        {
            identityPolicies: [{ name: "generated", policy: document as never }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: kms ? defaultKeyPolicy(account) : undefined,
            request: {
                action,
                principal: `arn:aws:iam::${account}:user/generated`,
                resource: { resource, accountId: account },
                contextVariables: {},
            },
        },
        { simulationMode: "Discovery" },
    );
    if (r.resultType === "error") return { error: JSON.stringify(r.errors) };
    if (r.resultType !== "single") return { error: `unexpected result type ${r.resultType}` };
    return { decision: r.overallResult as Decision, statements: statementsOf(r.result.analysis as never) };
}

const defaultKeyPolicy = (account: string) => ({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "DefaultKeyPolicy",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${account}:root` },
            Action: "kms:*",
            Resource: "*",
        },
    ],
});

function statementsOf(analysis: {
    identityAnalysis?: {
        allowStatements: AnalysedStatement[];
        denyStatements: AnalysedStatement[];
        unmatchedStatements: AnalysedStatement[];
    };
}) {
    const statements: (StatementMatch | undefined)[] = [];
    const ia = analysis.identityAnalysis;
    for (const x of [...(ia?.allowStatements ?? []), ...(ia?.denyStatements ?? []), ...(ia?.unmatchedStatements ?? [])]) {
        // iam-policy's statements number from 1.
        statements[x.statement.index() - 1] = { actionMatch: x.actionMatch, resourceMatch: x.resourceMatch };
    }
    return statements;
}

interface AnalysedStatement {
    statement: { index(): number };
    actionMatch: boolean;
    resourceMatch: boolean;
}

// iam-simulate's evaluation engine, called directly: runSimulation validates the documents and the request on
// every call, which costs four times the evaluation itself, too much for 10,000 runs in every `npm test`. The
// property calls runSimulation as well on a share of its runs and requires the same answer, so a change inside
// the package shows up as a failure, never as silent drift. (Internal paths: the package exports only its root.)
const SIMULATE = path.dirname(require.resolve("@cloud-copilot/iam-simulate"));
/* eslint-disable @typescript-eslint/no-require-imports */
const engine = require(path.join(SIMULATE, "core_engine/CoreSimulatorEngine.js")) as {
    authorize(request: unknown): { result: Decision } & Parameters<typeof statementsOf>[0];
};
const { DiscoveryContextKeyConstraints } = require(path.join(SIMULATE, "context_keys/discoveryContextKeyConstraints.js")) as {
    DiscoveryContextKeyConstraints: new (c: unknown[]) => unknown;
};
const { AwsRequestImpl } = require(path.join(SIMULATE, "request/request.js")) as {
    AwsRequestImpl: new (...args: unknown[]) => unknown;
};
const { RequestContextImpl } = require(path.join(SIMULATE, "requestContext.js")) as {
    RequestContextImpl: new (ctx: unknown) => unknown;
};
// iam-simulate's own copy of its policy parser (a dependency of it, not of this package).
const { loadPolicy } = require(require.resolve("@cloud-copilot/iam-policy", { paths: [SIMULATE] })) as {
    loadPolicy(p: unknown, meta?: unknown): unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const wildcardOnly = new Map<string, boolean>();

/** Which actions take only "*": asked once per action (the engine needs to know, runSimulation finds out itself). */
export async function prepareEngine(actions: readonly string[]): Promise<void> {
    for (const a of actions) {
        const [service, name] = a.split(":");
        wildcardOnly.set(a, await isWildcardOnlyAction(service, name));
    }
}

/** The same answer as oracleDecision, from the engine alone (no validation, synchronous). */
export function oracleEngine(
    document: unknown,
    action: string,
    resource: string,
): { decision: Decision; statements: (StatementMatch | undefined)[] } {
    const only = wildcardOnly.get(action);
    if (only === undefined) throw new Error(`prepareEngine() did not see ${action}`);
    const account = accountOf(resource);
    const kms = /^arn:[^:]*:kms:/.test(resource);
    const analysis = engine.authorize({
        request: new AwsRequestImpl(
            `arn:aws:iam::${account}:user/generated`,
            { resource, accountId: account },
            action,
            new RequestContextImpl({}),
            only,
        ),
        sessionPolicy: undefined,
        identityPolicies: [loadPolicy(document, { name: "generated" })],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: kms ? loadPolicy(defaultKeyPolicy(account), { name: "key-policy" }) : undefined,
        permissionBoundaries: undefined,
        vpcEndpointPolicies: undefined,
        simulationParameters: {
            simulationMode: "Discovery",
            discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]),
        },
        serviceSettings: { s3: {} },
    });
    return { decision: analysis.result, statements: statementsOf(analysis) };
}
