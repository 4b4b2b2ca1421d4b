// The real-world documents of issue #10, one JSON file per class (test/policypack/fixtures/class-*.json), each case
// with its public source, the resource it is found in and the verdict expected: the rules that fire, per level.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { FIXTURES } from "./helpers";
import { runInProcess } from "./verdicts";

export interface Expected {
    mandatory: string[];
    advisory: string[];
    /** Suggestions class: the resource role of the profile suggested for the document's wildcard, or "none". */
    suggestionRole?: string;
}

export interface FixtureCase {
    source: string;
    resource: { type: string; inputs: Record<string, unknown> };
    /** Pack configuration for this case (policy name → config). */
    config?: Record<string, Record<string, unknown>>;
    expected: Expected;
}

export interface FixtureClass {
    file: string;
    class: string;
    cases: FixtureCase[];
}

export function fixtureClasses(): FixtureClass[] {
    return readdirSync(FIXTURES)
        .filter((f) => /^class-.*\.json$/.test(f))
        .sort()
        .map((file) => ({
            file,
            ...(JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as Omit<FixtureClass, "file">),
        }));
}

/** Rule names that fire, per level, as { mandatory, advisory } sorted without repeats. */
export function byLevel(vs: { policyName: string; enforcementLevel: string }[]): Pick<Expected, "mandatory" | "advisory"> {
    const of = (level: string) => [...new Set(vs.filter((v) => v.enforcementLevel === level).map((v) => v.policyName))].sort();
    return { mandatory: of("mandatory"), advisory: of("advisory") };
}

/** Every resource policy of the pack run in-process on the case's inputs, with its configuration. */
export async function inProcess(
    c: FixtureCase,
    name: string,
): Promise<{ policyName: string; enforcementLevel: string; message: string }[]> {
    const urn = `urn:pulumi:dev::fixtures::${c.resource.type}::${name}`;
    const vs = await runInProcess({ type: c.resource.type, name, urn, props: c.resource.inputs }, c.config);
    return vs.map(({ policyName, enforcementLevel, message }) => ({ policyName, enforcementLevel, message }));
}
