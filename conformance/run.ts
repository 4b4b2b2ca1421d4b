// npm run test:clients: installs what the suite needs (the virtualenv, the Java drivers), then, inside a network
// namespace with only a loopback interface, starts the emulators, runs every configuration's scenario with the real
// client library, and judges what it recorded against the policies StreamApplication generates for it.
//
//   npm run test:clients [-- --only REGEX] [--parallel N]

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ListStreamConsumersCommand } from "@aws-sdk/client-kinesis";
import { applicationArgs, Configuration, CONFIGURATIONS } from "./configurations";
import { ACCOUNT, Emulators, ensureVenv, REGION, startEmulators } from "./emulators";
import { WORK } from "./process";
import { buildJava, javaCommand } from "./java";
import { judge, Verdict } from "./judge";
import { renderMatrix } from "./matrix";
import { optionalPathsFor } from "./optionalPaths";
import { GeneratedAccess, generatedAccess } from "./policies";
import { startRecordingProxy } from "./proxy";
import { authorizedRequests, distinctRequests, Location, readRecords } from "./records";
import { adminClients } from "./admin";
import { Launch } from "./drivers";
import { runConsumerScenario } from "./consumerScenario";
import { runProducerScenario } from "./producerScenario";
import { Phase } from "./scenario";
import { provisionTables } from "./tables";

const LOC: Location = { partition: "aws", region: REGION, account: ACCOUNT };
const RECORDS = path.join(WORK, "records");
const ROOT = path.join(__dirname, "..");

interface Result {
    id: string;
    library: string;
    verdict: Verdict;
    calls: number;
    ms: number;
    phases: Phase[];
    error?: string;
    /** The first attempt's error, when the scenario ran a second time. */
    retriedAfter?: string;
}

function options(argv: string[]): { only?: RegExp; parallel: number } {
    const at = (flag: string) => {
        const i = argv.indexOf(flag);
        return i >= 0 ? argv[i + 1] : undefined;
    };
    const only = at("--only");
    const parallel = Number(at("--parallel") ?? 2);
    if (!Number.isInteger(parallel) || parallel < 1 || parallel > 4)
        throw new Error(`--parallel: "${at("--parallel")}" is not a whole number from 1 to 4`);
    return { ...(only ? { only: new RegExp(only) } : {}), parallel };
}

/** A fresh network namespace with only loopback: any address but 127.0.0.1 fails instead of leaving the machine. */
function isolated(argv: string[]): number | undefined {
    if (process.platform !== "linux" || spawnSync("unshare", ["-n", "true"]).status !== 0) return undefined;
    const self = [process.execPath, "-r", "ts-node/register/transpile-only", __filename, ...argv]
        .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
        .join(" ");
    const r = spawnSync("unshare", ["-n", "sh", "-c", `ip link set lo up && exec ${self}`], {
        stdio: "inherit",
        cwd: ROOT,
        env: { ...process.env, CONFORMANCE_ISOLATED: "1" },
    });
    return r.status ?? 1;
}

function launcher(c: Configuration, env: Record<string, string>): Launch {
    return (worker, extra) => {
        const all = { ...process.env, ...env, ...extra, CONFORMANCE_WORKER: worker };
        if (c.driver.kind === "java") return { ...javaCommand(c.driver.module, c.driver.main), env: all };
        return {
            command: process.execPath,
            args: ["-r", "ts-node/register/transpile-only", c.driver.script, c.driver.mode],
            env: all,
            cwd: ROOT,
        };
    };
}

/** A configuration's names; a second attempt gets its own stream, tables and records. */
const names = (c: Configuration, attempt = 1) => {
    const app = attempt === 1 ? c.id : `${c.id}-r${attempt}`;
    const stream = `s-${app}`;
    return { app, stream, streamArn: `arn:${LOC.partition}:kinesis:${LOC.region}:${LOC.account}:stream/${stream}` };
};

/** Pulumi's mocks are global to the process: generate policies one configuration after the other, never in the pool. */
async function accessOf(c: Configuration, attempt = 1): Promise<GeneratedAccess> {
    const { app, streamArn } = names(c, attempt);
    return generatedAccess(app, applicationArgs(c, streamArn, app), LOC);
}

