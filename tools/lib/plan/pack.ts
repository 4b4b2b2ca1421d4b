// The policy pack, through the analyzer client (tools/lib/analyzer: the pack started as the CLI starts it):
// the program's resources as the engine sends them, and --policy-pack-config as the CLI sends it.

import type { AnalyzerClient, AnalyzerInfo, AnalyzerResource, StartOptions, Violation as PackViolation } from "../analyzer";
import { configErrorText, readPolicyPackConfig, reconcilePolicyPackConfig } from "../packConfig";
import { CapturedResource, ProgramError, ProgramRun } from "../program";

export type PackClient = Pick<AnalyzerClient, "getAnalyzerInfo" | "configure" | "analyze" | "analyzeStack" | "close">;
export type StartPack = (packDir: string, opts: StartOptions) => Promise<PackClient>;

/** Go-style durations ("5m", "1h30m", "90s") → seconds, as the analyzer protocol carries custom timeouts. */
export function durationSeconds(d: string | undefined): number | undefined {
    if (!d) return undefined;
    const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
    let total = 0;
    let matched = "";
    for (const m of d.matchAll(re)) {
        total += Number(m[1]) * (m[2] === "h" ? 3600 : m[2] === "m" ? 60 : m[2] === "s" ? 1 : 0.001);
        matched += m[0];
    }
    return matched === d ? total : undefined;
}

export function toPackResource(r: CapturedResource): AnalyzerResource {
    const o = r.options;
    const timeouts = o.customTimeouts
        ? {
              create: durationSeconds(o.customTimeouts.create),
              update: durationSeconds(o.customTimeouts.update),
              delete: durationSeconds(o.customTimeouts.delete),
          }
        : undefined;
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        ...(r.parent ? { parent: r.parent } : {}),
        // The wire form: the engine's unknown sentinel and secret envelopes, exactly what a preview sends.
        inputs: r.wireInputs,
        options: {
            protect: o.protect ?? false,
            retainOnDelete: o.retainOnDelete ?? false,
            ignoreChanges: o.ignoreChanges,
            ...(o.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: o.deleteBeforeReplace } : {}),
            additionalSecretOutputs: o.additionalSecretOutputs,
            aliases: o.aliases.filter((a): a is string => typeof a === "string"),
            ...(timeouts ? { customTimeouts: timeouts } : {}),
        },
        dependencies: o.dependsOn,
        propertyDependencies: r.propertyDependencies,
    };
}

/**
 * Analyze each resource the program registers (its inputs, as the engine checks every step before it runs),
 * then AnalyzeStack with every resource's state (inputs plus what the provider computed: unknown at preview),
 * as the engine does at the end of a preview or an update. Reads of existing resources are only in the stack.
 */
export async function analyzeRun(pack: PackClient, run: ProgramRun): Promise<PackViolation[]> {
    const managed = run.resources.filter((r) => !r.external);
    // Analyze's diagnostics may leave the URN out: the engine knows which resource it asked about.
    const perResource = await Promise.all(
        managed.map(async (r) => (await pack.analyze(toPackResource(r))).map((v) => ({ ...v, urn: v.urn || r.urn }))),
    );
    const stack = await pack.analyzeStack(
        run.resources.map((r) => ({ ...toPackResource(r), inputs: r.custom && r.wireOutputs ? r.wireOutputs : r.wireInputs })),
    );
    return [...perResource.flat(), ...stack];
}

/** Sends --policy-pack-config to the pack as the CLI does, after the CLI's schema checks; warns of unknown policies. */
export async function configurePack(
    pack: PackClient,
    info: AnalyzerInfo,
    given: ReturnType<typeof readPolicyPackConfig>,
): Promise<string[]> {
    const result = reconcilePolicyPackConfig(info, given);
    if ("errors" in result) throw new ProgramError(configErrorText(info, result.errors));
    await pack.configure(result.config);
    const names = new Set(info.policies.map((p) => p.name));
    return Object.keys(given)
        .filter((k) => k !== "all" && !names.has(k))
        .map((k) => `--policy-pack-config: "${k}" is not a policy of ${info.name} (ignored, as pulumi preview ignores it)`);
}
