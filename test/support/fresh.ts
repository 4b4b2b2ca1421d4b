// Some tests read build output (dist/, policypack/dist/). npm ci builds both through prepare; in a working tree
// whose sources are newer, rebuild once rather than test stale JavaScript.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { isFresh } from "../../tools/lib/fresh";

export const ROOT = path.join(__dirname, "..", "..");

/** Runs `npm run <script>` when `output` is missing or older than any of `sources` (paths relative to the repo). */
export function ensureBuilt(script: string, output: string, sources: string[]): void {
    if (
        isFresh(
            path.join(ROOT, output),
            sources.map((s) => path.join(ROOT, s)),
        )
    )
        return;
    execFileSync("npm", ["run", "-s", script], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}
