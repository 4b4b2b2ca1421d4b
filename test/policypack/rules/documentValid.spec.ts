// iam-policy-document-valid: malformed JSON, invalid statements, and (issue #10) ARNs that match no resource type
// and trust policies.
import { strict as assert } from "node:assert";
import { TYPES } from "../../../policypack/iam";
import { checkDocumentValid, documentValid } from "../../../policypack/rules";
import { details, SEED_000, source } from "../helpers";
import { policyProps, reported } from "./exempt";

const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/trades";

describe("iam-policy-document-valid", () => {
    it("Noncompliance 1: malformed JSON", async () => {
        assert.deepEqual(details(await checkDocumentValid(source("{oops"))), [
            { error: "the policy document is not valid JSON (Expected property name or '}' in JSON at position 1)" },
        ]);
    });

    it("Noncompliance 2: invalid statements and versions", async () => {
        assert.deepEqual(
            details(
                await checkDocumentValid(source({ Statement: [{ Effect: "Permit", Action: "s3:GetObject", Resource: "*" }] })),
            ),
            [{ error: 'Statement[0] has Effect "Permit"; it must be "Allow" or "Deny"' }],
        );
        assert.deepEqual(
            details(
                await checkDocumentValid(
                    source({ Version: "2012-10-18", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }),
                ),
            ),
            [{ error: 'Version "2012-10-18" is not "2012-10-17"' }],
        );
        assert.deepEqual(
            details(await checkDocumentValid(source(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "my-bucket" })))),
            [
                {
                    error:
                        'Statement[0] Resource "my-bucket" is neither "*" nor an ARN ' +
                        "(arn:partition:service:region:account:resource)",
                },
            ],
        );
    });

    it("Compliance: well-formed documents, unknown and absent ones", async () => {
        const noVersion = { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } };
        for (const raw of [SEED_000, noVersion, "04da6b54-80e4-46f7-96ec-b56ff0331ba9", undefined])
            assert.deepEqual(await checkDocumentValid(source(raw)), []);
    });

    it("requireVersion: the Version only when required", async () => {
        const noVersion = { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } };
        assert.deepEqual(details(await checkDocumentValid(source(noVersion), { requireVersion: true })), [
            { error: 'Version must be "2012-10-17"' },
        ]);
    });

    it("Noncompliance 3: an Allow's Resource that matches no resource type of its service grants nothing", async () => {
        const r = "arn:aws:kinesis:*:123456789012:MyStream";
        assert.deepEqual(
            details(await checkDocumentValid(source(doc({ Effect: "Allow", Action: "kinesis:PutRecord", Resource: r })))),
            [
                {
                    error:
                        `Statement[0] Resource "${r}" matches no resource type of its service (per the AWS action ` +
                        `catalogue's ARN formats), so it grants nothing`,
                },
            ],
        );
    });

    it("Noncompliance 4: a trust policy statement without Principal, or with a Resource", async () => {
        const trust = (s: object) => source(doc({ Effect: "Allow", Action: "sts:AssumeRole", ...s }), "trust");
        assert.deepEqual(details(await checkDocumentValid(trust({}))), [
            { error: "Statement[0] has no Principal: a trust policy statement must say who may assume the role" },
        ]);
        assert.deepEqual(
            details(await checkDocumentValid(trust({ Principal: { Service: "ec2.amazonaws.com" }, Resource: "*" }))),
            [{ error: "Statement[0] has a Resource, which a trust policy must not have (the resource is the role)" }],
        );
        assert.deepEqual(details(await checkDocumentValid(source("", "trust"))), [
            { error: "the policy document is an empty string" },
        ]);
    });

    it("Noncompliance 5: a wildcard inside a principal value; a Principal in an identity-based policy", async () => {
        const trust = (Principal: unknown) =>
            source(
                doc(
                    { Effect: "Allow", Principal, Action: "sts:AssumeRole" },
                    { Effect: "Deny", Principal, Action: "sts:AssumeRole" },
                ),
                "trust",
            );
        const partial = (v: string, type = "AWS", i = 0, element = "Principal") =>
            `Statement[${i}] ${element} ${type} "${v}" has a wildcard inside it, which IAM does not support: "*" is ` +
            "allowed only alone (every principal), and a partial one is refused or matches no caller. To match " +
            "principals by pattern, name the account and add a StringLike condition on aws:PrincipalArn";
        const bad = ["arn:aws:iam::*:role/sqs", "arn:aws:iam::123456789012:role/app-*", "arn:aws:iam::123456789012:user/?"];
        assert.deepEqual(
            details(await checkDocumentValid(trust({ AWS: ["*", ...bad], Service: "*.amazonaws.com" }))),
            [0, 1]
                .flatMap((i) => [...bad.map((v) => partial(v, "AWS", i)), partial("*.amazonaws.com", "Service", i)])
                .map((error) => ({ error })),
        );
        const resource = (s: object) =>
            source(doc({ Effect: "Allow", Action: "kinesis:GetRecords", Resource: STREAM_ARN, ...s }), "resource");
        assert.deepEqual(details(await checkDocumentValid(resource({ NotPrincipal: { AWS: "arn:aws:iam::*:root" } }))), [
            { error: partial("arn:aws:iam::*:root", "AWS", 0, "NotPrincipal") },
        ]);
        for (const kind of ["managed", "inline-user", "inline-role", "inline-group"] as const)
            assert.deepEqual(
                details(
                    await checkDocumentValid(
                        source(
                            doc({ Effect: "Allow", Principal: "*", Action: "kinesis:GetRecords", Resource: STREAM_ARN }),
                            kind,
                        ),
                    ),
                ),
                [
                    {
                        error:
                            "Statement[0] has a Principal, which an identity-based policy must not have (its principal " +
                            "is the user, group or role it is attached to)",
                    },
                ],
                kind,
            );
        // "*" alone or in a list, and named principals, are what IAM accepts.
        for (const Principal of ["*", { AWS: ["*", "123456789012"] }, { AWS: "arn:aws:iam::123456789012:role/app" }])
            assert.deepEqual(await checkDocumentValid(trust(Principal)), [], JSON.stringify(Principal));
        assert.deepEqual(await checkDocumentValid(resource({ Principal: { AWS: "arn:aws:iam::123456789012:root" } })), []);
    });

    it("Noncompliance 6: an AWS principal whose account is not a 12-digit ID", async () => {
        const trust = (AWS: unknown) => source(doc({ Effect: "Allow", Principal: { AWS }, Action: "sts:AssumeRole" }), "trust");
        const notAnId = (v: string, account = v) =>
            `Statement[0] Principal AWS "${v}" names the account "${account}", which is not an account ID (12 digits): IAM ` +
            'refuses the policy ("Invalid principal in policy")';
        const bad: [string, string][] = [
            ["arn:aws:iam::12345678:root", "12345678"],
            ["arn:aws:iam::1234567890123:role/app", "1234567890123"],
            ["arn:aws:sts::ACCOUNT_ID:assumed-role/app/session", "ACCOUNT_ID"],
            ["arn:aws:iam:::root", ""],
            ["1234567890", "1234567890"],
        ];
        for (const [v, account] of bad)
            assert.deepEqual(details(await checkDocumentValid(trust(v))), [{ error: notAnId(v, account) }], v);
        // IDs of 12 digits, CloudFront's origin access identities, a wildcard account (its own finding) and values
        // that name no account this way (a unique ID) are not this check's.
        for (const v of [
            "123456789012",
            "arn:aws-cn:iam::123456789012:root",
            "arn:aws:sts::123456789012:assumed-role/app/session",
            "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHEXAMPLE",
            "AROAEXAMPLEID1234567",
        ])
            assert.deepEqual(await checkDocumentValid(trust(v)), [], v);
        assert.equal(details(await checkDocumentValid(trust("arn:aws:iam::*:root"))).length, 1);
    });

    it(
        "Compliance: a Deny or NotResource naming nothing, services the " + "catalogue does not know, a valid trust policy",
        async () => {
            for (const d of [
                doc({ Effect: "Deny", Action: "kinesis:PutRecord", Resource: "arn:aws:kinesis:*:123456789012:MyStream" }),
                doc({ Effect: "Allow", Action: "kinesis:PutRecord", Resource: "arn:aws:nosuchservice:us-east-1:123456789012:x" }),
            ]) {
                assert.deepEqual(await checkDocumentValid(source(d)), [], JSON.stringify(d));
            }
            assert.deepEqual(
                await checkDocumentValid(
                    source(
                        doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
                        "trust",
                    ),
                ),
                [],
            );
        },
    );

    it("an ARN whose service field is empty or a wildcard names no service: no finding, on either path", async () => {
        // Found by the property suite: the policy's synchronous path asked the catalogue about a service never loaded.
        const props = policyProps({ Effect: "Allow", Action: "iam:GetRole", Resource: ["arn:a*am::123456789012:role/Ops"] });
        const more = policyProps({
            Effect: "Allow",
            Action: "iam:GetRole",
            Resource: ["arn:aws:*:us-west-2:1:x", "arn:aws::::y"],
        });
        for (const p of [props, more, props]) assert.deepEqual(await reported(documentValid, TYPES.policy, p), []);
    });

    it("reads a Role's trust policy, not the attached AWS managed policies' documents; honours exemptResources", async () => {
        assert.equal((await reported(documentValid, TYPES.role, { assumeRolePolicy: "{}" })).length, 1);
        assert.deepEqual(await reported(documentValid, TYPES.role, { assumeRolePolicy: "{}" }, { exemptResources: ["r"] }), []);
        assert.deepEqual(
            await reported(documentValid, TYPES.rolePolicyAttachment, {
                role: "r",
                policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
            }),
            [],
        );
    });
});