async function runOne(c: Configuration, access: GeneratedAccess, emu: Emulators, attempt = 1): Promise<Result> {
    const { app, stream, streamArn } = names(c, attempt);
    const recordFile = path.join(RECORDS, `${app}.jsonl`);
    fs.rmSync(recordFile, { force: true });
    const env: Record<string, string> = {
        ...emu.endpoints,
        ...c.env,
        CONF_STREAM: stream,
        CONF_APP: app,
        CONFORMANCE_RECORD: recordFile,
    };
    const admin = adminClients(emu.endpoints);
    const start = Date.now();
    let phases: Phase[] = [];
    let error: string | undefined;
    const proxies = [];
    try {
        if (c.kind === "consumer") {
            const beforeWorkers =
                c.leaseTables === "provisioned"
                    ? async () => void (await provisionTables(admin.dynamodb, access.tables))
                    : undefined;
            // kinesis-local never ends an enhanced fan-out subscription with ChildShards: no reshard there (optionalPaths.ts).
            const reshard = !c.enhancedFanOut;
            const workerMetricsTable = c.kcl === "3.x" && !c.kclOptions?.singleTable ? `${app}-WorkerMetricStats` : undefined;
            const scenario = {
                endpoints: emu.endpoints,
                stream,
                app,
                launch: launcher(c, env),
                recordFile,
                beforeWorkers,
                reshard,
                workerMetricsTable,
            };
            phases = (await runConsumerScenario(scenario)).phases;
        } else {
            if (c.client === "kpl") {
                // The KPL's native process speaks TLS to endpoints it is given; the proxies record and forward its calls.
                proxies.push(
                    await startRecordingProxy({
                        target: emu.kinesis.plain,
                        record: recordFile,
                        worker: "producer",
                        service: "kinesis",
                    }),
                );
                proxies.push(
                    await startRecordingProxy({
                        target: emu.moto,
                        record: recordFile,
                        worker: "producer",
                        service: "cloudwatch",
                    }),
                );
                Object.assign(env, { KPL_KINESIS_PORT: String(proxies[0].port), KPL_CLOUDWATCH_PORT: String(proxies[1].port) });
            }
            phases = (
                await runProducerScenario({ endpoints: emu.endpoints, stream, launch: launcher(c, env), count: 50, recordFile })
            ).phases;
        }
    } catch (e) {
        error = (e as Error).message;
    } finally {
        for (const p of proxies) await p.stop();
    }
    const consumers =
        c.kind === "consumer" && c.enhancedFanOut
            ? ((await admin.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn }))).Consumers ?? [])
            : [];
    const consumerArn = (s: string, name: string) =>
        consumers.find((x) => x.ConsumerName === name)?.ConsumerARN ?? `${s}/consumer/${name}:unregistered`;
    const records = readRecords(recordFile);
    const requests = distinctRequests(records.flatMap((r) => authorizedRequests(r, LOC, { stream: streamArn, consumerArn })));
    const verdict = await judge(access.documents, requests, optionalPathsFor(c.id), LOC.account);
    return {
        id: c.id,
        library: c.library,
        verdict,
        calls: records.length,
        ms: Date.now() - start,
        phases,
        ...(error ? { error } : {}),
    };
}

/** Runs `work` over `items`, `n` at a time, keeping the input order in the results. */
async function pool<T, R>(items: readonly T[], n: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    await Promise.all(
        Array.from({ length: Math.min(n, items.length) }, async () => {
            while (next < items.length) {
                const i = next++;
                out[i] = await work(items[i]);
            }
        }),
    );
    return out;
}

async function suite(argv: string[]): Promise<number> {
    const o = options(argv);
    const configurations = CONFIGURATIONS.filter((c) => !o.only || o.only.test(c.id));
    if (configurations.length === 0) throw new Error(`--only: no configuration matches ${o.only}`);
    fs.mkdirSync(RECORDS, { recursive: true });
    const access = new Map<Configuration, GeneratedAccess>();
    for (const c of configurations) access.set(c, await accessOf(c));
    const emu = await startEmulators({ name: "clients" });
    let results: Result[];
    try {
        results = await pool(configurations, o.parallel, async (c) => {
            const r = await runOne(c, access.get(c)!, emu);
            console.log(
                `${r.error || !r.verdict.sufficient || !r.verdict.minimal ? "FAIL" : "pass"} ${c.id} in ` +
                    `${(r.ms / 1000).toFixed(0)} s${r.error ? `: ${r.error}` : ""}`,
            );
            return r;
        });
        // A scenario that broke (a timeout, a worker that died) runs once more, alone and under new names: real clients
        // on two loaded cores are not always on time. A verdict (a call denied, a grant unused) is never retried.
        for (const [i, r] of results.entries()) {
            if (!r.error) continue;
            const c = configurations[i];
            const again = await runOne(c, await accessOf(c, 2), emu, 2);
            again.retriedAfter = r.error;
            console.log(`${again.error ? "FAIL" : "pass"} ${c.id} on its second attempt${again.error ? `: ${again.error}` : ""}`);
            results[i] = again;
        }
    } finally {
        await emu.stop();
    }
    const matrix = renderMatrix(results);
    console.log(`\n${matrix}\n`);
    fs.writeFileSync(path.join(WORK, "matrix.txt"), matrix + "\n");
    fs.writeFileSync(path.join(WORK, "results.json"), JSON.stringify(results, null, 2) + "\n");
    const failed = results.filter((r) => r.error || !r.verdict.sufficient || !r.verdict.minimal);
    for (const r of failed.filter((x) => x.error)) console.log(`${r.id}: ${r.error}`);
    for (const r of results.filter((x) => x.retriedAfter))
        console.log(`${r.id}: ran twice; the first attempt: ${r.retriedAfter}`);
    console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
    return failed.length === 0 ? 0 : 1;
}

async function main(): Promise<number> {
    const argv = process.argv.slice(2);
    options(argv);
    if (!process.env.CONFORMANCE_ISOLATED) {
        // Installs need the registries: before the namespace.
        ensureVenv();
        buildJava((l) => console.log(l));
        const code = isolated(argv);
        if (code !== undefined) return code;
        // kinesis-local binds every interface (0.0.0.0, not configurable): only a loopback-only namespace keeps it local.
        throw new Error(
            "the suite needs a network namespace with only loopback (unshare -n: Linux, as root); " +
                "kinesis-local listens on every interface, so it is not started outside one",
        );
    }
    return suite(argv);
}

main().then(
    (code) => process.exit(code),
    (e) => {
        console.error(`error: ${(e as Error).stack ?? e}`);
        process.exit(2);
    },
);
