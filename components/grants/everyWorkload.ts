// Every set of profiles one workload can be given, from the same functions the components call with every option:
// which profiles come together. The policy pack reads it to tell whose grant a wildcard most likely is.

import { Profile } from "./profile";
import { KCL_VERSIONS, LEASE_TABLE_MODES } from "./profiles";
import { streamingOperatorProfiles } from "./streamingProfiles";
import { consumerStreamProfiles, kclApplicationProfiles, PRODUCER_CLIENTS, producerProfiles } from "./workloads";

/** Every assignment of true and false to the keys. */
function flagSets<K extends string>(keys: readonly K[]): Record<K, boolean>[] {
    return keys.reduce<Record<K, boolean>[]>(
        (sets, k) => sets.flatMap((s) => [false, true].map((v) => ({ ...s, [k]: v }))),
        [{} as Record<K, boolean>],
    );
}

/** Keeps the profiles of a combination the functions accept (they throw, naming the option, on the others). */
function accepted(make: () => Profile[]): Profile[][] {
    try {
        return [make()];
    } catch {
        return [];
    }
}

const producers = (): Profile[][] =>
    PRODUCER_CLIENTS.flatMap((client) =>
        flagSets(["statusCheck", "customerManagedKey"] as const).flatMap((f) =>
            accepted(() => producerProfiles({ client, ...f })),
        ),
    );

const consumers = (): Profile[][] =>
    KCL_VERSIONS.flatMap((kcl) =>
        LEASE_TABLE_MODES.flatMap((leaseTables) =>
            flagSets(["enhancedFanOut", "customerManagedKey", "leaseTablePitr", "tableTags", "singleTable"] as const).flatMap(
                ({ enhancedFanOut, customerManagedKey, ...options }) =>
                    accepted(() => [
                        ...consumerStreamProfiles({ kcl, enhancedFanOut, customerManagedKey }),
                        ...kclApplicationProfiles({ kcl, leaseTables, options }),
                    ]),
            ),
        ),
    );

const operators = (): Profile[][] =>
    (["existing", "create"] as const).flatMap((serviceLinkedRole) =>
        flagSets(["enable", "describe", "update", "disable", "denyDisable"] as const).map((f) =>
            streamingOperatorProfiles({ ...f, serviceLinkedRole }),
        ),
    );

let every: readonly (readonly Profile[])[] | undefined;

/** Producers, KCL applications and streaming operators, each with every combination of options, each set once. */
export function everyWorkload(): readonly (readonly Profile[])[] {
    if (!every) {
        const sets = new Map<string, Profile[]>();
        for (const w of [...producers(), ...consumers(), ...operators()])
            if (w.length > 0) sets.set(w.map((p) => p.name).join(" "), w);
        every = [...sets.values()];
    }
    return every;
}
