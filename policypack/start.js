// What `pulumi preview --policy-pack policypack` runs: the compiled pack in dist/ (built at install by
// `npm run build:policypack`, the same JavaScript `pulumi policy publish` uploads), which starts without the CLI
// type-checking the TypeScript sources. When dist/ is missing or older than the sources (an edit not built yet),
// the sources run instead, type-checked as before, and stderr says so: never stale rules.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const built = path.join(__dirname, "dist", "policypack", "index.js");
const sources = [__dirname, path.join(__dirname, "..", "components", "grants")];
const skip = new Set(["node_modules", "dist", "data"]);

/** The newest modification time under `p` (build output not counted). */
function newest(p) {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return 0;
    if (!st.isDirectory()) return st.mtimeMs;
    let n = 0;
    for (const e of fs.readdirSync(p)) if (!skip.has(e)) n = Math.max(n, newest(path.join(p, e)));
    return n;
}

const builtAt = fs.statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (builtAt > 0 && builtAt >= Math.max(...sources.map(newest))) {
    require(built);
} else {
    process.stderr.write(
        `kinesis-least-privilege: ${builtAt ? "policypack/dist is older than the sources" : "policypack/dist is not built"}; ` +
            `running the TypeScript sources (slower start). npm run build:policypack builds it.\n`,
    );
    require("./index.ts");
}
