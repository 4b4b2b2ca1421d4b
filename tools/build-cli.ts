// Builds the package's command (`kinesis-access`, tools/cli.ts) into dist/tools. The linter it runs imports the
// policy pack's modules; compiled here they would be a second copy of the pack (and of its 3 MB of managed-policy
// data) beside policypack/dist, so each is replaced by a one-line module that loads the same file of the built pack.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const builtPack = path.join(root, "policypack", "dist");

export function forward(file: string): string {
    const target = path.join(builtPack, path.relative(dist, file));
    if (!fs.existsSync(target)) throw new Error(`${path.relative(root, target)} is missing: run npm run build:policypack first`);
    return (
        `"use strict";\nmodule.exports = ` +
        `require(${JSON.stringify(path.relative(path.dirname(file), target).split(path.sep).join("/"))});\n`
    );
}

function walk(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

if (require.main === module) {
    fs.rmSync(path.join(dist, "tools"), { recursive: true, force: true });
    fs.rmSync(path.join(dist, "policypack"), { recursive: true, force: true });
    execFileSync(
        process.execPath,
        [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tools", "tsconfig.build.json")],
        { stdio: "inherit" },
    );
    const forwarded = walk(path.join(dist, "policypack")).filter((f) => f.endsWith(".js"));
    for (const f of forwarded) fs.writeFileSync(f, forward(f));
    fs.chmodSync(path.join(dist, "tools", "cli.js"), 0o755);
    console.log(`dist/tools: kinesis-access built; ${forwarded.length} policy pack modules load policypack/dist`);
}
