// What the mocks take and return: the shapes of the `Mocks` interface, matched structurally.

export interface MockResourceArgs {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    provider?: string;
    custom?: boolean;
    id?: string;
}

export interface MockCallArgs {
    token: string;
    inputs: Record<string, unknown>;
    provider?: string;
}

export interface MockResult {
    id: string | undefined;
    state: Record<string, unknown>;
}

export interface PlanMocks {
    newResource(args: MockResourceArgs): MockResult;
    call(args: MockCallArgs): Record<string, unknown>;
    /** Invoke tokens that no handler knew; answered with their inputs. */
    readonly unhandledInvokes: Set<string>;
}

export interface MockOptions {
    region?: string;
    account?: string;
    /** Preview: computed outputs stay unknown (absent), ids are unknown; only inputs and autonames are known. */
    preview: boolean;
    stack: string;
    project: string;
}
