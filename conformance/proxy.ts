// A recording HTTPS -> HTTP reverse proxy on 127.0.0.1 for the KPL: its native process always speaks TLS, and no SDK
// recorder sees its calls. One contract record (README.md, recorder "proxy") per request; bodies pass unchanged.
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";
import * as path from "node:path";
import { Described, describeRequest, responseOutcome, Service } from "./exchange";

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
