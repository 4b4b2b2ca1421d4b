// The requests the engine sends (Analyze, AnalyzeStack) and the pack info it gets back, in protobuf form.

import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { LEVELS, structPb } from "./sdk";
import type { AnalyzerInfo, AnalyzerResource } from "./types";

/** The Analyze request the engine would send for `r` (also used by the benchmarks, which encode requests up front). */
export async function analyzeRequest(r: AnalyzerResource): Promise<analyzerPb.AnalyzeRequest> {
    return new analyzerPb.AnalyzeRequest()
        .setUrn(r.urn)
        .setType(r.type)
        .setName(r.name)
        .setProperties(await marshal(r.inputs))
        .setOptions(options(r));
}

/** The AnalyzeStack request the engine would send for `rs`. */
export async function analyzeStackRequest(rs: readonly AnalyzerResource[]): Promise<analyzerPb.AnalyzeStackRequest> {
    const req = new analyzerPb.AnalyzeStackRequest();
    for (const r of rs) {
        const ar = new analyzerPb.AnalyzerResource()
            .setUrn(r.urn)
            .setType(r.type)
            .setName(r.name)
            .setProperties(await marshal(r.inputs))
            .setOptions(options(r))
            .setParent(r.parent ?? "")
            .setDependenciesList(r.dependencies ?? []);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            if (urns.length > 0)
                ar.getPropertydependenciesMap().set(k, new analyzerPb.AnalyzerPropertyDependencies().setUrnsList(urns));
        }
        req.addResources(ar);
    }
    return req;
}

async function marshal(inputs: Record<string, unknown>): Promise<StructPb.Struct> {
    const wire = await rpc.serializeProperties("analyzer inputs", inputs);
    return structPb.Struct.fromJavaScript(wire as Record<string, StructPb.JavaScriptValue>);
}

function options(r: AnalyzerResource): analyzerPb.AnalyzerResourceOptions {
    const o = r.options ?? {};
    const t = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts()
        .setCreate(o.customTimeouts?.create ?? 0)
        .setUpdate(o.customTimeouts?.update ?? 0)
        .setDelete(o.customTimeouts?.delete ?? 0);
    return new analyzerPb.AnalyzerResourceOptions()
        .setProtect(o.protect ?? false)
        .setIgnorechangesList(o.ignoreChanges ?? [])
        .setDeletebeforereplace(o.deleteBeforeReplace ?? false)
        .setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined)
        .setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? [])
        .setAliasesList(o.aliases ?? [])
        .setCustomtimeouts(t)
        .setParent(r.parent ?? "");
}

export function toInfo(res: analyzerPb.AnalyzerInfo): AnalyzerInfo {
    const initialConfig: AnalyzerInfo["initialConfig"] = {};
    res.getInitialconfigMap().forEach((v, k) => {
        initialConfig[k] = {
            ...(v.getProperties()?.toJavaScript() ?? {}),
            enforcementLevel: LEVELS[v.getEnforcementlevel()] ?? "advisory",
        };
    });
    return {
        name: res.getName(),
        displayName: res.getDisplayname(),
        version: res.getVersion(),
        supportsConfig: res.getSupportsconfig(),
        initialConfig,
        policies: res.getPoliciesList().map((p) => {
            const s = p.getConfigschema();
            return {
                name: p.getName(),
                displayName: p.getDisplayname(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
                message: p.getMessage(),
                ...(s
                    ? { configSchema: { properties: s.getProperties()?.toJavaScript() ?? {}, required: s.getRequiredList() } }
                    : {}),
            };
        }),
    };
}
