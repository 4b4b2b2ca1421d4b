// Every AWS managed policy in the data is a document IAM accepted: written inline, iam-policy-document-valid must find
// nothing in it but the reviewed ARNs that match no ARN format of the catalogue (fixtures/managed-unmatched-arns.json).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { managedPolicyDocument, managedPolicyNames, parsePolicyDocument } from "../../policypack/iam";
import { checkDocumentValid } from "../../policypack/rules";

const REVIEWED = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "managed-unmatched-arns.json"), "utf8")) as {
    arns: { arn: string; reason: string }[];
};
const UNMATCHED = /^Statement\[\d+\](?: \("[^"]*"\))? Resource "([^"]*)" matches no resource type of its service/;

describe("policypack on every AWS managed policy written inline (#10)", function () {
    this.timeout(60_000);

    it("iam-policy-document-valid refuses none beyond the reviewed ARNs, and every reviewed ARN still occurs", async () => {
        const names = managedPolicyNames();
        assert.ok(names.length > 1000, `the managed-policy data holds ${names.length} policies`);
        const unmatched = new Set<string>();
        const other: string[] = [];
        for (const name of names) {
            const parsed = parsePolicyDocument(managedPolicyDocument(name)!);
            for (const f of await checkDocumentValid({ path: "policy", kind: "managed", parsed })) {
                const error = String(f.details?.error);
                const m = UNMATCHED.exec(error);
                if (m) unmatched.add(m[1]);
                else other.push(`${name}: ${error}`);
            }
        }
        assert.deepEqual(other, []);
        assert.deepEqual([...unmatched].sort(), REVIEWED.arns.map((a) => a.arn).sort());
        for (const a of REVIEWED.arns) assert.match(a.reason, /^(spelling|shape|no type|reading): \S/, a.arn);
    });
});
