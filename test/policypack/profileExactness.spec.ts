import { strict as assert } from "node:assert";
import { buildPolicyDocument, consumerGrants, consumerStreamProfiles, kclApplicationProfiles, producerGrants, producerProfiles } from "../../components/grants";
import { UNKNOWN } from "../../policypack/iam";
import { checkProfileExactness, StackResource } from "../../policypack/rules";
import { ACCOUNT, STREAM } from "./helpers";

// A stack shaped like the one StreamApplication registers (the contract: tags and parents), seed 000's scenario.
const P = "urn:pulumi:dev::kinesis-access::";
export const URN = {
    stack: `${P}pulumi:pulumi:Stack::kinesis-access-dev`,
    app: `${P}kinesis-access:index:StreamApplication::StockTradesProcessor`,
    user: `${P}kinesis-access:index:StreamApplication$aws:iam/user:User::StockTradesProcessor-user`,
    policy: `${P}kinesis-access:index:StreamApplication$aws:iam/policy:Policy::StockTradesProcessor-policy-1`,
    attachment: `${P}kinesis-access:index:StreamApplication$aws:iam/userPolicyAttachment:UserPolicyAttachment::StockTradesProcessor-attach-1`,
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
    ...consumerGrants([{ stream: { arn: STREAM }, enhancedFanOut: false }], { applicationName: "StockTradesProcessor", kcl: "1.x", leaseTables: "created-by-kcl" }),
]);
const APP_TAGS = { "kinesis-access:component": "StreamApplication" };

/** The component's resources; `policy` and `arns` let a test make the preview (unknown ARN) or alter the document. */
export function seedStack(opts: { policy?: unknown; arns?: boolean } = {}): StackResource[] {
    const arns = opts.arns ?? true;
    return [
        { urn: URN.stack, type: "pulumi:pulumi:Stack", name: "kinesis-access-dev", props: {} },
        { urn: URN.app, type: "kinesis-access:index:StreamApplication", name: "StockTradesProcessor", parent: URN.stack, props: {} },
        { urn: URN.user, type: "aws:iam/user:User", name: "StockTradesProcessor-user", parent: URN.app, props: { name: "StockTradeStreamUser", tags: APP_TAGS } },
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
        { urn: URN.key, type: "aws:iam/accessKey:AccessKey", name: "StockTradesProcessor-key", parent: URN.app, props: { user: "StockTradeStreamUser" } },
    ];
}

const kinds = async (rs: StackResource[]) => (await checkProfileExactness(rs)).map((f) => [f.urn, f.details]);

