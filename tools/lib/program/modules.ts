// Module resolution for the program: its own @pulumi/* when it has them, else this package's.

import * as fs from "fs";
import * as path from "path";
import Module from "node:module";
import { PACKAGE_ROOT } from "./types";

export function resolveFrom(dir: string, request: string): string | undefined {
    try {
        return require.resolve(request, { paths: [dir] });
    } catch {
        return undefined;
    }
}

/** The components: their sources in a clone of the repository, the compiled JavaScript in the installed package. */
const SOURCES = fs.existsSync(path.join(PACKAGE_ROOT, "components", "index.ts"));
const component = (rel: string) =>
    SOURCES
        ? path.join(PACKAGE_ROOT, "components", rel, "index.ts")
        : path.join(PACKAGE_ROOT, "dist", "components", rel, "index.js");
export const LIBRARY_ALIASES: Record<string, string> = {
    "pulumi-kinesis-access": component(""),
    "pulumi-kinesis-access/grants": component("grants"),
};

/** The offline plan's own modules (tools/), which stay loaded between runs. */
const TOOLS_DIR = path.resolve(__dirname, "..", "..");

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

/** Let a program anywhere import @pulumi/* (and this library) even without its own node_modules. */
export function installResolver(): () => void {
    const M = Module as unknown as { _resolveFilename: ResolveFilename };
    const original = M._resolveFilename;
    M._resolveFilename = function (request, parent, isMain, options) {
        try {
            return original.call(this, request, parent, isMain, options);
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw e;
            if (request in LIBRARY_ALIASES) return LIBRARY_ALIASES[request];
            if (request.startsWith("@pulumi/")) {
                const fallback = resolveFrom(PACKAGE_ROOT, request);
                if (fallback) return fallback;
            }
            throw e;
        }
    };
    return () => {
        M._resolveFilename = original;
    };
}

/** Forget the program's own modules so that a second run in this process executes them again. */
export function forgetProgramModules() {
    for (const k of Object.keys(require.cache)) {
        if (!k.includes(`${path.sep}node_modules${path.sep}`) && !k.startsWith(TOOLS_DIR + path.sep)) {
            delete require.cache[k];
        }
    }
}

type Register = (opts: Record<string, unknown>) => unknown;

/**
 * Lets `require` load the program's TypeScript, as the nodejs language host does: with the program's own ts-node
 * and typescript when it has them, else this package's, else the copies vendored in @pulumi/pulumi. Transpile
 * only: the type check ts-node would make is tools/lib/program/typecheck's, before the run. Nothing to do under
 * ts-node (`npm start`).
 */
export function ensureTypeScriptLoader(dir: string, pulumiPath: string): void {
    if (require.extensions[".ts"]) return;
    const vendor = path.join(path.dirname(pulumiPath), "vendor");
    const tsNode = resolveFrom(dir, "ts-node") ?? resolveFrom(PACKAGE_ROOT, "ts-node") ?? path.join(vendor, "ts-node@7.0.1");
    const compiler =
        resolveFrom(dir, "typescript") ??
        resolveFrom(PACKAGE_ROOT, "typescript") ??
        path.join(vendor, "typescript@3.8.3", "typescript.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's ts-node, by computed path
    const register = (require(tsNode) as { register: Register }).register;
    const project = path.join(dir, "tsconfig.json");
    const compilerOptions = { target: "ES2020", module: "commonjs", moduleResolution: "node" };
    register({ compiler, transpileOnly: true, project, skipProject: !fs.existsSync(project), compilerOptions });
}
