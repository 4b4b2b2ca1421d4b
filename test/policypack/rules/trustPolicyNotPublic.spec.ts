import { strict as assert } from "node:assert";
import { TYPES, UNKNOWN } from "../../../policypack/iam";
import { checkTrustPolicyNotPublic, trustPolicyNotPublic } from "../../../policypack/rules";
import { details, doc } from "../helpers";
import { reported } from "./exempt";

const trust = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const anyone = { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" };
/** A web-identity trust policy for `Federated`, with the condition if any. */
const webIdentity = (Federated: string, Condition?: unknown) =>
    doc(
        trust({
            Effect: "Allow",
            Principal: { Federated },
            Action: "sts:AssumeRoleWithWebIdentity",
            ...(Condition ? { Condition } : {}),
        }),
    );

describe("iam-trust-policy-not-public", () => {
    it('Noncompliance 1: Principal "*" and {"AWS": "*"} (string or list) with no condition', () => {
        for (const principal of ["*", { AWS: "*" }, { AWS: ["*"] }]) {
            assert.deepEqual(details(checkTrustPolicyNotPublic(doc(trust({ ...anyone, Principal: principal })))), [
                { statement: 0, actions: ["sts:AssumeRole"] },
            ]);
        }
    });

    it("Noncompliance 2: conditions that do not confine the caller (negative, IfExists, all-wildcard, other keys)", () => {
        for (const Condition of [
            { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
            { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
            // True when the key is missing: a caller outside any organization has no aws:PrincipalOrgID.
            { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
            { StringLike: { "aws:PrincipalArn": "*" } },
            { Bool: { "aws:MultiFactorAuthPresent": "true" } },
            // Bool confines as aws:PrincipalIsAWSService only, even on a key that would confine as a string.
            { Bool: { "aws:PrincipalOrgID": "true" } },
        ]) {
            assert.equal(
                checkTrustPolicyNotPublic(doc(trust({ ...anyone, Sid: "S", Condition }))).length,
                1,
                JSON.stringify(Condition),
            );
        }
    });

    it("Noncompliance 2b: a wildcard where the account or organization goes confines nothing", () => {
        for (const Condition of [
            { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/deployer" } },
            { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::*:root" } },
            // One loose value opens the statement: the condition matches if any value does.
            { "ForAnyValue:ArnLike": { "aws:PrincipalArn": ["arn:aws:iam::*:root", "arn:aws:iam::444422223333:root"] } },
            { StringLike: { "aws:PrincipalAccount": "1111222233*" } },
            { StringLike: { "aws:PrincipalOrgPaths": "o-*/r-ab12/*" } },
            { ArnLike: { "aws:SourceArn": "arn:aws:s3:::logs-*" } },
        ]) {
            assert.equal(checkTrustPolicyNotPublic(doc(trust({ ...anyone, Condition }))).length, 1, JSON.stringify(Condition));
        }
        assert.match(
            checkTrustPolicyNotPublic(
                doc(trust({ ...anyone, Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/x" } } })),
            )[0].message,
            /Its condition ArnLike "aws:PrincipalArn": "arn:aws:iam::\*:role\/x" does not: a wildcard where the account/,
        );
    });

    it("Compliance: wildcards after a fixed account or organization, and StringEquals, which reads * as a character", () => {
        for (const Condition of [
            { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*" } },
            { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:*" } },
            { ArnLike: { "aws:SourceArn": "arn:aws:s3:::my-bucket/*" } },
            // A policy variable is one value of the request, even with a ":" inside it.
            { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::${aws:ResourceAccount}:role/ci-*" } },
            { StringEquals: { "aws:PrincipalArn": "arn:aws:iam::*:role/deployer" } },
            { StringLike: { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/*", "o-a1b2c3d4e5/r-ab12/ou-ab12-1111/*"] } },
            // The organization confines; the role pattern then narrows it (AWS Config conformance pack bucket policy).
            {
                StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },
                ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/aws-service-role/x.amazonaws.com/*" },
            },
        ]) {
            assert.deepEqual(checkTrustPolicyNotPublic(doc(trust({ ...anyone, Condition }))), [], JSON.stringify(Condition));
        }
    });

    it("Compliance: named principals, confining conditions, Deny, unknown conditions", () => {
        for (const d of [
            trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
            trust({ ...anyone, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }),
            trust({ ...anyone, Condition: { StringEquals: { "sts:ExternalId": "partner-7" } } }),
            trust({ ...anyone, Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/*" } } }),
            trust({ ...anyone, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::my-bucket" } } }),
            trust({ ...anyone, Effect: "Deny" }),
            // Not known at preview: validated at update.
            trust({ ...anyone, Condition: UNKNOWN }),
        ]) {
            assert.deepEqual(checkTrustPolicyNotPublic(doc(d)), [], JSON.stringify(d));
        }
    });

    it("confiningConditionKeys: which keys count", () => {
        const d = doc(trust({ ...anyone, Condition: { StringEquals: { "aws:PrincipalTag/team": "ops" } } }));
        assert.equal(checkTrustPolicyNotPublic(d).length, 1);
        assert.deepEqual(checkTrustPolicyNotPublic(d, { confiningConditionKeys: ["aws:PrincipalTag/team"] }), []);
    });

    it("Noncompliance 3: a public OIDC issuer without a sub condition that names the owner", () => {
        const gh = "token.actions.githubusercontent.com";
        const federated = (issuer: string, Condition?: unknown) =>
            trust({
                Effect: "Allow",
                Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` },
                Action: "sts:AssumeRoleWithWebIdentity",
                ...(Condition ? { Condition } : {}),
            });
        const aud = { StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" } };
        assert.deepEqual(checkTrustPolicyNotPublic(doc(federated(gh, aud))), [
            {
                message:
                    `Statement[0] lets tokens of ${gh} assume this role without a condition on "${gh}:sub" that names ` +
                    `the owner: anyone on that service can get such a token. Add {"StringLike": {"${gh}:sub": ` +
                    `"repo:OWNER/REPO:ref:refs/heads/main"}} (StringEquals for one ref).`,
                details: { statement: 0, issuer: `arn:aws:iam::123456789012:oidc-provider/${gh}`, key: `${gh}:sub`, values: [] },
            },
        ]);
        for (const sub of ["*", "repo:*", "repo:*/*", "repo:acme*", ["repo:acme/app:*", "repo:*/app:*"]])
            assert.deepEqual(
                details(checkTrustPolicyNotPublic(doc(federated(gh, { StringLike: { [`${gh}:sub`]: sub } })))),
                [
                    {
                        statement: 0,
                        issuer: `arn:aws:iam::123456789012:oidc-provider/${gh}`,
                        key: `${gh}:sub`,
                        values: [sub].flat(),
                    },
                ],
                JSON.stringify(sub),
            );
        // Negative operators do not confine either; GitLab.com and Terraform Cloud are read the same way.
        assert.equal(
            checkTrustPolicyNotPublic(doc(federated(gh, { StringNotEquals: { [`${gh}:sub`]: "repo:acme/app:*" } }))).length,
            1,
        );
        assert.equal(
            checkTrustPolicyNotPublic(doc(federated("gitlab.com", { StringEquals: { "gitlab.com:aud": "x" } }))).length,
            1,
        );
        const tfc = { StringLike: { "app.terraform.io:sub": "organization:*:project:*:workspace:*:run_phase:*" } };
        assert.equal(checkTrustPolicyNotPublic(doc(federated("app.terraform.io", tfc))).length, 1);
    });

    it("Compliance: an OIDC sub that names the owner, private issuers, publicOidcIssuers", () => {
        const gh = "token.actions.githubusercontent.com";
        const federated = (issuer: string, Condition?: unknown) =>
            webIdentity(`arn:aws:iam::123456789012:oidc-provider/${issuer}`, Condition);
        for (const Condition of [
            { StringLike: { [`${gh}:sub`]: "repo:acme/*" } },
            { StringEquals: { [`${gh}:sub`]: ["repo:acme/app:ref:refs/heads/main", "repo:acme/app:environment:prod"] } },
            { "ForAnyValue:StringLike": { [`${gh.toUpperCase()}:SUB`]: "repo:acme/app:*" } },
        ])
            assert.deepEqual(checkTrustPolicyNotPublic(federated(gh, Condition)), [], JSON.stringify(Condition));
        const tfc = { StringLike: { "app.terraform.io:sub": "organization:acme:project:*:workspace:*:run_phase:*" } };
        assert.deepEqual(checkTrustPolicyNotPublic(federated("app.terraform.io", tfc)), []);
        // An EKS cluster's or GitHub Enterprise's own issuer is not a public one; the list is the pack's config.
        assert.deepEqual(checkTrustPolicyNotPublic(federated("oidc.eks.us-east-1.amazonaws.com/id/ABC")), []);
        assert.deepEqual(checkTrustPolicyNotPublic(federated(`${gh}/acme`)), []);
        assert.deepEqual(checkTrustPolicyNotPublic(federated(gh), { publicOidcIssuers: [] }), []);
        assert.equal(checkTrustPolicyNotPublic(federated("ci.example.com"), { publicOidcIssuers: ["ci.example.com"] }).length, 1);
        assert.deepEqual(checkTrustPolicyNotPublic(federated(gh, UNKNOWN)), []);
    });

    it("Noncompliance 4 and compliance: Cognito identity pools need an aud that names the pool", () => {
        const key = "cognito-identity.amazonaws.com:aud";
        const pool = "us-east-1:12345678-1234-1234-1234-123456789012";
        const cognito = (Condition?: unknown, Federated = "cognito-identity.amazonaws.com") => webIdentity(Federated, Condition);
        assert.deepEqual(checkTrustPolicyNotPublic(cognito()), [
            {
                message:
                    "Statement[0] lets tokens of Amazon Cognito identity pools (cognito-identity.amazonaws.com) assume " +
                    `this role without a condition on "${key}" that names your identity pool: a user of another ` +
                    `identity pool can get such a token. Add {"StringEquals": {"${key}": "REGION:IDENTITY_POOL_ID"}}.`,
                details: { statement: 0, issuer: "cognito-identity.amazonaws.com", key, values: [] },
            },
        ]);
        for (const Condition of [
            { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } },
            { StringLike: { [key]: "*" } },
            { StringLike: { [key]: "us-east-1:*" } },
            { StringLike: { [key]: [pool, "eu-west-1:*"] } },
            { StringNotEquals: { [key]: pool } },
            { StringEqualsIfExists: { [key]: pool } },
        ])
            assert.equal(checkTrustPolicyNotPublic(cognito(Condition)).length, 1, JSON.stringify(Condition));
        for (const [Condition, Federated] of [
            [{ StringEquals: { [key]: pool } }, undefined],
            [{ StringEquals: { [key.toUpperCase()]: [pool, "eu-west-1:87654321-4321-4321-4321-210987654321"] } }, undefined],
            [
                { StringEquals: { "cognito-identity.amazonaws.com.cn:aud": "cn-north-1:1234-abcd" } },
                "cognito-identity.cn-north-1.amazonaws.com.cn",
            ],
            // Not known at preview (a pool created in the same update): validated at update.
            [UNKNOWN, undefined],
            [{ StringEquals: { [key]: UNKNOWN } }, undefined],
        ] as [unknown, string | undefined][])
            assert.deepEqual(checkTrustPolicyNotPublic(cognito(Condition, Federated)), [], JSON.stringify(Condition));
        // Only Cognito's own principal: an account's own OIDC provider is not a public one.
        assert.deepEqual(
            checkTrustPolicyNotPublic(cognito(undefined, "arn:aws:iam::123456789012:oidc-provider/idp.example.com")),
            [],
        );
    });

    it("Noncompliance 5 and compliance: Google, Facebook and Login with Amazon need the app's ID", () => {
        const federated = webIdentity;
        assert.deepEqual(checkTrustPolicyNotPublic(federated("accounts.google.com")), [
            {
                message:
                    "Statement[0] lets tokens of Google (accounts.google.com) assume this role without a condition on " +
                    '"accounts.google.com:aud" that names your app: anyone with a Google account, for an app of their ' +
                    'own, can get such a token. Add {"StringEquals": {"accounts.google.com:aud": ' +
                    '"CLIENT_ID.apps.googleusercontent.com"}}.',
                details: { statement: 0, issuer: "accounts.google.com", key: "accounts.google.com:aud", values: [] },
            },
        ]);
        for (const [idp, Condition] of [
            ["accounts.google.com", { StringLike: { "accounts.google.com:aud": "*" } }],
            ["accounts.google.com", { StringNotEquals: { "accounts.google.com:aud": "1234.apps.googleusercontent.com" } }],
            ["graph.facebook.com", undefined],
            ["graph.facebook.com", { StringLike: { "graph.facebook.com:app_id": ["1234567890123456", "*"] } }],
            ["www.amazon.com", { StringEqualsIfExists: { "www.amazon.com:app_id": "amzn1.application-oa2-client.1" } }],
            // The same provider registered as the account's OIDC provider.
            ["arn:aws:iam::123456789012:oidc-provider/accounts.google.com", { StringLike: { "accounts.google.com:aud": "*" } }],
            ["arn:aws:iam::123456789012:oidc-provider/cognito-identity.amazonaws.com", undefined],
        ] as [string, unknown][])
            assert.equal(checkTrustPolicyNotPublic(federated(idp, Condition)).length, 1, `${idp} ${JSON.stringify(Condition)}`);
        for (const [idp, Condition] of [
            ["accounts.google.com", { StringEquals: { "accounts.google.com:aud": "1234.apps.googleusercontent.com" } }],
            // A service account's token: :aud reads its azp, :oaud its aud, :sub the account (IAM condition keys).
            ["accounts.google.com", { StringEquals: { "accounts.google.com:oaud": "https://example.com" } }],
            ["accounts.google.com", { StringEquals: { "accounts.google.com:sub": "100018646976219416293" } }],
            ["graph.facebook.com", { StringEquals: { "graph.facebook.com:app_id": "1234567890123456" } }],
            ["www.amazon.com", { StringEquals: { "www.amazon.com:app_id": "amzn1.application-oa2-client.1" } }],
            ["www.amazon.com", UNKNOWN],
        ] as [string, unknown][])
            assert.deepEqual(checkTrustPolicyNotPublic(federated(idp, Condition)), [], `${idp} ${JSON.stringify(Condition)}`);
    });

    it("reads Role.assumeRolePolicy only, and honours exemptResources", async () => {
        const props = { assumeRolePolicy: JSON.stringify(trust(anyone)) };
        assert.equal((await reported(trustPolicyNotPublic, TYPES.role, props)).length, 1);
        assert.deepEqual(await reported(trustPolicyNotPublic, TYPES.role, props, { exemptResources: ["r"] }), []);
        // The same statement as a permissions policy is not a trust policy.
        assert.deepEqual(await reported(trustPolicyNotPublic, TYPES.policy, { policy: props.assumeRolePolicy }), []);
    });
});
