// Deterministic, realistic mocks for the AWS resources and invokes the offline plan meets.
//
// Independent of any one copy of @pulumi/pulumi: the objects returned here satisfy the `Mocks` interface
// structurally, and secrets are returned in the wire form every copy of the SDK understands.

import { answerInvoke } from "./invokes";
import { AUTONAMED, autoname, isAutonamed, serviceLinkedRoleName } from "./naming";
import { hex } from "./ids";
import { computed, mockContext } from "./resources";
import type { MockCallArgs, MockOptions, MockResourceArgs, MockResult, PlanMocks } from "./types";

export { hex } from "./ids";
export { autoname, DEFAULT_REGION, dnsSuffixOf, isAutonamed, MOCK_ACCOUNT, partitionOf, serviceLinkedRoleName } from "./naming";
export { policyDocumentInvoke } from "./policyDocument";
export type { PolicyDocumentArgs } from "./policyDocument";
export type { MockCallArgs, MockOptions, MockResourceArgs, MockResult, PlanMocks } from "./types";
export { isSecretValue, SECRET_SIG, secretValue, SIG_KEY, UNKNOWN_VALUE } from "./wire";

export function createMocks(opts: MockOptions): PlanMocks {
    const ctx = mockContext(opts);
    const unhandledInvokes = new Set<string>();

    function physicalName(args: MockResourceArgs): string {
        const given = args.inputs.name;
        if (typeof given === "string" && given !== "") return given;
        if (typeof args.inputs.namePrefix === "string")
            return `${args.inputs.namePrefix}${hex(26, "prefix", opts.stack, args.type, args.name)}`;
        return autoname(args.name, args.type, opts.stack, AUTONAMED[args.type]);
    }

    return {
        unhandledInvokes,
        newResource(args: MockResourceArgs): MockResult {
            if (args.custom === false) {
                // Component resources (and the root stack): no provider, nothing computed.
                return { id: undefined, state: {} };
            }
            const state: Record<string, unknown> = { ...args.inputs };
            const name = physicalName(args);
            // Autonaming happens in the provider's Check, so the name is known even in preview.
            if (isAutonamed(args.type) && state.name === undefined) state.name = name;
            if (args.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole" && typeof args.inputs.awsServiceName === "string") {
                // The role name is a function of the service: known at preview too.
                state.name = serviceLinkedRoleName(args.inputs.awsServiceName, args.inputs.customSuffix as string | undefined);
            }
            if (opts.preview && !args.id) {
                return { id: undefined, state };
            }
            const c = computed(ctx, args, typeof state.name === "string" ? state.name : name);
            return { id: args.id || c.id, state: { ...state, ...c.outputs } };
        },
        call(args: MockCallArgs): Record<string, unknown> {
            const answer = answerInvoke(ctx, args);
            if (answer) return answer;
            unhandledInvokes.add(args.token);
            return { ...(args.inputs ?? {}) };
        },
    };
}
