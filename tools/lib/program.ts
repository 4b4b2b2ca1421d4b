// Run a Pulumi TypeScript program in-process under mocks and capture every resource it registers.
//
// The program runs the way the Pulumi language host runs it (inside `runtime.runInPulumiStack`, so everything
// is parented to the root `pulumi:pulumi:Stack`), against the copy of @pulumi/pulumi the program itself
// imports. The mock monitor's registerResource is wrapped, so the capture sees the whole request: parent,
// dependencies, property dependencies and options, which `Mocks.newResource` never receives.

import * as fs from "fs";
import * as path from "path";
import Module = require("module");
import { createMocks, isAutonamed, isSecretValue, MockCallArgs, MockResourceArgs, PlanMocks, secretValue, SIG_KEY, UNKNOWN_VALUE } from "./mocks";

/** Root of this package: fallback for the program's `@pulumi/*` imports and home of the components. */
export const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");

export const UNKNOWN_PLACEHOLDER = "[unknown]";
export const SECRET_PLACEHOLDER = "[secret]";

const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

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
    /** Give up after this long (a program that never settles). */
    timeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Project and stack configuration

type YamlLoad = (text: string) => unknown;

function loadYaml(): YamlLoad {
    // js-yaml is a dependency of @pulumi/pulumi, which reads the same files with it.
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [PACKAGE_ROOT] }));
    const yaml = require(require.resolve("js-yaml", { paths: [sdkDir] })) as { load: YamlLoad };
    return yaml.load;
}

