// Property-test settings: reproducible by default (fixed seed), deeper with PROPERTY_RUNS, another seed with
// PROPERTY_SEED. fast-check prints the seed and path of a failing run, which reproduce it exactly.
import * as fc from "fast-check";

// npm test runs 2,000 per property to stay within its one-minute budget; CI (.ci/run) then runs
// `npm run test:property` at 10,000, and `npm run test:deep` runs 100,000.
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 2_000);
export const SEED = Number(process.env.PROPERTY_SEED ?? 20261123);

export function params<T>(runs = RUNS): fc.Parameters<T> {
    return { numRuns: runs, seed: SEED, endOnFailure: true };
}

/** Requests over the analyzer protocol per property: milliseconds each, so a fraction of RUNS (200 in npm test). */
export const PROTOCOL_RUNS = Number(process.env.PROPERTY_PROTOCOL_RUNS ?? Math.max(200, Math.floor(RUNS / 50)));

/** Mocha timeout for a property of RUNS runs: generous, and growing with PROPERTY_RUNS (10 ms a run). */
export const TIMEOUT = Math.max(300_000, RUNS * 10);
