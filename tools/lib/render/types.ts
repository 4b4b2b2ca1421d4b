// What the renderers take: the plan's report, its violations and phases; and the shape of the --json document.

import type { AccessJson, AccessMatrix } from "../matrix";
import type { CapturedResource, ResourceOptions } from "../program";

export type EnforcementLevel = "mandatory" | "remediate" | "advisory" | "disabled";
export const LEVEL_ORDER: EnforcementLevel[] = ["mandatory", "remediate", "advisory", "disabled"];

export type Phase = "preview" | "update";

export interface Violation {
    policy: string;
    description?: string;
    enforcementLevel: EnforcementLevel | string;
    /** The offending resource; the root stack's URN for stack-wide findings. */
    urn: string;
    message: string;
    /** The phases (preview / update) in which the pack reported it. */
    phases: Phase[];
}

/** What the tree needs of a captured resource. */
export type TreeResource = Pick<CapturedResource, "urn" | "type" | "name" | "parent" | "custom" | "external"> & {
    options?: Partial<Pick<ResourceOptions, "protect" | "retainOnDelete">>;
};

export interface PlanReport {
    project: string;
    stack: string;
    /** Display path of the program directory. */
    program: string;
    region: string;
    account: string;
    /** The phases run: preview (unknown outputs), update (known outputs), or both. */
    phases: Phase[];
    resources: TreeResource[];
    outputs: Record<string, unknown>;
    matrix: AccessMatrix;
    /** Which phase's inputs the matrix was built from. */
    matrixPhase: Phase;
    violations: Violation[];
    /** `dir`: where the pack was started from. */
    pack: { name: string; version?: string; policies: number; dir?: string };
    warnings: string[];
    exitCode: number;
    durationMs?: number;
}

/** The `--json` document: what was run, its outcome, the resources (inputs of the last phase), access and verdicts. */
export interface PlanJson {
    /** The phases run, in order. */
    phases: Phase[];
    /** The phase whose inputs `resources` and `access` show: the last one run (update by default, documents known). */
    inputsPhase: Phase;
    /** 0 no mandatory violation, 1 a mandatory violation (errors exit 2 with no document). */
    exitCode: number;
    warnings: string[];
    resources: { urn: string; type: string; name: string; parent: string | null; inputs: Record<string, unknown> }[];
    access: AccessJson[];
    violations: { policy: string; enforcementLevel: string; urn: string; message: string; phases: Phase[] }[];
}
