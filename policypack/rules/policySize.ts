// IAM refuses documents over its size limits at deploy time; catching it at preview saves a failed update.

import { POLICY_SIZE_LIMITS } from "../../components/grants/document";
import { sizeAtMost } from "../iam/document";
import { DocumentKind, DocumentSource, TYPES } from "../iam/sources";
import { Props } from "../iam/values";
import { BaseConfig, schema, withDefaults } from "./config";
import { checkDocumentsNow, documentsOf, DocumentRule, Finding, resourcePolicy } from "./common";

export interface PolicySizeConfig extends BaseConfig {
    /** Overrides of the limits in characters (white space not counted). Default: IAM's, POLICY_SIZE_LIMITS. */
    managed: number;
    inlineUser: number;
    inlineRole: number;
    inlineGroup: number;
}

export const POLICY_SIZE_DEFAULTS: PolicySizeConfig = { exemptResources: [], ...POLICY_SIZE_LIMITS };

const LIMIT_OF: Record<DocumentKind, keyof typeof POLICY_SIZE_LIMITS | undefined> = {
    managed: "managed",
    "inline-user": "inlineUser",
    "inline-role": "inlineRole",
    "inline-group": "inlineGroup",
    // Kinesis and DynamoDB resource policies: 20 KB (DynamoDB counts white space), far above anything written here.
    resource: undefined,
    "dynamodb-resource": undefined,
    // Key policies: 32 KB.
    "kms-key": undefined,
    // Trust policies: 2,048 by default, raised by quota; not generated here.
    trust: undefined,
};

/** One document against the limit of its kind (`config` complete: the linter's and checkPolicySize's). */
export function checkDocumentSize(source: DocumentSource, config: PolicySizeConfig): Finding[] {
    const limitKey = LIMIT_OF[source.kind];
    if (!limitKey || source.parsed.status !== "ok") return [];
    const limit = config[limitKey];
    if (sizeAtMost(source.parsed.document, limit)) return [];
    const size = source.parsed.document.size;
    const message =
        `the ${source.kind} policy document is ${size} characters (white space not counted); IAM allows ${limit}. ` +
        "Split it into several managed policies.";
    return [{ message, details: { size, limit, kind: source.kind } }];
}

/** All documents of a resource, plus the role-wide total of `Role.inlinePolicies` (IAM limits the sum). */
export function checkPolicySize(type: string, props: Props, config: Partial<PolicySizeConfig> = {}): Finding[] {
    const c = withDefaults(POLICY_SIZE_DEFAULTS, config);
    const sources = documentsOf(type, props);
    // Sizes need no catalogue, and the check is synchronous: never undefined.
    const out = checkDocumentsNow(policySizeRule, sources, c)!;
    if (type === TYPES.role) {
        const inline = sources.filter((s) => s.kind === "inline-role");
        const total = () => inline.reduce((n, s) => n + (s.parsed.status === "ok" ? s.parsed.document.size : 0), 0);
        if (inline.length > 1 && total() > c.inlineRole) {
            out.push({
                message:
                    `the role's inline policies total ${total()} characters (white space not counted); IAM allows ` +
                    `${c.inlineRole} per role.`,
                details: { size: total(), limit: c.inlineRole, kind: "inline-role-total" },
            });
        }
    }
    return out;
}

/** The rule over one document, as the linter runs it; the pack runs it per resource (policySize, below). */
export const policySizeRule: DocumentRule<PolicySizeConfig> = {
    name: "iam-policy-size",
    description:
        "IAM policy documents must fit IAM's size limits (managed 6,144; inline user 2,048, role 10,240, group 5,120 " +
        "characters).",
    enforcementLevel: "advisory",
    configSchema: schema({
        managed: { type: "integer", minimum: 1 },
        inlineUser: { type: "integer", minimum: 1 },
        inlineRole: { type: "integer", minimum: 1 },
        inlineGroup: { type: "integer", minimum: 1 },
    }),
    defaults: POLICY_SIZE_DEFAULTS,
    // An attached AWS managed policy is within AWS's limits by construction.
    attached: false,
    check: (source, config) => checkDocumentSize(source, config),
};

export const policySize = resourcePolicy({
    ...policySizeRule,
    types: [TYPES.policy, TYPES.rolePolicy, TYPES.userPolicy, TYPES.groupPolicy, TYPES.role],
    check: checkPolicySize,
    documentRule: policySizeRule,
});
