// Run a Pulumi TypeScript program in-process under mocks and capture every resource it registers.
//
// The program runs the way the Pulumi language host runs it (inside `runtime.runInPulumiStack`, so everything
// is parented to the root `pulumi:pulumi:Stack`), against the copy of @pulumi/pulumi the program itself imports.

import * as fs from "fs";
import * as path from "path";
import { createMocks, isSecretValue, MockCallArgs, MockResourceArgs, PlanMocks, secretValue } from "../mocks";
import { readStackConfig, resolveEntry, StackConfig } from "./config";
import { checkRegistrations } from "./engine";
import { describeProgramError, withTimeout } from "./errors";
import { asMonitor, Capture, installCapture } from "./monitor";
import { ensureTypeScriptLoader, forgetProgramModules, installResolver, resolveFrom } from "./modules";
import { PACKAGE_ROOT, ProgramError, ProgramRun, RunOptions, SECRET_PLACEHOLDER } from "./types";

interface PulumiSdk {
    runtime: {
        setMocks(
            mocks: unknown,
            project?: string,
            stack?: string,
            preview?: boolean,
            organization?: string,
        ): Promise<void> | void;
        setAllConfig(c: Record<string, string>, secretKeys?: string[]): void;
        getMonitor(): unknown;
        runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
        waitForRPCs?: () => Promise<void>;
    };
    log: { hasErrors?: () => boolean };
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

/** The program's @pulumi/pulumi under mocks, with the capture installed. */
async function installMocks(
    pulumi: PulumiSdk,
    cfg: StackConfig,
    stack: string,
    region: string,
    preview: boolean,
    capture: Capture,
): Promise<PlanMocks> {
    const mocks: PlanMocks = createMocks({ region, preview, stack, project: cfg.project });
    const adapter = {
        newResource(args: MockResourceArgs) {
            const result = mocks.newResource(args);
            // The engine marks additionalSecretOutputs secret; the mock monitor does not, so do it here.
            for (const k of capture.current?.additionalSecretOutputs ?? []) {
                if (k in result.state && !isSecretValue(result.state[k])) result.state[k] = secretValue(result.state[k]);
            }
            return result;
        },
        call: (args: MockCallArgs) => mocks.call(args),
    };
    await pulumi.runtime.setMocks(adapter, cfg.project, stack, preview, "organization");
    pulumi.runtime.setAllConfig(cfg.values, cfg.secretKeys);
    installCapture(asMonitor(pulumi.runtime.getMonitor()), stack, cfg.project, capture);
    return mocks;
}

/** Errors the program raises on later turns (in applies, in registrations) arrive as unhandled rejections. */
class AsyncErrors {
    readonly errors: unknown[] = [];
    private notify?: (e: unknown) => void;
    /** Settles (rejects) as soon as the first error arrives: nothing need wait for registrations that never finish. */
    readonly first = new Promise<never>((_, reject) => (this.notify = reject));
    readonly listener = (e: unknown) => {
        // A failed earlier run in this process may still reject promises with its own error: not ours.
        if (e && typeof e === "object" && errorsOfEarlierRuns.has(e)) return;
        this.errors.push(e);
        this.notify?.(e);
    };
    constructor() {
        this.first.catch(() => undefined);
    }
}

/** Runs the entry module and waits for its registrations; an error collected meanwhile is reported at once. */
async function execute(pulumi: PulumiSdk, entry: string, timeout: number, async: AsyncErrors): Promise<void> {
    const program = pulumi.runtime.runInPulumiStack(async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's program, by computed path
        const mod = require(entry);
        const main =
            typeof mod === "function"
                ? mod
                : mod && mod.__esModule && typeof mod.default === "function"
                  ? mod.default
                  : undefined;
        return main ? await main() : mod;
    });
    await Promise.race([withTimeout(program, timeout, "the program"), async.first]);
    if (async.errors.length > 0) throw async.errors[0];
    if (pulumi.runtime.waitForRPCs) {
        await Promise.race([
            withTimeout(pulumi.runtime.waitForRPCs(), timeout, "the program's resource registrations"),
            async.first,
        ]);
    }
    // Let rejections of the last turn be reported before judging.
    await new Promise((r) => setImmediate(r));
    if (async.errors.length > 0) throw async.errors[0];
}

