// A KMS key policy that allows Principal "*" lets every identity of every AWS account use the key (AWS KMS Developer
// Guide, determining-access-key-policy) unless a condition pins the caller down: kms:CallerAccount, an account, an
// organization. kms:ViaService alone does not: another account can call the same service with the key.

import { PolicyDocument } from "../iam/document";
import { CALLER_KEYS } from "../iam/principals";
import { withDefaults } from "./config";
import { documentPolicy, DocumentRule, Finding, onDocument } from "./common";
import { PublicResourcePolicyConfig, publicStatements, RESTRICTING_SCHEMA } from "./publicResourcePolicy";

export const KMS_KEY_POLICY_NOT_PUBLIC_DEFAULTS: PublicResourcePolicyConfig = {
    exemptResources: [],
    restrictingConditionKeys: [
        ...CALLER_KEYS,
        "kms:CallerAccount",
        "aws:SourceOrgID",
        "aws:SourceOrgPaths",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:userid",
    ],
};

export function checkKmsKeyPolicyNotPublic(doc: PolicyDocument, config: Partial<PublicResourcePolicyConfig> = {}): Finding[] {
    const keys = withDefaults(KMS_KEY_POLICY_NOT_PUBLIC_DEFAULTS, config).restrictingConditionKeys;
    return publicStatements(doc, keys, "the key");
}

export const kmsKeyPolicyNotPublicRule: DocumentRule<PublicResourcePolicyConfig> = {
    name: "kms-key-policy-not-public",
    description:
        "KMS key policies (aws.kms.Key, KeyPolicy, ExternalKey, ReplicaKey, ReplicaExternalKey) must not allow " +
        'Principal "*" without a condition restricting the caller (kms:CallerAccount, aws:PrincipalOrgID, ...; ' +
        "kms:ViaService alone does not).",
    enforcementLevel: "mandatory",
    configSchema: RESTRICTING_SCHEMA,
    defaults: KMS_KEY_POLICY_NOT_PUBLIC_DEFAULTS,
    check: onDocument(checkKmsKeyPolicyNotPublic),
    kinds: ["kms-key"],
};

export const kmsKeyPolicyNotPublic = documentPolicy(kmsKeyPolicyNotPublicRule);
