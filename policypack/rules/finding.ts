// What a rule's pure check returns: the pack reports its message; tests and the linter read its details.

/** One violation found by a pure check. `details` carries the structured facts (tests compare them exactly). */
export interface Finding {
    message: string;
    /** Stack rules: the resource the finding is about. */
    urn?: string;
    details?: Record<string, unknown>;
}
