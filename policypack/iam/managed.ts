// AWS managed policies by ARN, from the data tools/extract-managed-policies.ts writes at build time: the index is
// read on the first attachment of an AWS managed policy, then one document per ARN, so start-up pays nothing.

// Node's modules, declared for the part used: the pack is built without @types/node (policypack/tsconfig.json).
declare const __dirname: string;
declare function require(id: "node:fs"): {
    readFileSync(path: string, encoding: "utf8"): string;
    openSync(path: string, flags: "r"): number;
    readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
    closeSync(fd: number): void;
};
declare function require(id: "node:buffer"): {
    Buffer: { alloc(size: number): Uint8Array & { toString(encoding?: "utf8"): string } };
};
const fs = require("node:fs");
const { Buffer } = require("node:buffer");

/** policypack/data beside iam/ (policypack/dist/policypack/data in the compiled pack). */
const DATA = `${__dirname}/../data`;

/** `arn:aws:iam::aws:policy/service-role/X` (any partition) → "service-role/X". */
const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/;

export interface ManagedPolicySource {
    package: string;
    version: string;
    /** The newest last-updated date among the policies (YYYY-MM-DD): how fresh the data is. */
    newestPolicyUpdate: string;
}

interface Index {
    source: ManagedPolicySource;
    policies: Record<string, [offset: number, length: number]>;
}

let index: Index | null | undefined;
const documents = new Map<string, string | undefined>();

function loadIndex(): Index | null {
    if (index === undefined) {
        try {
            index = JSON.parse(fs.readFileSync(`${DATA}/managed-policies.index.json`, "utf8")) as Index;
        } catch {
            // Not built (npm run build:policypack): every AWS managed policy is then unknown, which is reported.
            index = null;
        }
    }
    return index;
}

/** The AWS managed policy's path and name ("service-role/X") when the ARN names one, else undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
    return AWS_MANAGED.exec(arn)?.[1];
}

/** Where the managed-policy data comes from, or undefined when it is missing. */
export function managedPolicyData(): ManagedPolicySource | undefined {
    return loadIndex()?.source;
}

/** Every AWS managed policy the data knows, by path and name ("service-role/X"). */
export function managedPolicyNames(): string[] {
    return Object.keys(loadIndex()?.policies ?? {});
}

/** The latest document (JSON text) of the AWS managed policy "path/name", or undefined when the data does not know it. */
export function managedPolicyDocument(name: string): string | undefined {
    if (documents.has(name)) return documents.get(name);
    const idx = loadIndex();
    const at = idx && Object.hasOwn(idx.policies, name) ? idx.policies[name] : undefined;
    let text: string | undefined;
    if (at) {
        const fd = fs.openSync(`${DATA}/managed-policies.docs.json`, "r");
        try {
            const buf = Buffer.alloc(at[1]);
            fs.readSync(fd, buf, 0, at[1], at[0]);
            text = buf.toString("utf8");
        } finally {
            fs.closeSync(fd);
        }
    }
    documents.set(name, text);
    return text;
}
