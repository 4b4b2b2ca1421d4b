// The parts of tools/lib/program that need no Pulumi runtime (the runs themselves are in plan.spec.ts,
// in a child process, so this mocha process's Pulumi state is left alone).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CapturedResource, checkRegistrations, plain, ProgramError, readStackConfig } from "../../tools/lib/program";

describe("tools/lib/program", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-config-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (f: string, text: string) => fs.writeFileSync(path.join(dir, f), text);

    it("merges project defaults and stack config into the strings Pulumi hands a program", () => {
        write(
            "Pulumi.yaml",
            "name: proj\nruntime: nodejs\nmain: src/index.ts\nconfig:\n  shards:\n    type: integer\n    default: 2\n  " +
                "aws:region: eu-central-1\n",
        );
        write(
            "Pulumi.dev.yaml",
            "config:\n  proj:name: trades\n  shards: 3\n  proj:tags:\n    team: data\n  proj:enabled: true\n  " +
                "proj:password:\n    secure: v1:abc\n",
        );
        const c = readStackConfig(dir, "dev");
        assert.strictEqual(c.project, "proj");
        assert.strictEqual(c.main, "src/index.ts");
        assert.deepStrictEqual(c.values, {
            "proj:shards": "3",
            "aws:region": "eu-central-1",
            "proj:name": "trades",
            "proj:tags": '{"team":"data"}',
            "proj:enabled": "true",
            "proj:password": "[secret]",
        });
        assert.deepStrictEqual(c.secretKeys, ["proj:password"]);
        assert.ok(c.warnings.some((w) => w.includes("proj:password") && w.includes("encrypted")));
    });

    it("refuses a stack that has no file when others do, and runs a project without stacks", () => {
        write("Pulumi.yaml", "name: proj\n");
        assert.deepStrictEqual(readStackConfig(dir, "dev").values, {});
        write("Pulumi.prod.yaml", "config: {}\n");
        assert.throws(
            () => readStackConfig(dir, "dev"),
            (e: unknown) => e instanceof ProgramError && /no stack "dev".*stacks here: prod/.test(e.message),
        );
    });

    it("says which file is broken", () => {
        write("Pulumi.yaml", "name: [unclosed\n");
        assert.throws(() => readStackConfig(dir, "dev"), /Pulumi\.yaml: invalid YAML/);
    });

    it("turns wire values into plain JSON: unknowns and secrets become placeholders, references their URN", () => {
        const wire = {
            a: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            b: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" },
            c: [
                { "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::t::n", id: "x" },
            ],
            d: { nested: 1 },
        };
        assert.deepStrictEqual(plain(wire), { a: "[unknown]", b: "[secret]", c: ["urn:pulumi:s::p::t::n"], d: { nested: 1 } });
    });

    it("refuses what the engine refuses: a duplicate URN, a parent that was never registered", () => {
        const stack = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
        const res = (urn: string, parent?: string): CapturedResource => ({
            urn,
            type: urn.split("::")[2],
            name: urn.split("::")[3],
            parent,
            custom: true,
            inputs: {},
            wireInputs: {},
            options: { dependsOn: [], ignoreChanges: [], additionalSecretOutputs: [], replaceOnChanges: [], aliases: [] },
            propertyDependencies: {},
        });
        const s = "urn:pulumi:dev::p::aws:kinesis/stream:Stream::s";
        assert.doesNotThrow(() => checkRegistrations([res(stack), res(s, stack)]));
        assert.throws(() => checkRegistrations([res(stack), res(s, stack), res(s, stack)]), {
            name: "ProgramError",
            message: `Duplicate resource URN '${s}'; try giving it a unique name`,
        });
        const orphan = "urn:pulumi:dev::p::x:index:Gone$aws:kinesis/stream:Stream::t";
        assert.throws(() => checkRegistrations([res(stack), res(orphan, "urn:pulumi:dev::p::x:index:Gone::gone")]), {
            name: "ProgramError",
            message:
                `resource '${orphan}' has parent 'urn:pulumi:dev::p::x:index:Gone::gone', which is not registered: ` +
                `register the parent first`,
        });
    });
});
