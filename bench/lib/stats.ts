// Small helpers for the benchmark: medians, ranges, formatting, the machine.

import { execSync } from "node:child_process";
import * as os from "node:os";

export function median(xs: readonly number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Summary {
    median: number;
    min: number;
    max: number;
    n: number;
}

export function summarize(xs: readonly number[]): Summary {
    return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

/** "1.23" with `digits` decimals, or "–" for NaN. */
export const fix = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

/** "median (min–max)" */
export const range = (s: Summary, digits = 0, unit = "") =>
    `${fix(s.median, digits)}${unit} (${fix(s.min, digits)}–${fix(s.max, digits)})`;

export const ratio = (a: Summary, b: Summary) => a.median / b.median;

export function machine(): {
    cpu: string;
    cores: number;
    memGiB: number;
    node: string;
    os: string;
    commit: string;
    date: string;
} {
    let commit = "unknown";
    try {
        commit = execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] })
            .toString()
            .trim();
        const dirty = execSync(
            "git status --porcelain -- bench policypack components index.ts :!bench/RESULTS.md :!bench/proposals",
            { stdio: ["ignore", "pipe", "ignore"] },
        )
            .toString()
            .trim();
        if (dirty) commit += " (+ uncommitted changes)";
    } catch {
        // not a git checkout
    }
    return {
        cpu: os.cpus()[0]?.model ?? "unknown",
        cores: os.cpus().length,
        memGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        os: `${os.type()} ${os.release()}`,
        commit,
        date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    };
}

export const loadAverage = () =>
    os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" / ");

/** Markdown table. */
export function table(head: string[], rows: string[][]): string {
    const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}
