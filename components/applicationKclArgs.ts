// StreamApplication's KCL arguments, checked before anything registers (STYLE §3.1): the consumed streams and their KCL
// version, kclOptions, and the metadata table names the application claims in the stack.
import * as pulumi from "@pulumi/pulumi";
import { ArgumentChecker, KCL_VERSIONS, KclOptions, KclVersion, kclMetadataTableNames, LeaseTables } from "./grants";
import type { ValidApplicationArgs } from "./applicationArgs";
import { validateStreamLike } from "./shared";
import { claimedBy } from "./stack";

export function checkConsumes(
    c: ArgumentChecker,
    value: unknown,
): { consumes: ValidApplicationArgs["consumes"]; kcl?: KclVersion } {
    let kcl: KclVersion | undefined;
    const consumes = (value === undefined ? [] : c.array("consumes", value)).map((x, i) => {
        const arg = `consumes[${i}]`;
        const o = c.object(arg, x, "{ stream, kcl?, enhancedFanOut? }");
        c.knownKeys(arg, o, ["stream", "kcl", "enhancedFanOut"]);
        const v = o.kcl === undefined ? "3.x" : c.oneOf(`${arg}.kcl`, o.kcl, KCL_VERSIONS);
        if (kcl !== undefined && v !== kcl)
            c.fail(`${arg}.kcl`, v, `"${kcl}" like consumes[0]: one application runs one KCL version`);
        kcl = v;
        const efo = o.enhancedFanOut === undefined ? v !== "1.x" : c.boolean(`${arg}.enhancedFanOut`, o.enhancedFanOut);
        if (v === "1.x" && efo)
            c.fail(`${arg}.enhancedFanOut`, efo, 'false with kcl "1.x" (KCL 1.x has no enhanced fan-out; use "2.x" or "3.x")');
        return { stream: validateStreamLike(c, `${arg}.stream`, o.stream), argument: `${arg}.stream`, enhancedFanOut: efo };
    });
    if (kcl === "1.x" && consumes.length > 1) {
        c.fail(
            "consumes",
            `${consumes.length} streams`,
            'one stream per KCL 1.x application (multi-stream consumers need kcl "2.x" or "3.x")',
        );
    }
    return { consumes, kcl };
}

/**
 * KCL applications sharing a lease table steal each other's shards: every metadata table name is claimed once per stack (item 8).
 */
export function tableClaims(
    c: ArgumentChecker,
    app: string,
    kcl: KclVersion,
    options: KclOptions,
    why: string,
    opts?: pulumi.ComponentResourceOptions,
): string[] {
    const names = kclMetadataTableNames(app, kcl, options);
    const keys = [names.lease, names.workerMetrics, names.coordinatorState]
        .filter((n): n is string => n !== undefined)
        .map((n) => `kcl-table:${n}`);
    for (const k of keys) {
        const other = claimedBy(k, opts);
        if (other !== undefined) {
            c.fail(
                "applicationName",
                app,
                `a name no other KCL application of this stack uses: ${other} already uses the table "${k.slice(10)}" ` +
                    `(applications sharing lease tables steal each other's shards)${why}`,
            );
        }
    }
    return keys;
}

export function validateKclOptions(
    c: ArgumentChecker,
    value: unknown,
    app: { consumes: number; kcl?: KclVersion; leaseTables: LeaseTables },
): KclOptions {
    if (app.consumes === 0) c.fail("kclOptions", value, "only with consumes (they are KCL settings)");
    const o = c.object("kclOptions", value, "{ leaseTablePitr?, tableTags?, metricsNamespace?, singleTable? }");
    c.knownKeys("kclOptions", o, ["leaseTablePitr", "tableTags", "metricsNamespace", "singleTable"]);
    const flag = (k: string) => (o[k] === undefined ? undefined : c.boolean(`kclOptions.${k}`, o[k]));
    const out: KclOptions = {
        leaseTablePitr: flag("leaseTablePitr"),
        tableTags: flag("tableTags"),
        singleTable: flag("singleTable"),
    };
    if (o.metricsNamespace !== undefined) {
        const ns = o.metricsNamespace;
        // CloudWatch namespaces: 1-255 characters, not starting with "AWS/" (reserved for AWS services).
        if (typeof ns !== "string" || !/^[\x20-\x7e]{1,255}$/.test(ns) || ns.startsWith("AWS/") || ns.startsWith(":")) {
            c.fail(
                "kclOptions.metricsNamespace",
                ns,
                'a CloudWatch namespace: 1-255 printable ASCII characters, not starting with "AWS/" or ":"',
            );
        }
        out.metricsNamespace = ns;
    }
    if (out.singleTable && app.kcl !== "3.x") c.fail("kclOptions.singleTable", true, 'only with kcl "3.x" (KCL 3.5 or later)');
    if (out.tableTags && app.leaseTables !== "created-by-kcl")
        c.fail("kclOptions.tableTags", true, 'only with leaseTables "created-by-kcl" (KCL tags only the tables it creates)');
    return out;
}
