// A require hook for .ts files used by the benchmark's worker processes in place of ts-node/register/transpile-only:
// the same transpilation (TypeScript's transpileModule, no type-check), cached on disk by content in bench/out/, so
// each of the dozens of fresh worker processes does not load the compiler and transpile the same files again.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const cacheDir = path.join(__dirname, "..", "out", "ts-cache");
let ts;

require.extensions[".ts"] = function (module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto.createHash("sha256").update(filename).update("\0").update(source).digest("hex").slice(0, 40);
    const cached = path.join(cacheDir, `${key}.js`);
    let js;
    try {
        js = fs.readFileSync(cached, "utf8");
    } catch {
        ts ??= require("typescript");
        js = ts.transpileModule(source, {
            fileName: filename,
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        }).outputText;
        fs.mkdirSync(cacheDir, { recursive: true });
        fs.writeFileSync(`${cached}.${process.pid}`, js);
        fs.renameSync(`${cached}.${process.pid}`, cached);
    }
    module._compile(js, filename);
};
