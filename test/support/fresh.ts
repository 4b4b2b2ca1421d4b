// Some tests read build output (dist/, policypack/dist/). npm ci builds both through prepare; in a working tree
// whose sources are newer, rebuild once rather than test stale JavaScript.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");

function newest(p: string): number {
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs;
    return Math.max(0, ...fs.readdirSync(p).filter((n) => n !== "node_modules" && n !== "dist").map((n) => newest(path.join(p, n))));
}

/** Runs `npm run <script>` when `output` is missing or older than any of `sources` (paths relative to the repo). */
export function ensureBuilt(script: string, output: string, sources: string[]): void {
    const out = path.join(ROOT, output);
    const src = Math.max(...sources.map((s) => newest(path.join(ROOT, s))));
    if (fs.existsSync(out) && newest(out) >= src) return;
    execFileSync("npm", ["run", "-s", script], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}
