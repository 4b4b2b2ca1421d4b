// cloudwatch:PutMetricData takes Resource "*" (no required resource type); the cloudwatch:namespace condition is
// the only way to keep a workload from writing into other applications' metrics.

import { conditionEntries, statementLabel } from "../iam/document";
import type { PolicyDocument } from "../iam/document";
import { at, grantsAction, isAllow } from "./statements";
import { BaseConfig, NO_OPTIONS } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";

export function checkPutMetricDataNamespace(doc: PolicyDocument): Finding[] {
    const out: Finding[] = [];
    for (const s of doc.statements) {
        if (!isAllow(s) || grantsAction(s, "cloudwatch:PutMetricData") !== true || s.conditionUnknown) continue;
        if (conditionEntries(s.condition, "cloudwatch:namespace").some((e) => e.values.length > 0)) continue;
        out.push({
            message:
                `${statementLabel(s)} allows cloudwatch:PutMetricData without a "cloudwatch:namespace" condition: the holder ` +
                `can publish into any namespace. ` +
                'Add {"StringEquals": {"cloudwatch:namespace": "<application name>"}}.',
            details: { ...at(s) },
        });
    }
    return out;
}

export const putMetricDataNamespaceRule: DocumentRule<BaseConfig> = {
    name: "cloudwatch-putmetricdata-namespace",
    description:
        "cloudwatch:PutMetricData should be limited to the application's namespace with the cloudwatch:namespace condition.",
    enforcementLevel: "advisory",
    ...NO_OPTIONS,
    check: onDocument(checkPutMetricDataNamespace),
};

export const putMetricDataNamespace = documentPolicy(putMetricDataNamespaceRule);
