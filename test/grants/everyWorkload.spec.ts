// components/grants/everyWorkload: the profile sets the components can give one workload, with every option.
import { strict as assert } from "node:assert";
import {
    consumerStreamProfiles,
    everyWorkload,
    kclApplicationProfiles,
    KCL1_STREAM,
    KCL2_ENHANCED_FAN_OUT,
    KCL3_ENHANCED_FAN_OUT,
    producerProfiles,
    PROFILES,
    streamingOperatorProfiles,
} from "../../components/grants";

const key = (w: readonly { name: string }[]) => w.map((p) => p.name).join(" ");

describe("components/grants: every workload", () => {
    const every = new Set(everyWorkload().map(key));

    it("holds the sets the workload functions return, and no set they refuse or leave empty", () => {
        for (const w of [
            producerProfiles(),
            producerProfiles({ client: "kpl", customerManagedKey: true }),
            [
                ...consumerStreamProfiles({ kcl: "3.x", enhancedFanOut: true }),
                ...kclApplicationProfiles({ kcl: "3.x", leaseTables: "created-by-kcl", options: { tableTags: true } }),
            ],
            streamingOperatorProfiles({ enable: true, disable: true, serviceLinkedRole: "create" }),
        ])
            assert.ok(every.has(key(w)), key(w));
        // KCL 1.x has no enhanced fan-out (consumerStreamProfiles throws): no set pairs them.
        assert.throws(() => consumerStreamProfiles({ kcl: "1.x", enhancedFanOut: true }));
        const efo = new Set([KCL2_ENHANCED_FAN_OUT, KCL3_ENHANCED_FAN_OUT]);
        assert.ok(!everyWorkload().some((w) => w.includes(KCL1_STREAM) && w.some((p) => efo.has(p))));
        assert.ok(everyWorkload().every((w) => w.length > 0));
        assert.equal(every.size, everyWorkload().length, "each set once");
    });

    it("gives every profile of PROFILES to some workload", () => {
        const given = new Set(everyWorkload().flatMap((w) => w.map((p) => p.name)));
        assert.deepEqual(
            PROFILES.map((p) => p.name).filter((n) => !given.has(n)),
            [],
        );
    });
});
