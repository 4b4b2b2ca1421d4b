// What the consumer and the producer scenarios share: a phase (timed, and on failure every driver's last output), a
// driver (a child process and the state its stdout lines report), and the driver's environment.
import { DriverState, Launch } from "./drivers";
import { Child } from "./process";

export interface Phase {
    name: string;
    ms: number;
    put?: number;
    consumed?: number;
}

export class Driver {
    readonly state = new DriverState();
    readonly child: Child;
    expectExit = false;
    constructor(
        readonly worker: string,
        logName: string,
        l: ReturnType<Launch>,
    ) {
        this.child = new Child(logName, l.command, l.args, { env: l.env, cwd: l.cwd, onLine: (line) => this.state.apply(line) });
    }
}

export function driverEnv(
    endpoints: { [k: string]: string },
    worker: string,
    stream: string,
    extra: { [k: string]: string | undefined },
) {
    const env: { [k: string]: string } = { ...endpoints, CONFORMANCE_WORKER: worker, CONF_STREAM: stream };
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
    return env;
}

/** Runs `step` as a named phase: its time is recorded; a failure says the phase and every driver's last output. */
export async function phase<T>(
    phases: Phase[],
    name: string,
    drivers: Driver[],
    step: () => Promise<T>,
    counts?: (t: T) => Omit<Phase, "name" | "ms">,
): Promise<T> {
    const start = Date.now();
    try {
        const t = await step();
        phases.push({ name, ms: Date.now() - start, ...(counts ? counts(t) : {}) });
        return t;
    } catch (e) {
        const tails = drivers.map((d) => d.child.tail()).join("\n");
        throw new Error(`phase "${name}" failed: ${(e as Error).message}\n${tails}`);
    }
}