/** pulumi.log.warn/error print to the console when there is no engine: collect them for the report instead. */
function collectConsole(warnings: string[], errors: string[]): () => void {
    const { warn, error } = console;
    const collect = (original: (...a: unknown[]) => void, prefix: string, into: string[]) =>
        function (this: unknown, ...a: unknown[]) {
            if (typeof a[0] === "string" && a[0].startsWith(prefix)) into.push(a[0].slice(prefix.length));
            else original.apply(console, a);
        };
    console.warn = collect(warn, "warning: [runtime] ", warnings);
    console.error = collect(error, "error: [runtime] ", errors);
    return () => {
        console.warn = warn;
        console.error = error;
    };
}

function setLanguageHostEnv(cfg: StackConfig, stack: string): void {
    // The language host hands configuration over in the environment; copies of the SDK loaded later read it there.
    process.env.PULUMI_CONFIG = JSON.stringify(cfg.values);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(cfg.secretKeys);
    process.env.PULUMI_NODEJS_PROJECT = cfg.project;
    process.env.PULUMI_NODEJS_STACK = stack;
}

async function runProgramOnce(opts: RunOptions): Promise<ProgramRun> {
    const dir = path.resolve(opts.dir);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
        throw new ProgramError(`program directory not found: ${opts.dir}`);
    const stack = opts.stack ?? "dev";
    if (!/^[A-Za-z0-9_.-]+$/.test(stack))
        throw new ProgramError(`--stack: "${stack}" is not a valid stack name (letters, digits, _ . -)`);
    const preview = opts.preview ?? true;
    const cfg = readStackConfig(dir, stack);
    const entry = resolveEntry(dir, cfg.main);
    const region = cfg.values["aws:region"] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    const warnings = [...cfg.warnings];
    const pulumiPath = resolveFrom(dir, "@pulumi/pulumi") ?? resolveFrom(PACKAGE_ROOT, "@pulumi/pulumi");
    if (!pulumiPath)
        throw new ProgramError("@pulumi/pulumi is not installed (neither in the program directory nor in this package)");
    ensureTypeScriptLoader(dir, pulumiPath);

    const uninstall = installResolver();
    forgetProgramModules();
    setLanguageHostEnv(cfg, stack);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's own @pulumi/pulumi, by computed path
    const pulumi = require(pulumiPath) as PulumiSdk;
    const capture: Capture = { records: [] };
    const mocks = await installMocks(pulumi, cfg, stack, region, preview, capture);
    const async = new AsyncErrors();
    process.on("unhandledRejection", async.listener);
    process.on("uncaughtException", async.listener);
    const logged: string[] = [];
    const restoreConsole = collectConsole(warnings, logged);
    let failed = true;
    try {
        await execute(pulumi, entry, opts.timeoutMs ?? 60_000, async).catch((e) => {
            remember(e);
            throw new ProgramError(describeProgramError(e, dir));
        });
        if (logged.length > 0 || pulumi.log.hasErrors?.()) {
            throw new ProgramError(`program failed: it logged an error: ${logged[0]?.split("\n")[0] ?? "(see above)"}`);
        }
        failed = false;
    } finally {
        if (failed) await drain(pulumi, async);
        restoreConsole();
        uninstall();
        // A failed program leaves rejected promises behind that surface on later turns: keep absorbing them
        // (the caller reports the first error and exits). A program that finished cleanly has none left.
        if (!failed) {
            process.off("unhandledRejection", async.listener);
            process.off("uncaughtException", async.listener);
        }
    }
    const resources = capture.records.filter((r) => r.urn !== "");
    if (!resources.some((r) => r.type !== "pulumi:pulumi:Stack")) {
        throw new ProgramError(`program registered no resources (${path.relative(process.cwd(), entry) || entry})`);
    }
    checkRegistrations(resources);
    if (mocks.unhandledInvokes.size > 0) {
        warnings.push(
            `no offline mock for ${[...mocks.unhandledInvokes].sort().join(", ")}: answered with the invoke's own arguments`,
        );
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
        outputs: capture.stackOutputs ?? {},
        warnings,
        pulumiPath,
    };
}

/**
 * Lets what a failed program left in flight (its stack's outputs, registrations on other turns) settle against
 * this run's monitor, so that none of it reaches a later run in this process.
 */
async function drain(pulumi: PulumiSdk, async: AsyncErrors): Promise<void> {
    await withTimeout(pulumi.runtime.waitForRPCs?.() ?? Promise.resolve(), 2000, "draining").catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
    async.errors.forEach(remember);
}
