// One producer configuration's scenario: stream, produce (the driver exits when done), verify every record is in the
// stream. The admin clients here are not recorded; only the driver (launched through the caller's `launch`) is.
import { CreateStreamCommand } from "@aws-sdk/client-kinesis";
import { adminClients, readStream, waitActive } from "./admin";
import { few, Launch } from "./drivers";
import { poll } from "./process";
import { Driver, driverEnv, phase, Phase } from "./scenario";

export interface ProducerScenario {
    endpoints: { [k: string]: string };
    stream: string;
    launch: Launch;
    count: number;
    recordFile?: string;
    timeoutMs?: number;
}

export async function runProducerScenario(o: ProducerScenario): Promise<{ phases: Phase[]; ms: number }> {
    const { kinesis } = adminClients(o.endpoints);
    const phases: Phase[] = [];
    const drivers: Driver[] = [];
    const start = Date.now();
    try {
        await phase(phases, "create-stream", drivers, async () => {
            await kinesis.send(new CreateStreamCommand({ StreamName: o.stream, ShardCount: 1 }));
            await waitActive(kinesis, o.stream, 30000);
        });
        const produced = await phase(
            phases,
            "produce",
            drivers,
            async () => {
                const d = new Driver(
                    "producer",
                    `${o.stream}-producer`,
                    o.launch(
                        "producer",
                        driverEnv(o.endpoints, "producer", o.stream, {
                            CONF_COUNT: String(o.count),
                            CONFORMANCE_RECORD: o.recordFile,
                        }),
                    ),
                );
                drivers.push(d);
                d.expectExit = true;
                await poll("the producer's exit", () => !d.child.running, {
                    totalMs: o.timeoutMs ?? 120000,
                    everyMs: 100,
                    seen: () => `${d.state.produced.length} PRODUCED lines`,
                });
                if (d.child.exitCode !== 0)
                    throw new Error(`producer exited with ${d.child.exitCode ?? d.child.exitSignal}, not 0`);
                if (d.state.produced.length !== o.count)
                    throw new Error(`${d.state.produced.length} PRODUCED lines, expected ${o.count}`);
                return d.state.produced;
            },
            (p) => ({ put: p.length }),
        );
        await phase(
            phases,
            "verify-stream",
            drivers,
            async () => {
                let missing: string[] = produced;
                await poll(
                    `all ${produced.length} produced records in stream ${o.stream}`,
                    async () => {
                        const inStream = new Set(await readStream(kinesis, o.stream));
                        missing = produced.filter((p) => !inStream.has(p));
                        return missing.length === 0;
                    },
                    { totalMs: 20000, everyMs: 500, seen: () => `missing ${few(missing)}` },
                );
                return produced.length;
            },
            (c) => ({ consumed: c }),
        );
        return { phases, ms: Date.now() - start };
    } finally {
        await Promise.all(drivers.map((d) => d.child.stop(3000)));
        kinesis.destroy();
    }
}
