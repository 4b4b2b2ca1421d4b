// One consumer configuration's scenario: stream, workers, consume, reshard, lease cleanup, failover, graceful shutdown.
// The admin clients here are not recorded; only the drivers (launched through the caller's `launch`) are. Every wait is
// bounded.
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { CreateStreamCommand } from "@aws-sdk/client-kinesis";
import { adminClients, leaseKeys, putBatch, splitAndMerge, waitActive } from "./admin";
import { DriverState, few, Launch, unconsumed } from "./drivers";
import { poll } from "./process";
import { Driver, driverEnv, phase, Phase } from "./scenario";

export interface ConsumerTimeouts {
    ready: number;
    consume: number;
    reshard: number;
    leaseCleanup: number;
    failover: number;
    shutdown: number;
}
const CONSUMER_TIMEOUTS: ConsumerTimeouts = {
    ready: 120000,
    consume: 90000,
    reshard: 30000,
    leaseCleanup: 90000,
    failover: 120000,
    shutdown: 90000,
};

export interface ConsumerScenario {
    endpoints: { [k: string]: string };
    stream: string;
    app: string;
    launch: Launch;
    recordFile: string;
    beforeWorkers?: () => Promise<void>;
    timeouts?: Partial<ConsumerTimeouts>;
    batch?: number;
    /**
     * false skips split/merge, SHARD_END and lease cleanup. For enhanced fan-out against kinesis-local 0.6.2: its
     * SubscribeToShard events never carry ChildShards and always a ContinuationSequenceNumber (main.js,
     * SubscribeToShardRequest.subscriptionStream), so a KCL 2.x/3.x consumer never reaches a shard end there.
     */
    reshard?: boolean;
    /** KCL 3.x with APP-WorkerMetricStats: after the failover, wait until the leader deleted the dead worker's entry. */
    workerMetricsTable?: string;
}

export async function runConsumerScenario(o: ConsumerScenario): Promise<{ phases: Phase[]; ms: number }> {
    const to = { ...CONSUMER_TIMEOUTS, ...o.timeouts };
    const n = o.batch ?? 20;
    const { kinesis, dynamodb } = adminClients(o.endpoints);
    const phases: Phase[] = [];
    const drivers: Driver[] = [];
    const start = Date.now();
    // A worker that dies when it should not ends the wait at once.
    const fail = () =>
        drivers
            .filter((d) => !d.expectExit && !d.child.running)
            .map((d) => `${d.worker} exited unexpectedly`)
            .join("; ") || undefined;
    const wait = (what: string, check: () => boolean | Promise<boolean>, totalMs: number, seen: () => string) =>
        poll(
            what,
            async () => {
                const f = fail();
                if (f) throw Object.assign(new Error(f), { fatal: true });
                return check();
            },
            { totalMs, seen },
        );
    const batch = async (label: string, by: string, states: () => DriverState[], totalMs: number) => {
        const payloads = Array.from({ length: n }, (_, i) => `${o.app}-${label}-${i}`);
        await putBatch(kinesis, o.stream, payloads);
        await wait(
            `all ${n} records of ${label} consumed by ${by}`,
            () => unconsumed(payloads, states()).length === 0,
            totalMs,
            () => `missing ${few(unconsumed(payloads, states()))}`,
        );
        return { put: n, consumed: n };
    };
    try {
        await phase(phases, "create-stream", drivers, async () => {
            await kinesis.send(new CreateStreamCommand({ StreamName: o.stream, ShardCount: 2 }));
            await waitActive(kinesis, o.stream, to.reshard);
            await o.beforeWorkers?.();
        });
        // One after the other: two KCL 3.5 workers that both find no tables race to write the migration state, and the
        // loser never initializes (MigrationAdaptiveLeaseAssignmentModeProvider, "AssignmentMode is not initialized").
        // The second still starts against the same tables, so every call a start makes is still made.
        await phase(phases, "start-workers", drivers, async () => {
            for (const w of ["w1", "w2"]) {
                const d = new Driver(
                    w,
                    `${o.app}-${w}`,
                    o.launch(w, driverEnv(o.endpoints, w, o.stream, { CONF_APP: o.app, CONFORMANCE_RECORD: o.recordFile })),
                );
                drivers.push(d);
                await wait(
                    `READY from ${w}`,
                    () => d.state.ready,
                    to.ready,
                    () => `ready: ${few(drivers.filter((x) => x.state.ready).map((x) => x.worker))}`,
                );
            }
        });
        const all = () => drivers.map((d) => d.state);
        await phase(
            phases,
            "consume",
            drivers,
            () => batch("b1", "some worker", all, to.consume),
            (c) => c,
        );
        if (o.reshard !== false) {
            const parents = await phase(phases, "reshard", drivers, () => splitAndMerge(kinesis, o.stream, to.reshard));
            await phase(
                phases,
                "consume-children",
                drivers,
                async () => {
                    const c = await batch("b2", "some worker", all, to.consume);
                    await wait(
                        `SHARD_END for ${few(parents)}`,
                        () => parents.every((p) => drivers.some((d) => d.state.shardEnds.has(p))),
                        to.consume,
                        () => `shard ends: ${few(new Set(drivers.flatMap((d) => [...d.state.shardEnds])))}`,
                    );
                    return c;
                },
                (c) => c,
            );
            let remaining: string[] = [];
            await phase(phases, "lease-cleanup", drivers, () =>
                wait(
                    `the leases of ${few(parents)} gone from table ${o.app}`,
                    async () => {
                        const keys = await leaseKeys(dynamodb, o.app);
                        // Single-stream lease keys are shard ids; multi-stream ones end with ":shardId".
                        remaining = parents.filter((p) => keys.some((k) => k === p || k.endsWith(`:${p}`)));
                        return remaining.length === 0;
                    },
                    to.leaseCleanup,
                    () => `parent leases remaining: ${few(remaining)}`,
                ),
            );
        }
        await phase(
            phases,
            "failover",
            drivers,
            async () => {
                drivers[0].expectExit = true;
                drivers[0].child.kill("SIGKILL");
                return batch("b3", "w2", () => [drivers[1].state], to.failover);
            },
            (c) => c,
        );
        if (o.workerMetricsTable) {
            const table = o.workerMetricsTable;
            await phase(phases, "worker-metrics-cleanup", drivers, () =>
                wait(
                    `w1's entry gone from table ${table} (the leader deletes a dead worker's metrics)`,
                    async () => {
                        const { Items } = await dynamodb.send(new ScanCommand({ TableName: table }));
                        return !(Items ?? []).some((i) => i.wid?.S === "w1");
                    },
                    to.failover,
                    () => "w1's worker metrics entry is still there",
                ),
            );
        }
        await phase(phases, "shutdown", drivers, async () => {
            const w2 = drivers[1];
            w2.expectExit = true;
            w2.child.kill("SIGTERM");
            await wait(
                "SHUTDOWN_COMPLETE from w2 and its exit",
                () => w2.state.shutdownComplete && !w2.child.running,
                to.shutdown,
                () =>
                    `SHUTDOWN_COMPLETE ${w2.state.shutdownComplete ? "printed" : "not printed"}, ` +
                    `${w2.child.running ? "running" : "exited"}`,
            );
            if (w2.child.exitCode !== 0) throw new Error(`w2 exited with ${w2.child.exitCode ?? w2.child.exitSignal}, not 0`);
        });
        return { phases, ms: Date.now() - start };
    } finally {
        await Promise.all(drivers.map((d) => d.child.stop(3000)));
        kinesis.destroy();
        dynamodb.destroy();
    }
}
