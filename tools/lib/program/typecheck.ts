// Type-checks the program before it runs, as `pulumi preview` does.
//
// What the nodejs language host does (pulumi/pulumi, sdk/nodejs/cmd/pulumi-language-nodejs/main.go `parseOptions`
// and sdk/nodejs/cmd/run/run.js, @pulumi/pulumi 3.248 here):
// - Pulumi.yaml `runtime.options.typescript` (a boolean, default true; "typescript option must be a boolean") sets
//   PULUMI_NODEJS_TYPESCRIPT=true; only then does run.js register ts-node, so `typescript: false` checks nothing.
//   `runtime.options.tsconfig` (a string) becomes PULUMI_NODEJS_TSCONFIG_PATH (default "tsconfig.json", relative
//   to the program; absent: ts-node gets `skipProject`). `nodeargs` only adds node flags: nothing to check.
// - run.js registers ts-node with `transpileOnly` = PULUMI_NODEJS_TRANSPILE_ONLY === "true" when that variable is
//   set, else the tsconfig's own `compilerOptions.noCheck`, else undefined: ts-node's default, which type-checks
//   (unless TS_NODE_TRANSPILE_ONLY or the tsconfig's "ts-node": {"transpileOnly": true} say otherwise), and
//   compilerOptions {target: ES2020, module/moduleResolution: nodenext (TypeScript >= 4.7, else commonjs/node),
//   sourceMap} under the tsconfig's own compilerOptions. typescript and ts-node are the program's, else the
//   copies vendored in @pulumi/pulumi (tsutils.typeScriptRequireStrings).
// - ts-node then reports, for each .ts file it compiles (not under node_modules), its syntactic and semantic
//   diagnostics, except 6059, 18002 and 18003, and the tsconfig's errors; any of them stops the program.
// Here the same settings come from ts-node's own create() (ts-node >= 10: its config reading, @tsconfig/bases
// defaults without a tsconfig, env and "ts-node" options), and the program's files are checked in one go with
// the TypeScript API, so that every error is reported at once; results are cached (typecache.ts).

import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { checkCached, Finding, findings } from "./typecache";
import { resolveFrom } from "./modules";
import { PACKAGE_ROOT, ProgramError } from "./types";

/** How the language host would run the program's TypeScript; `check: false` says why nothing is checked. */
export type CheckSettings =
    | { check: false; reason: string }
    | { check: true; ts: typeof TS; options: TS.CompilerOptions; configErrors: Finding[]; ignore: number[] };

const TS_EXTENSIONS = /\.(ts|tsx|mts|cts)$/;
const ALWAYS_IGNORED = [6059, 18002, 18003];

/** Pulumi.yaml's `runtime.options`, checked as the language host checks them. */
export function runtimeOptions(runtime: unknown, file: string): { typescript: boolean; tsconfig?: string } {
    const options =
        runtime && typeof runtime === "object" && !Array.isArray(runtime)
            ? (runtime as Record<string, unknown>).options
            : undefined;
    const o = (options && typeof options === "object" ? options : {}) as Record<string, unknown>;
    if (o.typescript !== undefined && typeof o.typescript !== "boolean")
        throw new ProgramError(`${file}: runtime.options.typescript must be a boolean`);
    if (o.tsconfig !== undefined && typeof o.tsconfig !== "string")
        throw new ProgramError(`${file}: runtime.options.tsconfig must be a string`);
    return { typescript: o.typescript !== false, tsconfig: o.tsconfig as string | undefined };
}

interface TsNodeService {
    transpileOnly: boolean;
    config: TS.ParsedCommandLine;
    options: { ignoreDiagnostics?: Array<string | number> };
}
type TsNode = { create?: (opts: Record<string, unknown>) => TsNodeService };

function loadCompilers(dir: string): { ts: typeof TS; tsPath: string; tsNode: TsNode } {
    const pulumi = resolveFrom(dir, "@pulumi/pulumi") ?? resolveFrom(PACKAGE_ROOT, "@pulumi/pulumi");
    const vendor = pulumi ? path.join(path.dirname(pulumi), "vendor") : "";
    const tsPath =
        resolveFrom(dir, "typescript") ??
        resolveFrom(PACKAGE_ROOT, "typescript") ??
        path.join(vendor, "typescript@3.8.3", "typescript.js");
    const tsNodePath = resolveFrom(dir, "ts-node") ?? resolveFrom(PACKAGE_ROOT, "ts-node") ?? path.join(vendor, "ts-node@7.0.1");
    // The program's own typescript and ts-node, by computed path.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { ts: require(tsPath) as typeof TS, tsPath, tsNode: require(tsNodePath) as TsNode };
}

