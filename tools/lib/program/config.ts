// Pulumi.yaml and Pulumi.<stack>.yaml, merged the way the CLI hands configuration to a program; the program's entry.

import * as fs from "fs";
import * as path from "path";
import { firstLine } from "./errors";
import { PACKAGE_ROOT, ProgramError, SECRET_PLACEHOLDER } from "./types";

type YamlLoad = (text: string) => unknown;

function loadYaml(): YamlLoad {
    // js-yaml is a dependency of @pulumi/pulumi, which reads the same files with it.
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [PACKAGE_ROOT] }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's own copy, by computed path
    const yaml = require(require.resolve("js-yaml", { paths: [sdkDir] })) as { load: YamlLoad };
    return yaml.load;
}

function readYaml(file: string): Record<string, unknown> | undefined {
    if (!fs.existsSync(file)) return undefined;
    let doc: unknown;
    try {
        doc = loadYaml()(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new ProgramError(`${file}: invalid YAML: ${firstLine(e)}`);
    }
    if (doc === undefined || doc === null) return {};
    if (typeof doc !== "object" || Array.isArray(doc)) throw new ProgramError(`${file}: expected a YAML mapping`);
    return doc as Record<string, unknown>;
}

export interface StackConfig {
    project: string;
    /** Fully qualified keys (`project:key`, `aws:region`) → the string values Pulumi hands programs. */
    values: Record<string, string>;
    secretKeys: string[];
    warnings: string[];
    main?: string;
    /** Pulumi.yaml's `runtime` as written (a name, or {name, options}): its options say how TypeScript is run. */
    runtime?: unknown;
}

function configString(v: unknown): string {
    return typeof v === "string" ? v : JSON.stringify(v);
}

/** Pulumi.yaml plus Pulumi.<stack>.yaml, the way the CLI merges them into PULUMI_CONFIG. */
export function readStackConfig(dir: string, stack: string): StackConfig {
    const projectFile = path.join(dir, "Pulumi.yaml");
    const project = readYaml(projectFile);
    const warnings: string[] = [];
    let name: string;
    if (!project) {
        name = path.basename(dir);
        warnings.push(`no Pulumi.yaml in ${dir}: project name "${name}" taken from the directory`);
    } else {
        if (typeof project.name !== "string" || project.name === "") throw new ProgramError(`${projectFile}: "name" is required`);
        name = project.name;
    }
    const qualify = (k: string) => (k.includes(":") ? k : `${name}:${k}`);
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    // Project-level defaults: `config: { key: { default: v } }` or `config: { key: v }`.
    const projectConfig = (project?.config ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(projectConfig)) {
        if (v && typeof v === "object" && !Array.isArray(v)) {
            const o = v as Record<string, unknown>;
            if ("value" in o) values[qualify(k)] = configString(o.value);
            else if ("default" in o) values[qualify(k)] = configString(o.default);
        } else if (v !== undefined && v !== null) {
            values[qualify(k)] = configString(v);
        }
    }
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    const stackDoc = readYaml(stackFile);
    if (!stackDoc) {
        const others = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^Pulumi\.[^.]+\.ya?ml$/.test(f)) : [];
        if (others.length > 0) {
            const names = others.map((f) => f.replace(/^Pulumi\.|\.ya?ml$/g, "")).join(", ");
            throw new ProgramError(`no stack "${stack}": ${stackFile} does not exist (stacks here: ${names})`);
        }
        warnings.push(`no Pulumi.${stack}.yaml in ${dir}: running with no stack configuration`);
    }
    for (const [k, v] of Object.entries((stackDoc?.config ?? {}) as Record<string, unknown>)) {
        const key = qualify(k);
        if (v && typeof v === "object" && !Array.isArray(v) && "secure" in v) {
            // Encrypted with the stack's secrets provider: not decryptable offline.
            values[key] = SECRET_PLACEHOLDER;
            secretKeys.push(key);
            warnings.push(`config ${key} is encrypted (secure): the program sees the placeholder "${SECRET_PLACEHOLDER}"`);
            continue;
        }
        if (v === null || v === undefined) continue;
        values[key] = configString(v);
    }
    const main = typeof project?.main === "string" ? project.main : undefined;
    return { project: name, values, secretKeys, warnings, main, runtime: project?.runtime };
}

export function resolveEntry(dir: string, main?: string): string {
    const base = main ? path.resolve(dir, main) : dir;
    const isDir = fs.existsSync(base) && fs.statSync(base).isDirectory();
    const candidates = isDir ? ["index.ts", "index.js"].map((f) => path.join(base, f)) : [base, `${base}.ts`, `${base}.js`];
    if (!main && fs.existsSync(path.join(dir, "package.json"))) {
        try {
            const pkgMain = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).main;
            if (typeof pkgMain === "string")
                candidates.unshift(path.resolve(dir, pkgMain), path.resolve(dir, pkgMain).replace(/\.js$/, ".ts"));
        } catch {
            // an unreadable package.json is the program's problem, reported when it runs
        }
    }
    const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (!found) throw new ProgramError(`no program in ${dir}: expected ${main ? main : "index.ts or index.js"}`);
    return found;
}
