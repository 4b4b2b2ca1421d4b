// A recording HTTPS -> HTTP reverse proxy on 127.0.0.1 for the KPL: its native process always speaks TLS, and no SDK
// recorder sees its calls. One contract record (README.md, recorder "proxy") per request; bodies pass unchanged.
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";
import * as path from "node:path";
import * as zlib from "node:zlib";

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

/** A minimal CBOR (RFC 8949) decoder: enough for the top level of rpcv2-CBOR bodies. */
export function decodeCbor(buf: Buffer): unknown {
    let at = 0;
    const arg = (info: number): number => {
        if (info < 24) return info;
        const n = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : -1;
        if (n < 0) throw new Error(`CBOR: unsupported length ${info}`);
        let v = 0;
        for (let i = 0; i < n; i++) v = v * 256 + buf[at++];
        return v;
    };
    const item = (): unknown => {
        if (at >= buf.length) throw new Error("CBOR: truncated");
        const b = buf[at++];
        const major = b >> 5,
            info = b & 31;
        if (info === 31 && major >= 2 && major <= 5) return indefinite(major);
        switch (major) {
            case 0:
                return arg(info);
            case 1:
                return -1 - arg(info);
            case 2: {
                const n = arg(info);
                at += n;
                return buf.subarray(at - n, at);
            }
            case 3: {
                const n = arg(info);
                at += n;
                return buf.toString("utf8", at - n, at);
            }
            case 4:
                return Array.from({ length: arg(info) }, item);
            case 5: {
                const o: { [k: string]: unknown } = {};
                for (let n = arg(info); n > 0; n--) o[String(item())] = item();
                return o;
            }
            case 6:
                arg(info);
                return item(); // a tag (timestamps): the tagged value
            default:
                if (info === 20) return false;
                if (info === 21) return true;
                if (info === 22 || info === 23) return null;
                if (info === 25) {
                    at += 2;
                    return buf.readUInt16BE(at - 2);
                } // half float: value unused here
                if (info === 26) {
                    at += 4;
                    return buf.readFloatBE(at - 4);
                }
                if (info === 27) {
                    at += 8;
                    return buf.readDoubleBE(at - 8);
                }
                throw new Error(`CBOR: unsupported simple value ${info}`);
        }
    };
    const indefinite = (major: number): unknown => {
        const parts: unknown[] = [];
        while (buf[at] !== 0xff) parts.push(item());
        at++;
        if (major === 2) return Buffer.concat(parts as Buffer[]);
        if (major === 3) return parts.join("");
        if (major === 4) return parts;
        const o: { [k: string]: unknown } = {};
        for (let i = 0; i + 1 < parts.length; i += 2) o[String(parts[i])] = parts[i + 1];
        return o;
    };
    return item();
}

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

export interface ProxyOptions {
    target: number;
    record: string;
    worker: string;
    service?: Service;
    /** A file to append each exchange to (request line, headers, the start of both bodies), for debugging. */
    dump?: string;
}
export interface Proxy {
    port: number;
    stop(): Promise<void>;
}

/** The self-signed key and certificate shipped with kinesis-local (no openssl needed). */
export function selfSignedCert(): { key: string; cert: string } {
    const file = path.join(path.dirname(require.resolve("kinesis-local/package.json")), "server.json");
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { server: { key: string; cert: string } }).server;
}

const KEEP = 64 * 1024; // enough of a response to read its error code

export function startRecordingProxy(opts: ProxyOptions): Promise<Proxy> {
    const fallback = opts.service ?? "kinesis";
    const agent = new http.Agent({ keepAlive: true });
    const write = (d: Described, outcome: string) =>
        fs.appendFileSync(
            opts.record,
            JSON.stringify({ recorder: "proxy", worker: opts.worker, ...d, outcome, t: Date.now() }) + "\n",
        );
    const server = https.createServer(selfSignedCert(), (req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const body = Buffer.concat(chunks);
            let d: Described;
            try {
                d = describeRequest(req.headers, req.url ?? "/", body, fallback);
            } catch {
                d = { service: fallback, operation: "unknown", params: {} };
            }
            // The whole body is read already: the upstream gets it at once, without "Expect: 100-continue".
            const { expect: _expect, ...headers } = req.headers;
            const up = http.request(
                { host: "127.0.0.1", port: opts.target, method: req.method, path: req.url, headers, agent },
                (ur) => {
                    const kept: Buffer[] = [];
                    let size = 0;
                    res.writeHead(ur.statusCode ?? 502, ur.headers);
                    ur.on("data", (c: Buffer) => {
                        if (size < KEEP) {
                            kept.push(c);
                            size += c.length;
                        }
                        res.write(c);
                    });
                    ur.on("end", () => {
                        const kb = Buffer.concat(kept);
                        write(d, responseOutcome(ur.statusCode ?? 0, ur.headers, kb));
                        if (opts.dump) {
                            fs.appendFileSync(
                                opts.dump,
                                `${req.method} ${req.url} ` +
                                    `${JSON.stringify(req.headers)}\n${body.subarray(0, 2000).toString("latin1")}\n` +
                                    `=> ${ur.statusCode} ${JSON.stringify(ur.headers)}\n` +
                                    `${kb.subarray(0, 2000).toString("latin1")}\n\n`,
                            );
                        }
                        res.end();
                    });
                    ur.on("error", () => {
                        write(d, "client-error");
                        res.destroy();
                    });
                },
            );
            up.on("error", (e) => {
                write(d, "client-error");
                if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
                res.end(`proxy: ${e.message}`);
            });
            up.end(body);
        });
    });
    return new Promise((resolve, reject) => {
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () =>
            resolve({
                port: (server.address() as net.AddressInfo).port,
                stop: () =>
                    new Promise<void>((r) => {
                        server.closeAllConnections();
                        agent.destroy();
                        server.close(() => r());
                    }),
            }),
        );
    });
}
