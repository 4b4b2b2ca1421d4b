import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultPolicyPack } from "../../tools/lib/fresh";

describe("tools/lib/fresh: which policy pack npm start runs", () => {
    let root: string;
    const at = (rel: string, seconds: number) => {
        const p = path.join(root, rel);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, "x");
        fs.utimesSync(p, seconds, seconds);
    };
    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "fresh-"));
        at("policypack/PulumiPolicy.yaml", 100);
        at("policypack/rules/a.ts", 100);
        at("components/grants/index.ts", 100);
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("the sources when nothing is built", () => {
        assert.equal(defaultPolicyPack(root), path.join(root, "policypack"));
    });
    it("the compiled pack when it is as new as every source", () => {
        at("policypack/dist/PulumiPolicy.yaml", 200);
        assert.equal(defaultPolicyPack(root), path.join(root, "policypack", "dist"));
    });
    it("the sources again once a rule or a profile changes after the build", () => {
        at("policypack/dist/PulumiPolicy.yaml", 200);
        at("components/grants/index.ts", 300);
        assert.equal(defaultPolicyPack(root), path.join(root, "policypack"));
        at("components/grants/index.ts", 100);
        at("policypack/rules/a.ts", 300);
        assert.equal(defaultPolicyPack(root), path.join(root, "policypack"));
    });
});
