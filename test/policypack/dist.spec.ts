// The publishable pack (policypack/dist, built by `npm run build:policypack`, which `npm ci` runs): what
// `pulumi policy publish` uploads is what `npm pack` takes from that directory, so it must be self-contained.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { start } from "../../tools/lib/analyzer";
import { ensureBuilt, ROOT } from "../support/fresh";
import { SEED_000 } from "./helpers";

const DIST = path.join(ROOT, "policypack", "dist");

describe("policypack/dist: the pack as pulumi policy publish uploads it", function () {
    this.timeout(60_000);
    let files: string[];
    before(function () {
        ensureBuilt("build:policypack", "policypack/dist", ["policypack", "components/grants", "tools/build-policypack.ts"]);
        const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
            cwd: DIST,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
        });
        files = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
    });

    it("packs the manifest, PulumiPolicy.yaml and JavaScript only, with main pointing into it", () => {
        for (const f of [
            "package.json",
            "PulumiPolicy.yaml",
            "policypack/index.js",
            "components/grants/index.js",
            "policypack/data/managed-policies.index.json",
            "policypack/data/managed-policies.docs.json",
        ]) {
            assert.ok(files.includes(f), f);
        }
        assert.deepEqual(
            files.filter((f) => f.endsWith(".ts")),
            [],
        );
        assert.ok(files.includes(JSON.parse(fs.readFileSync(path.join(DIST, "package.json"), "utf8")).main));
    });

    it("every relative require in the packed code resolves inside the package", () => {
        for (const f of files.filter((x) => x.endsWith(".js"))) {
            for (const [, spec] of fs.readFileSync(path.join(DIST, f), "utf8").matchAll(/require\("(\.[^"]+)"\)/g)) {
                const target = path.resolve(path.dirname(path.join(DIST, f)), spec);
                assert.ok(target.startsWith(DIST + path.sep), `${f} requires ${spec}, outside the package`);
                assert.ok(
                    [".js", "/index.js"].some((ext) => files.includes(path.relative(DIST, target + ext))),
                    `${f} requires ${spec}, not packed`,
                );
            }
        }
    });

    it("is what `--policy-pack policypack` runs (start.js), not the TypeScript sources, when it is up to date", async () => {
        const pack = await start(path.join(ROOT, "policypack"), { project: "kinesis-access", stack: "dev" });
        try {
            assert.equal(JSON.parse(fs.readFileSync(path.join(ROOT, "policypack", "package.json"), "utf8")).main, "start.js");
            assert.doesNotMatch(pack.stderr, /running the TypeScript sources/);
        } finally {
            await pack.close();
        }
    });

    it("runs as the CLI runs it and refuses seed 000's dynamodb:*", async () => {
        const pack = await start(DIST, { project: "kinesis-access", stack: "dev" });
        try {
            const vs = await pack.analyze({
                urn: "urn:pulumi:dev::kinesis-access::aws:iam/policy:Policy::StockTradeStreamPolicy",
                type: "aws:iam/policy:Policy",
                name: "StockTradeStreamPolicy",
                inputs: { policy: SEED_000 },
            });
            assert.deepEqual(
                vs.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName),
                ["iam-no-wildcard-actions"],
            );
        } finally {
            await pack.close();
        }
    });
});
