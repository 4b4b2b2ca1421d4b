// The invokes (data sources) the mocks answer: caller identity, region and partition, and reads of IAM, KMS,
// Kinesis and DynamoDB resources that already exist.

import { iamUniqueId, uuid } from "./ids";
import { dnsSuffixOf, FIXED_DATE, lastSegment, normPath, partitionOf, SERVICE_LINKED_ROLE_NAMES } from "./naming";
import { PolicyDocumentArgs, policyDocumentInvoke } from "./policyDocument";
import { MockContext } from "./resources";
import { MockCallArgs } from "./types";

/** The answer to an invoke, or undefined for a token no handler knows. */
export function answerInvoke(ctx: MockContext, args: MockCallArgs): Record<string, unknown> | undefined {
    const i = args.inputs ?? {};
    return accountInvoke(ctx, args.token, i) ?? resourceInvoke(ctx, args.token, i);
}

function accountInvoke(ctx: MockContext, token: string, i: Record<string, unknown>): Record<string, unknown> | undefined {
    const { account, iamArn, region, partition, dnsSuffix } = ctx;
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: account,
                arn: iamArn("user/offline-plan"),
                id: account,
                userId: iamUniqueId("AIDA", "caller"),
            };
        case "aws:index/getRegion:getRegion": {
            const r = (i.region ?? i.name ?? region) as string;
            return { id: r, name: r, region: r, endpoint: `ec2.${r}.${dnsSuffixOf(partitionOf(r))}`, description: r };
        }
        case "aws:index/getPartition:getPartition":
            return { id: partition, partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join(".") };
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const names = ["a", "b", "c"].map((z) => `${region}${z}`);
            return { id: region, names, zoneIds: names.map((_, n) => `use1-az${n + 1}`) };
        }
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return policyDocumentInvoke(i as PolicyDocumentArgs);
    }
    return undefined;
}

function resourceInvoke(ctx: MockContext, token: string, i: Record<string, unknown>): Record<string, unknown> | undefined {
    const { arn, iamArn } = ctx;
    switch (token) {
        case "aws:iam/getPolicy:getPolicy": {
            const a = typeof i.arn === "string" ? i.arn : iamArn(`policy${normPath(i.pathPrefix)}${i.name}`);
            return {
                id: a,
                arn: a,
                name: i.name ?? lastSegment(a),
                path: "/",
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
            };
        }
        case "aws:iam/getRole:getRole": {
            const nm = String(i.name);
            const service = Object.keys(SERVICE_LINKED_ROLE_NAMES).find((s) => SERVICE_LINKED_ROLE_NAMES[s] === nm);
            const path = service ? `/aws-service-role/${service}/` : "/";
            const a = iamArn(`role${path}${nm}`);
            return { id: nm, arn: a, name: nm, path, uniqueId: iamUniqueId("AROA", "role", nm), createDate: FIXED_DATE };
        }
        case "aws:iam/getUser:getUser": {
            const nm = String(i.userName);
            return {
                id: iamUniqueId("AIDA", "user", nm),
                arn: iamArn(`user/${nm}`),
                userName: nm,
                path: "/",
                userId: iamUniqueId("AIDA", "user", nm),
            };
        }
        case "aws:kms/getAlias:getAlias": {
            const nm = String(i.name);
            const keyId = uuid("kms", "alias", nm);
            return {
                id: arn("kms", nm),
                arn: arn("kms", nm),
                name: nm,
                targetKeyId: keyId,
                targetKeyArn: arn("kms", `key/${keyId}`),
            };
        }
        case "aws:kms/getKey:getKey": {
            const k = String(i.keyId);
            const keyId = k.startsWith("arn:") ? lastSegment(k) : k.startsWith("alias/") ? uuid("kms", "alias", k) : k;
            return { id: keyId, arn: arn("kms", `key/${keyId}`), keyId };
        }
        case "aws:kinesis/getStream:getStream": {
            const nm = String(i.name);
            return {
                id: arn("kinesis", `stream/${nm}`),
                arn: arn("kinesis", `stream/${nm}`),
                name: nm,
                status: "ACTIVE",
            };
        }
        case "aws:dynamodb/getTable:getTable": {
            const nm = String(i.name);
            return { id: nm, arn: arn("dynamodb", `table/${nm}`), name: nm };
        }
    }
    return undefined;
}