function readYaml(file: string): Record<string, any> | undefined {
    if (!fs.existsSync(file)) return undefined;
    let doc: unknown;
    try {
        doc = loadYaml()(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new ProgramError(`${file}: invalid YAML: ${firstLine(e)}`);
    }
    if (doc === undefined || doc === null) return {};
    if (typeof doc !== "object" || Array.isArray(doc)) throw new ProgramError(`${file}: expected a YAML mapping`);
    return doc as Record<string, any>;
}

export interface StackConfig {
    project: string;
    /** Fully qualified keys (`project:key`, `aws:region`) → the string values Pulumi hands programs. */
    values: Record<string, string>;
    secretKeys: string[];
    warnings: string[];
    main?: string;
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
    const projectConfig = (project?.config ?? {}) as Record<string, any>;
    for (const [k, v] of Object.entries(projectConfig)) {
        if (v && typeof v === "object" && !Array.isArray(v)) {
            if ("value" in v) values[qualify(k)] = configString(v.value);
            else if ("default" in v) values[qualify(k)] = configString(v.default);
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
    return { project: name, values, secretKeys, warnings, main };
}

function resolveEntry(dir: string, main?: string): string {
    const base = main ? path.resolve(dir, main) : dir;
    const candidates = fs.existsSync(base) && fs.statSync(base).isDirectory() ? ["index.ts", "index.js"].map((f) => path.join(base, f)) : [base, `${base}.ts`, `${base}.js`];
    if (!main && fs.existsSync(path.join(dir, "package.json"))) {
        try {
            const pkgMain = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).main;
            if (typeof pkgMain === "string") candidates.unshift(path.resolve(dir, pkgMain), path.resolve(dir, pkgMain).replace(/\.js$/, ".ts"));
        } catch {
            // an unreadable package.json is the program's problem, reported when it runs
        }
    }
    const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (!found) throw new ProgramError(`no program in ${dir}: expected ${main ? main : "index.ts or index.js"}`);
    return found;
}

// ---------------------------------------------------------------------------------------------------------
// Module resolution: the program's own @pulumi/* when it has them, else this package's.

function resolveFrom(dir: string, request: string): string | undefined {
    try {
        return require.resolve(request, { paths: [dir] });
    } catch {
        return undefined;
    }
}

const LIBRARY_ALIASES: Record<string, string> = {
    "pulumi-kinesis-access": path.join(PACKAGE_ROOT, "components", "index.ts"),
    "pulumi-kinesis-access/grants": path.join(PACKAGE_ROOT, "components", "grants", "index.ts"),
};

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

/** Let a program anywhere import @pulumi/* (and this library) even without its own node_modules. */
function installResolver(): () => void {
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
function forgetProgramModules() {
    for (const k of Object.keys(require.cache)) {
        if (!k.includes(`${path.sep}node_modules${path.sep}`) && !k.startsWith(path.join(PACKAGE_ROOT, "tools") + path.sep)) {
            delete require.cache[k];
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Wire values → plain JSON

/** Pulumi wire form → plain JSON for people: placeholders for unknowns and secrets. */
export function plain(v: unknown): unknown {
    if (v === UNKNOWN_VALUE) return UNKNOWN_PLACEHOLDER;
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        const sig = o[SIG_KEY];
        if (sig !== undefined) {
            if (isSecretValue(o)) return SECRET_PLACEHOLDER;
            if (sig === RESOURCE_SIG) return o.urn;
            if (sig === OUTPUT_VALUE_SIG) {
                if (o.secret) return SECRET_PLACEHOLDER;
                return "value" in o ? plain(o.value) : UNKNOWN_PLACEHOLDER;
            }
            if (sig === ASSET_SIG) return "[asset]";
            if (sig === ARCHIVE_SIG) return "[archive]";
        }
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(o)) out[k] = plain(o[k]);
        return out;
    }
    return v;
}

const plainObject = (v: unknown) => (plain(v ?? {}) ?? {}) as Record<string, unknown>;

const firstLine = (e: unknown) => String(e instanceof Error ? e.message : e).split("\n").find((l) => l.trim() !== "") ?? String(e);

/** One line that says what went wrong and where in the program. */
function describeProgramError(e: unknown, dir: string): string {
    if (e instanceof ProgramError) return e.message;
    const err = e instanceof Error ? e : new Error(String(e));
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "MODULE_NOT_FOUND") {
        const m = /Cannot find module '([^']+)'/.exec(err.message);
        const from = /Require stack:\n- (.+)/.exec(err.message);
        return `program imports a module that cannot be found: ${m ? m[1] : firstLine(err)}${from ? ` (from ${path.relative(process.cwd(), from[1]) || from[1]})` : ""}`;
    }
    if (err.name === "TSError") return `program does not compile: ${firstLine(err).replace(/^⨯ Unable to compile TypeScript:\s*/, "")}`;
    // Where in the program: the first stack frame inside the program's directory.
    const frame = (err.stack ?? "")
        .split("\n")
        .slice(1)
        .map((l) => /\(?([^()\s]+):(\d+):(\d+)\)?$/.exec(l.trim()))
        .find((m) => m && m[1].startsWith(dir) && !m[1].includes(`${path.sep}node_modules${path.sep}`));
    const where = frame ? ` (${path.relative(process.cwd(), frame[1]) || frame[1]}:${frame[2]})` : "";
    const msg = firstLine(err).replace(/^failed to register new resource .*?: /, "");
    return `program failed: ${err.name && err.name !== "Error" ? `${err.name}: ` : ""}${msg}${where}`;
}

// ---------------------------------------------------------------------------------------------------------
// The run

interface PulumiSdk {
    runtime: {
        setMocks(mocks: unknown, project?: string, stack?: string, preview?: boolean, organization?: string): Promise<void> | void;
        setAllConfig(c: Record<string, string>, secretKeys?: string[]): void;
        getMonitor(): any;
        runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
        waitForRPCs?: () => Promise<void>;
    };
    log: { hasErrors?: () => boolean };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    return Promise.race([
        p.finally(() => clearTimeout(timer)),
        new Promise<T>((_, reject) => {
            timer = setTimeout(() => reject(new ProgramError(`${what} did not finish within ${ms / 1000} s`)), ms);
            timer.unref();
        }),
    ]);
}

let running = false;
const errorsOfEarlierRuns = new WeakSet<object>();
const remember = (e: unknown) => {
    if (e && typeof e === "object") errorsOfEarlierRuns.add(e);
};

export async function runProgram(opts: RunOptions): Promise<ProgramRun> {
    if (running) throw new Error("runProgram: one program at a time per process");
    running = true;
    try {
        return await runProgramOnce(opts);
    } finally {
        running = false;
    }
}

async function runProgramOnce(opts: RunOptions): Promise<ProgramRun> {
    const dir = path.resolve(opts.dir);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ProgramError(`program directory not found: ${opts.dir}`);
    const stack = opts.stack ?? "dev";
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new ProgramError(`--stack: "${stack}" is not a valid stack name (letters, digits, _ . -)`);
    const preview = opts.preview ?? true;
    const cfg = readStackConfig(dir, stack);
    const entry = resolveEntry(dir, cfg.main);
    const region = cfg.values["aws:region"] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    const warnings = [...cfg.warnings];

    const pulumiPath = resolveFrom(dir, "@pulumi/pulumi") ?? resolveFrom(PACKAGE_ROOT, "@pulumi/pulumi");
    if (!pulumiPath) throw new ProgramError("@pulumi/pulumi is not installed (neither in the program directory nor in this package)");

    const uninstall = installResolver();
    forgetProgramModules();
    // The language host hands configuration over in the environment; copies of the SDK loaded later read it there.
    process.env.PULUMI_CONFIG = JSON.stringify(cfg.values);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(cfg.secretKeys);
    process.env.PULUMI_NODEJS_PROJECT = cfg.project;
    process.env.PULUMI_NODEJS_STACK = stack;

    const pulumi = require(pulumiPath) as PulumiSdk;
    const mocks: PlanMocks = createMocks({ region, preview, stack, project: cfg.project });
    const records: CapturedResource[] = [];
    const stackOutputs: { value?: Record<string, unknown> } = {};
    // The request being registered right now: newResource runs synchronously inside registerResource.
    let current: { additionalSecretOutputs: string[] } | undefined;

    const adapter = {
        newResource(args: MockResourceArgs) {
            const result = mocks.newResource(args);
            const secret = current?.additionalSecretOutputs ?? [];
            // The engine marks additionalSecretOutputs secret; the mock monitor does not, so do it here.
            for (const k of secret) if (k in result.state && !isSecretValue(result.state[k])) result.state[k] = secretValue(result.state[k]);
            return result;
        },
        call(args: MockCallArgs) {
            return mocks.call(args);
        },
    };
    await pulumi.runtime.setMocks(adapter, cfg.project, stack, preview, "organization");
    pulumi.runtime.setAllConfig(cfg.values, cfg.secretKeys);
    const monitor = pulumi.runtime.getMonitor();
    if (!monitor || typeof monitor.registerResource !== "function") throw new Error("could not install the mock monitor");

    // URNs as the engine makes them: children of the root stack are not qualified by its type, and a
    // child's type is qualified by its parent's whole type chain.
    monitor.newUrn = (parent: string, type: string, name: string) => {
        let qualified = type;
        if (parent) {
            const parentType = parent.split("::")[2];
            if (parentType && parentType !== "pulumi:pulumi:Stack") qualified = `${parentType}$${type}`;
        }
        return `urn:pulumi:${stack}::${cfg.project}::${qualified}::${name}`;
    };

    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: unknown, resp: any) => void) => {
        const rec = fromRequest(req);
        records.push(rec);
        current = { additionalSecretOutputs: rec.options.additionalSecretOutputs };
        try {
            return registerResource(req, (err: unknown, resp: any) => {
                if (resp) {
                    rec.urn = resp.getUrn();
                    rec.id = resp.getId() || undefined;
                    const obj = resp.getObject();
                    const state = (obj ? obj.toJavaScript() : {}) as Record<string, unknown>;
                    rec.outputs = plainObject(state);
                    rec.wireOutputs = state;
                    // The provider's Check assigns autonames before analyzers see the inputs: so do we.
                    if (rec.custom && isAutonamed(rec.type) && rec.wireInputs.name === undefined && typeof state.name === "string") {
                        rec.wireInputs.name = state.name;
                        rec.inputs.name = state.name;
                    }
                }
                callback(err, resp);
            });
        } finally {
            current = undefined;
        }
    };
    const readResource = monitor.readResource.bind(monitor);
    monitor.readResource = (req: any, callback: (err: unknown, resp: any) => void) => {
        const wire = (req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const rec: CapturedResource = {
            urn: "",
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent() || undefined,
            custom: true,
            external: true,
            inputs: plainObject(wire),
            wireInputs: wire,
            options: { ...emptyOptions(), dependsOn: req.getDependenciesList?.() ?? [], provider: req.getProvider() || undefined },
            propertyDependencies: {},
            id: req.getId() || undefined,
        };
        records.push(rec);
        return readResource(req, (err: unknown, resp: any) => {
            if (resp) rec.urn = resp.getUrn();
            callback(err, resp);
        });
    };
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: (err: unknown, resp: any) => void) => {
        if (req.getUrn().split("::")[2] === "pulumi:pulumi:Stack") stackOutputs.value = plainObject(req.getOutputs()?.toJavaScript());
        return registerResourceOutputs(req, callback);
    };

    // Errors the program raises on later turns (in applies, in registrations) arrive as unhandled rejections.
    const asyncErrors: unknown[] = [];
    const onAsyncError = (e: unknown) => {
        // A failed earlier run in this process may still reject promises with its own error: not ours.
        if (e && typeof e === "object" && errorsOfEarlierRuns.has(e)) return;
        asyncErrors.push(e);
    };
    process.on("unhandledRejection", onAsyncError);
    process.on("uncaughtException", onAsyncError);
    // pulumi.log.warn/error print to the console when there is no engine: collect them for the report instead.
    const logged = { errors: [] as string[] };
    const { warn, error } = console;
    const collect = (original: (...a: unknown[]) => void, prefix: string, into: string[]) =>
        function (this: unknown, ...a: unknown[]) {
            if (typeof a[0] === "string" && a[0].startsWith(prefix)) into.push(a[0].slice(prefix.length));
            else original.apply(console, a);
        };
    console.warn = collect(warn, "warning: [runtime] ", warnings);
    console.error = collect(error, "error: [runtime] ", logged.errors);
    let failed = true;
    try {
        const timeout = opts.timeoutMs ?? 60_000;
        try {
            await withTimeout(
                pulumi.runtime.runInPulumiStack(async () => {
                    const mod = require(entry);
                    const main = typeof mod === "function" ? mod : mod && mod.__esModule && typeof mod.default === "function" ? mod.default : undefined;
                    return main ? await main() : mod;
                }),
                timeout,
                "the program",
            );
            if (pulumi.runtime.waitForRPCs) await withTimeout(pulumi.runtime.waitForRPCs(), timeout, "the program's resource registrations");
            // Let rejections of the last turn be reported before judging.
            await new Promise((r) => setImmediate(r));
        } catch (e) {
            remember(e);
            throw new ProgramError(describeProgramError(e, dir));
        }
        if (asyncErrors.length > 0) {
            asyncErrors.forEach(remember);
            throw new ProgramError(describeProgramError(asyncErrors[0], dir));
        }
        if (logged.errors.length > 0 || pulumi.log.hasErrors?.()) {
            throw new ProgramError(`program failed: it logged an error: ${logged.errors[0]?.split("\n")[0] ?? "(see above)"}`);
        }
        failed = false;
    } finally {
        if (failed) {
            // Let what the failed program left in flight (its stack's outputs, registrations on other turns)
            // settle against this run's monitor, so that none of it reaches a later run in this process.
            await withTimeout(pulumi.runtime.waitForRPCs?.() ?? Promise.resolve(), 2000, "draining").catch(() => undefined);
            await new Promise((r) => setTimeout(r, 0));
            asyncErrors.forEach(remember);
        }
        console.warn = warn;
        console.error = error;
        uninstall();
        // A failed program leaves rejected promises behind that surface on later turns: keep absorbing them
        // (the caller reports the first error and exits). A program that finished cleanly has none left.
        if (!failed) {
            process.off("unhandledRejection", onAsyncError);
            process.off("uncaughtException", onAsyncError);
        }
    }

    const resources = records.filter((r) => r.urn !== "");
    if (!resources.some((r) => r.type !== "pulumi:pulumi:Stack")) throw new ProgramError(`program registered no resources (${path.relative(process.cwd(), entry) || entry})`);
    if (mocks.unhandledInvokes.size > 0) {
        warnings.push(`no offline mock for ${[...mocks.unhandledInvokes].sort().join(", ")}: answered with the invoke's own arguments`);
    }
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(cfg.values)) config[k] = cfg.secretKeys.includes(k) ? SECRET_PLACEHOLDER : v;
    return {
        dir,
        entry,
        project: cfg.project,
        stack,
        preview,
        region,
        config,
        resources,
        outputs: stackOutputs.value ?? {},
        warnings,
        pulumiPath,
    };
}

