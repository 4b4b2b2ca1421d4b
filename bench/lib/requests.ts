// The requests the bench sends, encoded once before any clock starts: the engine encodes in Go, so the pack's
// figures must not carry the client's marshalling.

import {
    analyzeRequest as buildAnalyzeRequest,
    analyzeStackRequest as buildAnalyzeStackRequest,
    type AnalyzerResource,
} from "../../tools/lib/analyzer";

// The same encoding as tools/lib/analyzer.ts (what the engine sends), serialized once, outside the timings.
export async function analyzeRequest(r: AnalyzerResource): Promise<Uint8Array> {
    return (await buildAnalyzeRequest(r)).serializeBinary();
}

export async function analyzeStackRequest(rs: readonly AnalyzerResource[]): Promise<Uint8Array> {
    return (await buildAnalyzeStackRequest(rs)).serializeBinary();
}
