// A DynamoDB table's or stream's resource policy that allows Principal "*" opens it to every AWS account unless a
// condition pins the caller down. DynamoDB's block public access refuses it when put (Developer Guide, rbac-bpa-rbp),
// so `pulumi up` would fail; the pack says so at preview, with the condition keys that page trusts.

import { PolicyDocument } from "../iam/document";
import { CALLER_KEYS } from "../iam/principals";
import { withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";
import { PublicResourcePolicyConfig, publicStatements, RESTRICTING_SCHEMA } from "./publicResourcePolicy";

export const DYNAMODB_PUBLIC_RESOURCE_POLICY_DEFAULTS: PublicResourcePolicyConfig = {
    exemptResources: [],
    // The "trusted condition keys" of DynamoDB's block public access, in the page's order.
    restrictingConditionKeys: [
        ...CALLER_KEYS,
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:UserId",
        "aws:PrincipalServiceName",
        "aws:PrincipalServiceNamesList",
        "aws:PrincipalIsAWSService",
        "aws:Ec2InstanceSourceVpc",
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
    ],
};

export function checkDynamodbPublicResourcePolicy(
    doc: PolicyDocument,
    config: Partial<PublicResourcePolicyConfig> = {},
): Finding[] {
    const keys = withDefaults(DYNAMODB_PUBLIC_RESOURCE_POLICY_DEFAULTS, config).restrictingConditionKeys;
    return publicStatements(doc, keys, "the table or stream (DynamoDB refuses the policy when it is put)");
}

export const dynamodbPublicResourcePolicyRule: DocumentRule<PublicResourcePolicyConfig> = {
    name: "dynamodb-resource-policy-not-public",
    description:
        'DynamoDB resource policies (aws.dynamodb.ResourcePolicy) must not allow Principal "*" without a condition ' +
        "restricting the caller: DynamoDB's block public access refuses them.",
    enforcementLevel: "mandatory",
    configSchema: RESTRICTING_SCHEMA,
    defaults: DYNAMODB_PUBLIC_RESOURCE_POLICY_DEFAULTS,
    check: onDocument(checkDynamodbPublicResourcePolicy),
    kinds: ["dynamodb-resource"],
};

export const dynamodbPublicResourcePolicy = documentPolicy(dynamodbPublicResourcePolicyRule);
