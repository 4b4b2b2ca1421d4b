// Runs several offline-plan scenarios in ONE process with ONE policy pack (the pack type-checks itself on
// start, which costs seconds): each CLI scenario goes through the CLI's own main(argv) with stdout and stderr
// captured; each program scenario through runProgram. Prints a JSON array of results on stdout.
//
//   node -r ts-node/register/transpile-only test/tools/support/scenarios.ts '<json array of scenarios>'

import * as path from "path";
import { start } from "../../../tools/lib/analyzer";
import { runProgram } from "../../../tools/lib/program";
import { main, PackClient } from "../../../tools/plan";

export type Scenario = { kind: "cli"; argv: string[] } | { kind: "program"; dir: string; stack?: string; preview?: boolean };
export type Result =
    { exitCode: number; stdout: string; stderr: string; ms: number } | { run?: unknown; error?: string; ms: number };

async function runAll(scenarios: Scenario[]): Promise<Result[]> {
    const root = path.resolve(__dirname, "..", "..", "..");
    const needsPack = scenarios.some((s) => s.kind === "cli");
    const shared: Promise<PackClient> | undefined = needsPack ? start(path.join(root, "policypack")) : undefined;
    shared?.catch(() => undefined);
    // Handed out at once; each call waits for the one shared pack. So scenarios that fail before they need
    // the pack (program errors) run while it is still starting, and none of them closes it.
    const proxy: PackClient = {
        getAnalyzerInfo: async () => (await shared!).getAnalyzerInfo(),
        // Shared by every scenario: a scenario that configures the pack must come last.
        configure: async (c) => (await shared!).configure(c),
        analyze: async (r) => (await shared!).analyze(r),
        analyzeStack: async (rs) => (await shared!).analyzeStack(rs),
        close: async () => undefined,
    };
    const startPack = async () => proxy;
    const results: Result[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    try {
        for (const s of scenarios) {
            const t = Date.now();
            if (s.kind === "program") {
                try {
                    results.push({
                        run: await runProgram({ dir: s.dir, stack: s.stack, preview: s.preview }),
                        ms: Date.now() - t,
                    });
                } catch (e) {
                    results.push({ error: (e as Error).message, ms: Date.now() - t });
                }
                continue;
            }
            let stdout = "";
            let stderr = "";
            process.stdout.write = ((chunk: string | Uint8Array) => (
                (stdout += chunk.toString()),
                true
            )) as typeof process.stdout.write;
            process.stderr.write = ((chunk: string | Uint8Array) => (
                (stderr += chunk.toString()),
                true
            )) as typeof process.stderr.write;
            let exitCode: number;
            try {
                exitCode = await main(s.argv, { startPack });
            } finally {
                process.stdout.write = out;
                process.stderr.write = err;
            }
            results.push({ exitCode, stdout, stderr, ms: Date.now() - t });
        }
    } finally {
        if (shared) await (await shared.catch(() => undefined))?.close();
    }
    return results;
}

if (require.main === module) {
    runAll(JSON.parse(process.argv[2]) as Scenario[]).then(
        (r) => process.stdout.write(JSON.stringify(r), () => process.exit(0)),
        (e) => {
            process.stderr.write(`scenarios failed: ${(e as Error).stack}\n`);
            process.exit(3);
        },
    );
}
