// A minimal CBOR (RFC 8949) decoder for the recording proxy: the KPL's SDK for C++ sends CloudWatch rpcv2-CBOR bodies.
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