function emptyOptions(): ResourceOptions {
    return { dependsOn: [], ignoreChanges: [], additionalSecretOutputs: [], replaceOnChanges: [], aliases: [] };
}

function fromRequest(req: any): CapturedResource {
    const wire = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const options: ResourceOptions = {
        ...emptyOptions(),
        dependsOn: [...req.getDependenciesList()],
        ignoreChanges: [...req.getIgnorechangesList()],
        additionalSecretOutputs: [...req.getAdditionalsecretoutputsList()],
        replaceOnChanges: [...req.getReplaceonchangesList()],
    };
    if (req.hasProtect?.()) options.protect = req.getProtect();
    if (req.hasRetainondelete?.()) options.retainOnDelete = req.getRetainondelete();
    if (req.getProvider()) options.provider = req.getProvider();
    if (req.getDeletebeforereplacedefined()) options.deleteBeforeReplace = req.getDeletebeforereplace();
    if (req.getDeletedwith()) options.deletedWith = req.getDeletedwith();
    if (req.getImportid()) options.importId = req.getImportid();
    if (req.getVersion()) options.version = req.getVersion();
    const aliases = req.getAliasesList?.() ?? [];
    if (aliases.length > 0) options.aliases = aliases.map((a: any) => (typeof a?.toObject === "function" ? a.toObject() : a));
    const ct = req.hasCustomtimeouts?.() ? req.getCustomtimeouts() : undefined;
    if (ct && (ct.getCreate() || ct.getUpdate() || ct.getDelete())) {
        options.customTimeouts = { create: ct.getCreate() || undefined, update: ct.getUpdate() || undefined, delete: ct.getDelete() || undefined };
    }
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
        propertyDependencies[key] = [...deps.getUrnsList()];
    });
    return {
        urn: "",
        type: req.getType(),
        name: req.getName(),
        parent: req.getParent() || undefined,
        custom: req.getCustom(),
        inputs: plainObject(wire),
        wireInputs: wire,
        options,
        propertyDependencies,
    };
}
