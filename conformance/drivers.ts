// The drivers' side of the contract (README.md, "Driver contract"): how a driver is launched, and what its stdout says.

export type Launch = (
    worker: string,
    extraEnv: { [k: string]: string },
) => { command: string; args: string[]; env: NodeJS.ProcessEnv; cwd?: string };

export type Line =
    | { kind: "READY" }
    | { kind: "SHUTDOWN_COMPLETE" }
    | { kind: "CONSUMED"; shard: string; data: string }
    | { kind: "SHARD_END"; shard: string }
    | { kind: "PRODUCED"; data: string };

export function parseLine(line: string): Line | undefined {
    const m = /^(READY|SHUTDOWN_COMPLETE|CONSUMED|SHARD_END|PRODUCED)(?: (.*))?$/.exec(line.replace(/\r$/, ""));
    if (!m) return undefined;
    const rest = m[2] ?? "";
    switch (m[1]) {
        case "READY":
        case "SHUTDOWN_COMPLETE":
            return rest ? undefined : { kind: m[1] };
        case "SHARD_END":
            return rest && !rest.includes(" ") ? { kind: "SHARD_END", shard: rest } : undefined;
        case "PRODUCED":
            return { kind: "PRODUCED", data: rest };
        default: {
            const sp = rest.indexOf(" ");
            return sp > 0 ? { kind: "CONSUMED", shard: rest.slice(0, sp), data: rest.slice(sp + 1) } : undefined;
        }
    }
}

/** What one driver has printed so far. */
export class DriverState {
    ready = false;
    shutdownComplete = false;
    readonly consumed = new Set<string>();
    readonly shardEnds = new Set<string>();
    readonly produced: string[] = [];
    apply(line: string) {
        const l = parseLine(line);
        if (!l) return;
        if (l.kind === "READY") this.ready = true;
        else if (l.kind === "SHUTDOWN_COMPLETE") this.shutdownComplete = true;
        else if (l.kind === "CONSUMED") this.consumed.add(l.data);
        else if (l.kind === "SHARD_END") this.shardEnds.add(l.shard);
        else this.produced.push(l.data);
    }
}

/** The payloads of `wanted` that none of `states` has consumed. */
export const unconsumed = (wanted: string[], states: DriverState[]) =>
    wanted.filter((p) => !states.some((s) => s.consumed.has(p)));

/** A short list for messages: the first few items and how many in all. */
export const few = (xs: Iterable<string>, n = 5) => {
    const a = [...xs];
    return a.length <= n ? `[${a.join(", ")}]` : `[${a.slice(0, n).join(", ")}, ... ${a.length} in all]`;
};
