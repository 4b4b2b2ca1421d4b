// The benchmark's floor: a one-rule pack started exactly as policypack/ is (run-policy-pack, ts-node type-checking
// this directory). Written the way policypack/index.ts is written (@pulumi/policy loaded untyped, no imports), so
// the difference measured is the real pack's own rules, catalogue and imports, not a heavier baseline.
export {};

interface Args {
    props: Record<string, unknown>;
}
declare const require: (id: "@pulumi/policy") => {
    PolicyPack: new (
        name: string,
        args: {
            policies: {
                name: string;
                description: string;
                enforcementLevel: "mandatory";
                validateResource: (args: Args, report: (m: string) => void) => void;
            }[];
        },
    ) => unknown;
};
const { PolicyPack } = require("@pulumi/policy");

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

new PolicyPack("bench-baseline", {
    policies: [
        {
            name: "no-literal-star",
            description: 'IAM policy documents must not allow a literal "*" action or resource.',
            enforcementLevel: "mandatory",
            validateResource: (args, report) => {
                let raw: unknown;
                try {
                    raw = args.props.policy; // the server's proxy throws on values not known yet
                } catch {
                    return;
                }
                if (raw === undefined) return;
                let doc: { Statement?: unknown };
                try {
                    doc = typeof raw === "string" ? JSON.parse(raw) : (raw as { Statement?: unknown });
                } catch {
                    return;
                }
                for (const s of list(doc?.Statement) as { Effect?: unknown; Action?: unknown; Resource?: unknown }[]) {
                    if (s?.Effect === "Allow" && [...list(s.Action), ...list(s.Resource)].includes("*"))
                        report('allows a literal "*"');
                }
            },
        },
    ],
});