describe("policypack rule kinesis-access-profile-exactness", () => {
    it("passes the component's own grants, at update and at preview (ARNs unknown)", async () => {
        assert.deepEqual(await checkProfileExactness(seedStack()), []);
        assert.deepEqual(await checkProfileExactness(seedStack({ arns: false })), []);
    });

    it("refuses a grant to the component's user from outside the component", async () => {
        const outside: StackResource = {
            urn: `${P}aws:iam/userPolicyAttachment:UserPolicyAttachment::extra`,
            type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            name: "extra",
            parent: URN.stack,
            props: { user: "StockTradeStreamUser", policyArn: "arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess" },
        };
        assert.deepEqual(await kinds([...seedStack(), outside]), [[outside.urn, { kind: "outside-grant", identity: URN.user }]]);
    });

    it("finds the identity through property dependencies when its name is not known yet", async () => {
        const outside: StackResource = {
            urn: `${P}aws:iam/userPolicy:UserPolicy::inline`,
            type: "aws:iam/userPolicy:UserPolicy",
            name: "inline",
            parent: URN.stack,
            props: { user: UNKNOWN, policy: UNKNOWN },
            propertyDependencies: { user: [URN.user] },
        };
        assert.deepEqual(await kinds([...seedStack(), outside]), [[outside.urn, { kind: "outside-grant", identity: URN.user }]]);
        // Without dependencies an unknown name cannot be resolved: nothing is reported at preview.
        assert.deepEqual(await kinds([...seedStack(), { ...outside, propertyDependencies: {} }]), []);
    });

    it("refuses group memberships and inline policies, even inside the component", async () => {
        const membership: StackResource = {
            urn: `${P}kinesis-access:index:StreamApplication$aws:iam/userGroupMembership:UserGroupMembership::m`,
            type: "aws:iam/userGroupMembership:UserGroupMembership",
            name: "m",
            parent: URN.app,
            props: { user: "StockTradeStreamUser", groups: ["admins"] },
        };
        assert.deepEqual(await kinds([...seedStack(), membership]), [[membership.urn, { kind: "unverifiable-grant", identity: URN.user }]]);
    });

    it("refuses attaching, inside the component, a policy the component did not create", async () => {
        const stack = seedStack();
        const attach = stack.find((r) => r.urn === URN.attachment)!;
        attach.props = { ...attach.props, policyArn: "arn:aws:iam::aws:policy/AmazonKinesisFullAccess" };
        attach.propertyDependencies = { user: [URN.user] };
        assert.deepEqual(await kinds(stack), [[URN.attachment, { kind: "foreign-policy", identity: URN.user, policyArn: "arn:aws:iam::aws:policy/AmazonKinesisFullAccess" }]]);
    });

    it("refuses a role's managed policy ARNs that are not the component's", async () => {
        const role: StackResource = {
            urn: `${P}kinesis-access:index:StreamApplication$aws:iam/role:Role::r`,
            type: "aws:iam/role:Role",
            name: "r",
            parent: URN.app,
            props: { name: "app-role", tags: APP_TAGS, managedPolicyArns: [POLICY_ARN, `arn:aws:iam::${ACCOUNT}:policy/other`] },
        };
        assert.deepEqual(await kinds([...seedStack(), role]), [[role.urn, { kind: "foreign-policy", identity: role.urn, policyArn: `arn:aws:iam::${ACCOUNT}:policy/other` }]]);
    });

    it("refuses a profile-tagged policy that allows more than its profiles", async () => {
        const extra = { ...SEED_DOCUMENT, Statement: [...SEED_DOCUMENT.Statement, { Sid: "Extra", Effect: "Allow", Action: ["kinesis:DeleteStream", "dynamodb:Get*"], Resource: ["*"] }] };
        assert.deepEqual(await kinds(seedStack({ policy: JSON.stringify(extra) })), [
            [URN.policy, { kind: "beyond-profiles", profiles: SEED_PROFILES, actions: ["dynamodb:GetAbacStatus", "dynamodb:GetRecords", "dynamodb:GetResourcePolicy", "dynamodb:GetShardIterator", "kinesis:DeleteStream"] }],
        ]);
        // A Deny beyond the profiles only takes access away.
        const deny = { ...SEED_DOCUMENT, Statement: [...SEED_DOCUMENT.Statement, { Sid: "D", Effect: "Deny", Action: ["kinesis:DeleteStream"], Resource: ["*"] }] };
        assert.deepEqual(await kinds(seedStack({ policy: JSON.stringify(deny) })), []);
    });

    it("refuses unknown profile names and component policies without a profiles tag", async () => {
        const stack = seedStack();
        const policy = stack.find((r) => r.urn === URN.policy)!;
        policy.props = { ...policy.props, tags: { ...APP_TAGS, "kinesis-access:profiles": "kinesis-producer kinesis-superuser" } };
        assert.deepEqual(await kinds(stack), [[URN.policy, { kind: "unknown-profile", profiles: ["kinesis-superuser"] }]]);
        policy.props = { ...policy.props, tags: APP_TAGS };
        assert.deepEqual(await kinds(stack), [[URN.policy, { kind: "missing-profiles-tag" }]]);
    });

    it("honours extraActions and skips unknown documents", async () => {
        const extra = { ...SEED_DOCUMENT, Statement: [...SEED_DOCUMENT.Statement, { Sid: "X", Effect: "Allow", Action: ["kinesis:ListShards"], Resource: [STREAM] }] };
        assert.deepEqual(await checkProfileExactness(seedStack({ policy: JSON.stringify(extra) }), { extraActions: ["kinesis:ListShards"] }), []);
        assert.deepEqual(await checkProfileExactness(seedStack({ policy: UNKNOWN })), []);
    });

    it("leaves identities the components did not create alone", async () => {
        const other: StackResource[] = [
            { urn: `${P}aws:iam/user:User::ops`, type: "aws:iam/user:User", name: "ops", props: { name: "ops" }, parent: URN.stack },
            { urn: `${P}aws:iam/userPolicyAttachment:UserPolicyAttachment::ops`, type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", name: "ops", parent: URN.stack, props: { user: "ops", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
        ];
        assert.deepEqual(await checkProfileExactness([...seedStack(), ...other]), []);
    });
});
