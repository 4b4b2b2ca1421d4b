// What a run of a Pulumi program under mocks captures, and the one error type for what is wrong with the program.

import * as fs from "fs";
import * as path from "path";

/** The directory of the pulumi-kinesis-access package: in a clone of the repository, or installed under node_modules. */
function packageRoot(): string {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-kinesis-access") return dir;
        if (path.dirname(dir) === dir) return path.resolve(__dirname, "..", "..", "..");
    }
}

/** Root of this package: fallback for the program's `@pulumi/*` imports and home of the components. */
export const PACKAGE_ROOT = packageRoot();

export const UNKNOWN_PLACEHOLDER = "[unknown]";
export const SECRET_PLACEHOLDER = "[secret]";

export interface ResourceOptions {
    protect?: boolean;
    retainOnDelete?: boolean;
    /** Every resource this one depends on directly: explicit dependsOn and those of its inputs. */
    dependsOn: string[];
    provider?: string;
    deleteBeforeReplace?: boolean;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    replaceOnChanges: string[];
    deletedWith?: string;
    importId?: string;
    version?: string;
    aliases: unknown[];
    customTimeouts?: { create?: string; update?: string; delete?: string };
}

export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    /** URN of the parent; undefined only for the root stack. */
    parent?: string;
    custom: boolean;
    /** A read of an existing resource (`Resource.get`), not one the program manages. */
    external?: boolean;
    /** Plain JSON: unknowns as "[unknown]", secrets as "[secret]", resource references as their URN. */
    inputs: Record<string, unknown>;
    /** Inputs in Pulumi's wire form (unknown sentinel, secret envelopes): what the engine hands an analyzer. */
    wireInputs: Record<string, unknown>;
    options: ResourceOptions;
    propertyDependencies: Record<string, string[]>;
    id?: string;
    /** Outputs as the mock monitor returned them (plain JSON, secrets masked). */
    outputs?: Record<string, unknown>;
    /** The same in wire form: what a stack policy sees of the resource (state, not inputs). */
    wireOutputs?: Record<string, unknown>;
}

export interface ProgramRun {
    dir: string;
    entry: string;
    project: string;
    stack: string;
    preview: boolean;
    region: string;
    /** The configuration the program saw (secrets masked). */
    config: Record<string, string>;
    resources: CapturedResource[];
    /** Stack outputs, plain JSON with secrets masked. */
    outputs: Record<string, unknown>;
    warnings: string[];
    /** Which @pulumi/pulumi the program ran against. */
    pulumiPath: string;
}

/** A problem with the program or how it was asked to run: reported in one line, exit code 2. */
export class ProgramError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramError";
    }
}

export interface RunOptions {
    /** Directory holding Pulumi.yaml and the program. */
    dir: string;
    stack?: string;
    /** true (default): preview semantics, computed outputs unknown. false: `up` semantics, all known. */
    preview?: boolean;
    /** Give up after this long (a program that never settles). Default: 60 s. */
    timeoutMs?: number;
}

export function emptyOptions(): ResourceOptions {
    return { dependsOn: [], ignoreChanges: [], additionalSecretOutputs: [], replaceOnChanges: [], aliases: [] };
}
