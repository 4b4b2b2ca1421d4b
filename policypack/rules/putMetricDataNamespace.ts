// cloudwatch:PutMetricData takes Resource "*" (no required resource type); the cloudwatch:namespace condition is
// the only way to keep a workload from writing into other applications' metrics.

import { conditionEntries, PolicyDocument, statementLabel } from "../iam";
import { at, BaseConfig, documentPolicy, DocumentRule, Finding, grantsAction, isAllow, onDocument, schema, withDefaults } from "./common";

export type PutMetricDataConfig = BaseConfig;

export const PUT_METRIC_DATA_DEFAULTS: PutMetricDataConfig = { exemptResources: [] };

export function checkPutMetricDataNamespace(doc: PolicyDocument, config: Partial<PutMetricDataConfig> = {}): Finding[] {
    withDefaults(PUT_METRIC_DATA_DEFAULTS, config);
    const out: Finding[] = [];
    for (const s of doc.statements.filter(isAllow)) {
        if (grantsAction(s, "cloudwatch:PutMetricData") !== true || s.conditionUnknown) continue;
        if (conditionEntries(s.condition, "cloudwatch:namespace").some((e) => e.values.length > 0)) continue;
        out.push({
            message: `${statementLabel(s)} allows cloudwatch:PutMetricData without a "cloudwatch:namespace" condition: the holder can publish into any namespace. Add {"StringEquals": {"cloudwatch:namespace": "<application name>"}}.`,
            details: { ...at(s) },
        });
    }
    return out;
}

export const putMetricDataRule: DocumentRule<PutMetricDataConfig> = {
    name: "cloudwatch-putmetricdata-namespace",
    description: "cloudwatch:PutMetricData should be limited to the application's namespace with the cloudwatch:namespace condition.",
    enforcementLevel: "advisory",
    configSchema: schema({}),
    defaults: PUT_METRIC_DATA_DEFAULTS,
    check: onDocument(checkPutMetricDataNamespace),
};

export const putMetricDataNamespace = documentPolicy(putMetricDataRule);
