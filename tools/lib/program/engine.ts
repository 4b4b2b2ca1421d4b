// What the real engine refuses that the SDK's mock monitor lets through.

import { CapturedResource, ProgramError } from "./types";

/** Two resources with one URN, or a parent that was never registered: the engine stops the update on either. */
export function checkRegistrations(resources: readonly CapturedResource[]): void {
    const seen = new Set<string>();
    for (const r of resources) {
        if (r.external) continue;
        if (seen.has(r.urn)) throw new ProgramError(`Duplicate resource URN '${r.urn}'; try giving it a unique name`);
        seen.add(r.urn);
    }
    for (const r of resources) {
        if (r.parent && !seen.has(r.parent) && !resources.some((x) => x.urn === r.parent)) {
            throw new ProgramError(
                `resource '${r.urn}' has parent '${r.parent}', which is not registered: register the parent first`,
            );
        }
    }
}
