import { strict as assert } from "node:assert";
import * as zlib from "node:zlib";
import { decodeCbor } from "../../conformance/cbor";
import { describeRequest, responseOutcome } from "../../conformance/exchange";
import { selfSignedCert } from "../../conformance/proxy";

// A tiny CBOR encoder for the fixtures: maps of text strings, numbers and booleans.
function cbor(v: unknown): Buffer {
    const head = (major: number, n: number) =>
        n < 24
            ? Buffer.from([(major << 5) | n])
            : n < 256
              ? Buffer.from([(major << 5) | 24, n])
              : Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
    if (typeof v === "string") {
        const b = Buffer.from(v, "utf8");
        return Buffer.concat([head(3, b.length), b]);
    }
    if (typeof v === "number") return head(0, v);
    if (typeof v === "boolean") return Buffer.from([v ? 0xf5 : 0xf4]);
    if (Array.isArray(v)) return Buffer.concat([head(4, v.length), ...v.map(cbor)]);
    const e = Object.entries(v as object);
    return Buffer.concat([head(5, e.length), ...e.flatMap(([k, x]) => [cbor(k), cbor(x)])]);
}

describe("conformance: recording proxy parsing", () => {
    it("reads service, operation and top-level strings of a JSON request from X-Amz-Target", () => {
        const body = Buffer.from(JSON.stringify({ StreamName: "s1", Records: [{ PartitionKey: "p" }], Limit: 5 }));
        assert.deepEqual(describeRequest({ "x-amz-target": "Kinesis_20131202.PutRecords" }, "/", body, "kinesis"), {
            service: "kinesis",
            operation: "PutRecords",
            params: { StreamName: "s1" },
        });
        assert.deepEqual(
            describeRequest(
                { "x-amz-target": "GraniteServiceVersion20100801.PutMetricData" },
                "/",
                Buffer.from('{"Namespace":"KinesisProducerLibrary"}'),
                "kinesis",
            ),
            { service: "cloudwatch", operation: "PutMetricData", params: { Namespace: "KinesisProducerLibrary" } },
        );
    });
    it("reads the query protocol's Action and top-level form members, gzip or not", () => {
        const form = "Action=PutMetricData&Version=2010-08-01&Namespace=KinesisProducerLibrary&MetricData.member.1.MetricName=m";
        const want = { service: "cloudwatch", operation: "PutMetricData", params: { Namespace: "KinesisProducerLibrary" } };
        assert.deepEqual(
            describeRequest({ "content-type": "application/x-www-form-urlencoded" }, "/", Buffer.from(form), "cloudwatch"),
            want,
        );
        assert.deepEqual(describeRequest({ "content-encoding": "gzip" }, "/", zlib.gzipSync(form), "cloudwatch"), want);
    });
    it("reads the rpcv2-CBOR path and body", () => {
        const body = cbor({
            Namespace: "KinesisProducerLibrary",
            MetricData: [{ MetricName: "m", Value: 1 }],
            StrictEntityValidation: false,
        });
        assert.deepEqual(
            describeRequest(
                { "smithy-protocol": "rpc-v2-cbor" },
                "/service/GraniteServiceVersion20100801/operation/PutMetricData",
                body,
                "kinesis",
            ),
            { service: "cloudwatch", operation: "PutMetricData", params: { Namespace: "KinesisProducerLibrary" } },
        );
        assert.deepEqual(decodeCbor(Buffer.from([0xbf, 0x61, 0x61, 0x01, 0xff])), { a: 1 }); // indefinite map
    });
    it("does not fail on bodies it cannot parse", () => {
        assert.deepEqual(
            describeRequest({ "x-amz-target": "Kinesis_20131202.ListShards" }, "/", Buffer.from("{not json"), "kinesis"),
            { service: "kinesis", operation: "ListShards", params: {} },
        );
        assert.equal(describeRequest({}, "/", Buffer.alloc(0), "kinesis").operation, "unknown");
    });
    it("derives the outcome from status, error header, JSON/CBOR __type or query XML <Code>", () => {
        assert.equal(responseOutcome(200, {}, Buffer.alloc(0)), "ok");
        assert.equal(
            responseOutcome(400, { "x-amzn-errortype": "AccessDeniedException:http://internal.amazon.com/" }, Buffer.alloc(0)),
            "AccessDeniedException",
        );
        assert.equal(
            responseOutcome(
                400,
                { "content-type": "application/x-amz-json-1.1" },
                Buffer.from('{"__type":"com.amazonaws.kinesis#ResourceNotFoundException","message":"x"}'),
            ),
            "ResourceNotFoundException",
        );
        assert.equal(
            responseOutcome(
                400,
                { "content-type": "application/cbor" },
                cbor({ __type: "com.amazonaws.cloudwatch#InvalidParameterValueException" }),
            ),
            "InvalidParameterValueException",
        );
        const xml =
            "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>m</Message></Error></" +
            "ErrorResponse>";
        assert.equal(responseOutcome(400, { "content-type": "text/xml" }, Buffer.from(xml)), "InvalidParameterValue");
        assert.equal(responseOutcome(500, {}, Buffer.from("oops")), "HTTP500");
    });
    it("uses kinesis-local's self-signed certificate", () => {
        const { key, cert } = selfSignedCert();
        assert.match(key, /BEGIN PRIVATE KEY/);
        assert.match(cert, /BEGIN CERTIFICATE/);
    });
});
