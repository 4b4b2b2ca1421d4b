// What every generator of documents shares: JSON values, conditions iam-simulate accepts, and the forms a list
// element and a whole document may take.
import { SLR_SERVICE } from "./universe";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Conditions iam-simulate accepts (operators, keys and value types that go together). */
export const CONDITIONS: Record<string, Record<string, Json>>[] = [
    { StringEquals: { "aws:PrincipalTag/team": "ops" } },
    { StringLike: { "cloudwatch:namespace": "StockTrades*" } },
    { StringEquals: { "cloudwatch:namespace": ["StockTradesProcessor", "KinesisProducerLibrary"] } },
    { StringLike: { "iam:AWSServiceName": SLR_SERVICE } },
    { Bool: { "aws:SecureTransport": "true" } },
    { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
    { StringNotEquals: { "aws:PrincipalAccount": "123456789012" } },
    { "ForAnyValue:StringEquals": { "aws:TagKeys": ["a", "b"] } },
    { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
    { Null: { "aws:ResourceTag/owner": "false" } },
    { ArnLike: { "aws:SourceArn": "arn:aws:kinesis:*:123456789012:stream/*" } },
    { StringEqualsIfExists: { "aws:RequestedRegion": "us-west-2" }, Bool: { "aws:ViaAWSService": "false" } },
];

export const one = <T>(xs: readonly T[], i: number): T => xs[i % xs.length];

/** A list element as IAM allows it: a lone string, or an array. */
export const listOf = (xs: string[], asArray: boolean): Json => (xs.length === 1 && !asArray ? xs[0] : xs);

/** The document as the pack may receive it: a JSON text (compact or indented) or the object. */
export function form(doc: Json, asText: number): unknown {
    return asText === 0 ? doc : asText === 1 ? JSON.stringify(doc) : JSON.stringify(doc, null, 2);
}