/** The settings `pulumi preview` would run `entry` with; `transpileOnly` is the plan's --transpile-only. */
export function checkSettings(dir: string, entry: string, runtime: unknown, transpileOnly: boolean): CheckSettings {
    if (transpileOnly) return { check: false, reason: "--transpile-only" };
    const rt = runtimeOptions(runtime, path.join(dir, "Pulumi.yaml"));
    if (!rt.typescript) return { check: false, reason: "Pulumi.yaml runtime.options.typescript is false" };
    if (!TS_EXTENSIONS.test(entry)) return { check: false, reason: "the program is JavaScript" };
    const { ts, tsPath, tsNode } = loadCompilers(dir);
    const project = path.resolve(dir, rt.tsconfig ?? process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
    const skipProject = !fs.existsSync(project);
    let own: Record<string, unknown> = {};
    if (!skipProject)
        own = (ts.parseConfigFileTextToJson(project, fs.readFileSync(project, "utf8")).config?.compilerOptions ?? {}) as Record<
            string,
            unknown
        >;
    const env = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    const pulumiTranspileOnly = env ? env === "true" : (own.noCheck as boolean | undefined);
    const nodeNext = Number(ts.version.split(".")[0]) * 100 + Number(ts.version.split(".")[1]) >= 407;
    const compilerOptions = {
        target: "ES2020",
        module: nodeNext ? "nodenext" : "commonjs",
        moduleResolution: nodeNext ? "nodenext" : "node",
        sourceMap: true,
        ...own,
    };
    if (typeof tsNode.create !== "function") {
        // The vendored ts-node 7: no create(); it type-checks unless told transpileOnly (register option or env).
        const off =
            pulumiTranspileOnly ??
            (/^(true|yes|y|1)$/i.test(process.env.TS_NODE_TRANSPILE_ONLY ?? "") &&
                !/^(true|yes|y|1)$/i.test(process.env.TS_NODE_TYPE_CHECK ?? ""));
        if (off)
            return { check: false, reason: "transpile-only (PULUMI_NODEJS_TRANSPILE_ONLY, TS_NODE_TRANSPILE_ONLY or noCheck)" };
        const json = skipProject
            ? { compilerOptions }
            : {
                  ...ts.readConfigFile(project, ts.sys.readFile).config,
                  compilerOptions: { ...ts.readConfigFile(project, ts.sys.readFile).config?.compilerOptions, ...compilerOptions },
              };
        const parsed = ts.parseJsonConfigFileContent(json, ts.sys, dir, undefined, skipProject ? undefined : project);
        return {
            check: true,
            ts,
            options: parsed.options,
            configErrors: findings(ts, parsed.errors, ALWAYS_IGNORED),
            ignore: ALWAYS_IGNORED,
        };
    }
    let service: TsNodeService;
    try {
        service = tsNode.create({
            compiler: tsPath,
            cwd: dir,
            project,
            skipProject,
            transpileOnly: pulumiTranspileOnly,
            compilerOptions,
        });
    } catch (e) {
        throw new ProgramError(
            `program does not type-check: ${
                String((e as Error).message)
                    .replace(/^⨯ Unable to compile TypeScript:\s*/, "")
                    .split("\n")[0]
            }`,
        );
    }
    if (service.transpileOnly)
        return { check: false, reason: "transpile-only (PULUMI_NODEJS_TRANSPILE_ONLY, noCheck or ts-node's transpileOnly)" };
    const ignore = [...ALWAYS_IGNORED, ...(service.options.ignoreDiagnostics ?? []).map(Number)];
    return {
        check: true,
        ts,
        options: service.config.options,
        configErrors: findings(ts, service.config.errors, ignore),
        ignore,
    };
}

/** As tsc prints it: `file:line:col - error TS2322: text`, the file relative to the current directory. */
export function formatFinding(f: Finding): string {
    const file = f.file ? path.relative(process.cwd(), f.file) || f.file : undefined;
    const where = file ? `${file}${f.line ? `:${f.line}:${f.column}` : ""} - ` : "";
    return `${where}error TS${f.code}: ${f.text.split("\n").join(" ")}`;
}

const SHOWN = 10;

/**
 * Type-checks the program as `pulumi preview` would before running it: a ProgramError listing the errors
 * (the first in the message's first line) if there are any. Returns what was done, for the report.
 */
export function typeCheck(
    dir: string,
    entry: string,
    runtime: unknown,
    opts: { transpileOnly?: boolean; cacheDir?: string } = {},
): { checked: boolean; reason?: string; cached?: boolean } {
    const settings = checkSettings(path.resolve(dir), path.resolve(entry), runtime, opts.transpileOnly ?? false);
    if (!settings.check) return { checked: false, reason: settings.reason };
    const { findings: found, cached } = checkCached(settings, path.resolve(dir), path.resolve(entry), opts.cacheDir);
    const all = [...settings.configErrors, ...found];
    if (all.length > 0) {
        const lines = all.slice(0, SHOWN).map(formatFinding);
        const more = all.length > SHOWN ? [`... and ${all.length - SHOWN} more`] : [];
        const count = all.length === 1 ? "" : ` (${all.length} errors)`;
        throw new ProgramError(
            `program does not type-check${count}: ${[lines[0], ...lines.slice(1).map((l) => `  ${l}`), ...more].join("\n")}`,
        );
    }
    return { checked: true, cached };
}
