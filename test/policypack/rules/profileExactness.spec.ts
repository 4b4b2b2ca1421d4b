import { strict as assert } from "node:assert";
import { UNKNOWN } from "../../../policypack/iam";
import { checkProfileExactness, profileExactness, StackResource } from "../../../policypack/rules";
import type { PolicyResource } from "../../../policypack/rules/policyApi";
import { EXTRA_POLICIES_TAG, PROFILES } from "../../../components/grants";
import { ACCOUNT, STREAM } from "../helpers";
import { APP_TAGS, P, POLICY_ARN, SEED_DOCUMENT, SEED_PROFILES, seedStack, URN } from "../stack";
import { reportedStack } from "./exempt";

const kinds = async (rs: StackResource[]) => (await checkProfileExactness(rs)).map((f) => [f.urn, f.details]);

describe("kinesis-access-profile-exactness", () => {
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
        assert.deepEqual(await kinds([...seedStack(), membership]), [
            [membership.urn, { kind: "unverifiable-grant", identity: URN.user }],
        ]);
    });

    it("refuses attaching, inside the component, a policy the component did not create", async () => {
        const stack = seedStack();
        const attach = stack.find((r) => r.urn === URN.attachment)!;
        attach.props = { ...attach.props, policyArn: "arn:aws:iam::aws:policy/AmazonKinesisFullAccess" };
        attach.propertyDependencies = { user: [URN.user] };
        assert.deepEqual(await kinds(stack), [
            [
                URN.attachment,
                { kind: "foreign-policy", identity: URN.user, policyArn: "arn:aws:iam::aws:policy/AmazonKinesisFullAccess" },
            ],
        ]);
    });

    it("accepts, inside the component, an extra managed policy its identity declares (managedPolicyArns); no other", async () => {
        const extra = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        const stack = seedStack();
        const user = stack.find((r) => r.urn === URN.user)!;
        user.props = { ...user.props, tags: { ...(user.props.tags as object), [EXTRA_POLICIES_TAG]: extra } };
        const attach = stack.find((r) => r.urn === URN.attachment)!;
        attach.propertyDependencies = { user: [URN.user] };
        attach.props = { ...attach.props, policyArn: extra };
        assert.deepEqual(await kinds(stack), []);
        attach.props = { ...attach.props, policyArn: "arn:aws:iam::aws:policy/AmazonKinesisFullAccess" };
        assert.deepEqual(await kinds(stack), [
            [
                URN.attachment,
                { kind: "foreign-policy", identity: URN.user, policyArn: "arn:aws:iam::aws:policy/AmazonKinesisFullAccess" },
            ],
        ]);
    });

    it("refuses a role's managed policy ARNs that are not the component's", async () => {
        const role: StackResource = {
            urn: `${P}kinesis-access:index:StreamApplication$aws:iam/role:Role::r`,
            type: "aws:iam/role:Role",
            name: "r",
            parent: URN.app,
            props: { name: "app-role", tags: APP_TAGS, managedPolicyArns: [POLICY_ARN, `arn:aws:iam::${ACCOUNT}:policy/other`] },
        };
        assert.deepEqual(await kinds([...seedStack(), role]), [
            [role.urn, { kind: "foreign-policy", identity: role.urn, policyArn: `arn:aws:iam::${ACCOUNT}:policy/other` }],
        ]);
    });

    it("refuses a profile-tagged policy that allows more than its profiles", async () => {
        const extra = {
            ...SEED_DOCUMENT,
            Statement: [
                ...SEED_DOCUMENT.Statement,
                { Sid: "Extra", Effect: "Allow", Action: ["kinesis:DeleteStream", "dynamodb:Get*"], Resource: ["*"] },
            ],
        };
        assert.deepEqual(await kinds(seedStack({ policy: JSON.stringify(extra) })), [
            [
                URN.policy,
                {
                    kind: "beyond-profiles",
                    profiles: SEED_PROFILES,
                    actions: [
                        "dynamodb:GetAbacStatus",
                        "dynamodb:GetRecords",
                        "dynamodb:GetResourcePolicy",
                        "dynamodb:GetShardIterator",
                        "kinesis:DeleteStream",
                    ],
                },
            ],
        ]);
        // A Deny beyond the profiles only takes access away.
        const deny = {
            ...SEED_DOCUMENT,
            Statement: [
                ...SEED_DOCUMENT.Statement,
                { Sid: "D", Effect: "Deny", Action: ["kinesis:DeleteStream"], Resource: ["*"] },
            ],
        };
        assert.deepEqual(await kinds(seedStack({ policy: JSON.stringify(deny) })), []);
    });

    it("refuses unknown profile names and component policies without a profiles tag", async () => {
        const stack = seedStack();
        const policy = stack.find((r) => r.urn === URN.policy)!;
        policy.props = {
            ...policy.props,
            tags: { ...APP_TAGS, "kinesis-access:profiles": `${PROFILES[0].name} kinesis-superuser` },
        };
        assert.deepEqual(await kinds(stack), [[URN.policy, { kind: "unknown-profile", profiles: ["kinesis-superuser"] }]]);
        policy.props = { ...policy.props, tags: APP_TAGS };
        assert.deepEqual(await kinds(stack), [[URN.policy, { kind: "missing-profiles-tag" }]]);
    });

    it("honours extraActions and skips unknown documents", async () => {
        const extra = {
            ...SEED_DOCUMENT,
            Statement: [
                ...SEED_DOCUMENT.Statement,
                { Sid: "X", Effect: "Allow", Action: ["kinesis:ListShards"], Resource: [STREAM] },
            ],
        };
        assert.deepEqual(
            await checkProfileExactness(seedStack({ policy: JSON.stringify(extra) }), { extraActions: ["kinesis:ListShards"] }),
            [],
        );
        assert.deepEqual(await checkProfileExactness(seedStack({ policy: UNKNOWN })), []);
    });

    it("leaves identities the components did not create alone", async () => {
        const other: StackResource[] = [
            {
                urn: `${P}aws:iam/user:User::ops`,
                type: "aws:iam/user:User",
                name: "ops",
                props: { name: "ops" },
                parent: URN.stack,
            },
            {
                urn: `${P}aws:iam/userPolicyAttachment:UserPolicyAttachment::ops`,
                type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
                name: "ops",
                parent: URN.stack,
                props: { user: "ops", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
            },
        ];
        assert.deepEqual(await checkProfileExactness([...seedStack(), ...other]), []);
    });

    it("honours exemptResources: an exempt grant is not judged", async () => {
        const outside: StackResource = {
            urn: `${P}aws:iam/userPolicyAttachment:UserPolicyAttachment::extra`,
            type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            name: "extra",
            parent: URN.stack,
            props: { user: "StockTradeStreamUser", policyArn: "arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess" },
        };
        // As the policy server hands the stack over: references as resources, parents by URN.
        const asPolicyResources = (rs: StackResource[]): PolicyResource[] =>
            rs.map((r) => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                props: r.props,
                opts: { parent: r.parent },
                dependencies: [],
                propertyDependencies: {},
            }));
        const stack = asPolicyResources([...seedStack(), outside]);
        assert.deepEqual(
            (await reportedStack(profileExactness, stack)).map(([urn]) => urn),
            [outside.urn],
        );
        assert.deepEqual(await reportedStack(profileExactness, stack, { exemptResources: ["extra"] }), []);
    });
});
