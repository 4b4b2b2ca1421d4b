// A stack shaped like the one StreamApplication registers (the contract with components/*.ts: tags and parents).
import {
    buildPolicyDocument,
    consumerGrants,
    consumerStreamProfiles,
    kclApplicationProfiles,
    producerGrants,
    producerProfiles,
} from "../../components/grants";
import { UNKNOWN } from "../../policypack/iam";
import { StackResource } from "../../policypack/rules";
import { ACCOUNT, STREAM } from "./helpers";

// Seed 000's scenario.
export const P = "urn:pulumi:dev::kinesis-access::";
export const URN = {
    stack: `${P}pulumi:pulumi:Stack::kinesis-access-dev`,
    app: `${P}kinesis-access:index:StreamApplication::StockTradesProcessor`,
    user: `${P}kinesis-access:index:StreamApplication$aws:iam/user:User::StockTradesProcessor-user`,
    policy: `${P}kinesis-access:index:StreamApplication$aws:iam/policy:Policy::StockTradesProcessor-policy-1`,
    attachment:
        `${P}kinesis-access:index:StreamApplication$aws:iam/userPolicyAttachment:UserPolicyAttachment::` +
        `StockTradesProcessor-attach-1`,
    key: `${P}kinesis-access:index:StreamApplication$aws:iam/accessKey:AccessKey::StockTradesProcessor-key`,
};
export const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/StockTradesProcessor-policy-1`;
export const SEED_PROFILES = [
    ...producerProfiles(),
    ...consumerStreamProfiles({ kcl: "1.x", enhancedFanOut: false }),
    ...kclApplicationProfiles({ kcl: "1.x", leaseTables: "created-by-kcl" }),
].map((p) => p.name);
export const SEED_DOCUMENT = buildPolicyDocument([
    ...producerGrants({ arn: STREAM }),
    ...consumerGrants([{ stream: { arn: STREAM }, enhancedFanOut: false }], {
        applicationName: "StockTradesProcessor",
        kcl: "1.x",
        leaseTables: "created-by-kcl",
    }),
]);
export const APP_TAGS = { "kinesis-access:component": "StreamApplication" };

/** The component's resources; `policy` and `arns` let a test make the preview (unknown ARN) or alter the document. */
export function seedStack(opts: { policy?: unknown; arns?: boolean } = {}): StackResource[] {
    const arns = opts.arns ?? true;
    return [
        { urn: URN.stack, type: "pulumi:pulumi:Stack", name: "kinesis-access-dev", props: {} },
        {
            urn: URN.app,
            type: "kinesis-access:index:StreamApplication",
            name: "StockTradesProcessor",
            parent: URN.stack,
            props: {},
        },
        {
            urn: URN.user,
            type: "aws:iam/user:User",
            name: "StockTradesProcessor-user",
            parent: URN.app,
            props: { name: "StockTradeStreamUser", tags: APP_TAGS },
        },
        {
            urn: URN.policy,
            type: "aws:iam/policy:Policy",
            name: "StockTradesProcessor-policy-1",
            parent: URN.app,
            props: {
                name: "StockTradesProcessor-policy-1",
                policy: opts.policy ?? JSON.stringify(SEED_DOCUMENT),
                tags: { ...APP_TAGS, "kinesis-access:profiles": SEED_PROFILES.join(" ") },
                ...(arns ? { arn: POLICY_ARN } : {}),
            },
        },
        {
            urn: URN.attachment,
            type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            name: "StockTradesProcessor-attach-1",
            parent: URN.app,
            props: { user: "StockTradeStreamUser", policyArn: arns ? POLICY_ARN : UNKNOWN },
            propertyDependencies: { user: [URN.user], policyArn: [URN.policy] },
        },
        {
            urn: URN.key,
            type: "aws:iam/accessKey:AccessKey",
            name: "StockTradesProcessor-key",
            parent: URN.app,
            props: { user: "StockTradeStreamUser" },
        },
    ];
}
