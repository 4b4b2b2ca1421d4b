// What one proxied exchange says, for the contract record: service, operation and params of the request (JSON,
// rpcv2-CBOR or query form), and the outcome of the response (ok or the error code).
import * as zlib from "node:zlib";
import { decodeCbor } from "./cbor";

export type Service = "kinesis" | "cloudwatch";

// X-Amz-Target prefixes / rpcv2-CBOR service names -> IAM prefix.
const TARGETS: { [prefix: string]: string } = {
    Kinesis_20131202: "kinesis",
    GraniteServiceVersion20100801: "cloudwatch",
    DynamoDB_20120810: "dynamodb",
    AWSSecurityTokenServiceV20110615: "sts",
};

type Headers = { [name: string]: string | string[] | undefined };
const header = (h: Headers, name: string): string | undefined => {
    const v = h[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
};

function topLevelStrings(o: unknown): { [k: string]: string } {
    const out: { [k: string]: string } = {};
    if (o && typeof o === "object" && !Array.isArray(o)) {
        for (const [k, v] of Object.entries(o)) if (typeof v === "string") out[k] = v;
    }
    return out;
}

function decodedBody(headers: Headers, body: Buffer): Buffer {
    // CloudWatch PutMetricData may be gzip-compressed by the SDK (requestCompression trait).
    return /gzip/i.test(header(headers, "content-encoding") ?? "") ? zlib.gunzipSync(body) : body;
}

export interface Described {
    service: string;
    operation: string;
    params: { [k: string]: string };
}

/** Service, operation and params of a request: X-Amz-Target (JSON), rpcv2-CBOR path, or the query form's Action. */
export function describeRequest(headers: Headers, urlPath: string, rawBody: Buffer, fallback: Service): Described {
    const body = decodedBody(headers, rawBody);
    const target = header(headers, "x-amz-target");
    if (target && target.includes(".")) {
        const [prefix, operation] = target.split(".", 2);
        let parsed: unknown;
        try {
            parsed = body.length ? JSON.parse(body.toString("utf8")) : {};
        } catch {
            parsed = {};
        }
        return { service: TARGETS[prefix] ?? fallback, operation, params: topLevelStrings(parsed) };
    }
    const rpc = /^\/service\/([^/]+)\/operation\/([^/?]+)/.exec(urlPath);
    if (rpc) {
        let parsed: unknown;
        try {
            parsed = body.length ? decodeCbor(body) : {};
        } catch {
            parsed = {};
        }
        return { service: TARGETS[rpc[1]] ?? fallback, operation: rpc[2], params: topLevelStrings(parsed) };
    }
    const form = new URLSearchParams(body.toString("utf8"));
    const params: { [k: string]: string } = {};
    for (const [k, v] of form) if (!k.includes(".") && k !== "Action" && k !== "Version") params[k] = v;
    return { service: fallback, operation: form.get("Action") ?? "unknown", params };
}

/** "ok" for a 2xx response, else the error code: x-amzn-ErrorType, the body's __type (JSON or CBOR), or query XML <Code>. */
export function responseOutcome(status: number, headers: Headers, rawBody: Buffer): string {
    if (status >= 200 && status < 300) return "ok";
    const clean = (t: string) => t.replace(/^.*#/, "").replace(/:.*$/, "");
    const h = header(headers, "x-amzn-errortype");
    if (h) return clean(h);
    let body = rawBody;
    try {
        body = decodedBody(headers, rawBody);
    } catch {
        /* not gzip after all */
    }
    const type = (header(headers, "content-type") ?? "").toLowerCase();
    try {
        const parsed = type.includes("cbor") ? decodeCbor(body) : JSON.parse(body.toString("utf8"));
        const t = (parsed as { __type?: unknown; code?: unknown })?.__type ?? (parsed as { code?: unknown })?.code;
        if (typeof t === "string") return clean(t);
    } catch {
        /* not JSON or CBOR */
    }
    const code = /<Code>([^<]+)<\/Code>/.exec(body.toString("utf8"));
    return code ? code[1].trim() : `HTTP${status}`;
}
