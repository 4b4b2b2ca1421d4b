// 2. Components under mocks: the seed scenario and N stream+application sets, each run in a fresh process, against
// the same resources written as raw @pulumi/aws resources (checked identical first).

import { log, REPS, REPS_LARGE, REPS_MID, section, SETS_N, verdict } from "../lib/context";
import { fix, range, ratio, summarize, table } from "../lib/stats";
import { runWorker, WorkerResult } from "../lib/worker";

/** The raw counterparts register exactly the components' custom resources, with the same inputs. */
async function checkSameResources(n: number, other: "raw" | "parented"): Promise<void> {
    type Reg = { type: string; name: string; custom: boolean; inputs: unknown };
    const key = (r: Reg) => `${r.type}::${r.name}`;
    const [c, r] = (await Promise.all([
        runWorker(["components", String(n), "dump"]),
        runWorker([other, String(n), "dump"]),
    ])) as Reg[][];
    // The bare components of `parented` stand for the real ones: compare everything it registers.
    const mine = (x: Reg) => x.custom || other === "parented";
    const cs = new Map(c.filter(mine).map((x) => [key(x), JSON.stringify(x.inputs)]));
    const rs = new Map(r.filter(mine).map((x) => [key(x), JSON.stringify(x.inputs)]));
    const diff = [...new Set([...cs.keys(), ...rs.keys()])].filter((k) => cs.get(k) !== rs.get(k));
    if (diff.length > 0) throw new Error(`N=${n}: ${other} and component resources differ: ${diff.join(", ")}`);
}

/** N where the raw resources also run under two bare component resources per set (see the worker's `parented`). */
const PARENTED_N = new Set([100]);

type Variant = "components" | "raw" | "parented";
type Runs = Record<Variant, WorkerResult[]>;

export async function componentsSection(): Promise<void> {
    log("components: checking the raw counterparts register the same resources ...");
    await checkSameResources(0, "raw");
    await Promise.all([checkSameResources(2, "raw"), checkSameResources(2, "parented")]);
    const results = await measure();
    const rows: string[][] = [];
    const shape: string[][] = [];
    const perSet = new Map<number, { c: number; r: number }>();
    for (const [n, runs] of results) {
        const x = summarizeN(n, runs);
        rows.push(x.row);
        if (x.shape) shape.push(x.shape);
        if (x.perSet) perSet.set(n, x.perSet);
    }
    const p100 = perSet.get(100);
    const p1000 = perSet.get(1000);
    const growth = p100 && p1000 ? { c: p1000.c / p100.c, r: p1000.r / p100.r } : undefined;
    report(rows, shape, growth);
    if (growth)
        verdict(
            "components linear in N (per-set cost at N = 1,000 ≤ 1.25× that at N = 100)",
            growth.c,
            1.25,
            `components ${fix(growth.c)}×, raw ${fix(growth.r)}×`,
        );
}

/** Every N's runs, each in a fresh process, the variants rotating from one repetition to the next. */
async function measure(): Promise<Map<number, Runs>> {
    const results = new Map<number, Runs>();
    for (const n of SETS_N) {
        const reps = n >= 1000 ? REPS_LARGE : n >= 100 ? REPS_MID : REPS;
        if (reps < 1) continue;
        const rs: Runs = { components: [], raw: [], parented: [] };
        results.set(n, rs);
        const variants: Variant[] = PARENTED_N.has(n) ? ["components", "raw", "parented"] : ["components", "raw"];
        for (let rep = 0; rep < reps; rep++) {
            for (let k = 0; k < variants.length; k++) {
                const v = variants[(k + rep) % variants.length];
                const res = (await runWorker([v, String(n)])) as WorkerResult;
                rs[v].push(res);
                log(
                    `components: N=${n} ${v} rep ${rep + 1}/${reps}: ${fix(res.ms, 0)} ms wall, ${fix(res.cpuMs, 0)} ms CPU, ` +
                        `+${fix(res.growthMb, 0)} MB`,
                );
            }
        }
    }
    return results;
}

/** One N's row of the table, its row of the bare-components table (if measured), and its target's verdict. */
function summarizeN(n: number, { components: c, raw: r, parented: pr }: Runs) {
    const [cw, rw, cc, rc, cg, rg] = [
        c.map((x) => x.ms),
        r.map((x) => x.ms),
        c.map((x) => x.cpuMs),
        r.map((x) => x.cpuMs),
        c.map((x) => x.growthMb),
        r.map((x) => x.growthMb),
    ].map(summarize);
    const row = [
        n === 0 ? "seed (index.ts)" : `N = ${n.toLocaleString("en")}`,
        String(c.length),
        `${c[0].registrations} / ${r[0].registrations}`,
        range(cw),
        range(rw),
        `**${fix(ratio(cw, rw))}×**`,
        `${fix(ratio(cc, rc))}×`,
        `${range(cg)} / ${range(rg)}`,
        `${fix(ratio(cg, rg))}×`,
        n > 0 ? `${fix(cw.median / n, 1)} / ${fix(rw.median / n, 1)}` : "–",
    ];
    let shape: string[] | undefined;
    if (pr.length > 0) {
        const [pw, pc] = [pr.map((x) => x.ms), pr.map((x) => x.cpuMs)].map(summarize);
        shape = [
            `N = ${n.toLocaleString("en")}`,
            `${range(rw)} / ${range(rc)}`,
            `${range(pw)} / ${range(pc)}`,
            `${range(cw)} / ${range(cc)}`,
            `${fix(ratio(pw, rw))}× / ${fix(ratio(pc, rc))}×`,
            `${fix(ratio(cw, pw))}× / ${fix(ratio(cc, pc))}×`,
        ];
    }
    const wallRatio = ratio(cw, rw);
    verdict(
        `components ≤ 1.1× raw (${n === 0 ? "seed" : `N = ${n}`}, wall time)`,
        wallRatio,
        1.1,
        `${fix(wallRatio)}× (CPU ${fix(ratio(cc, rc))}×, memory ${fix(ratio(cg, rg))}×)`,
    );
    return { row, shape, perSet: n > 0 ? { c: cw.median / n, r: rw.median / n } : undefined };
}

function report(rows: string[][], shape: string[][], growth: { c: number; r: number } | undefined): void {
    const headers = [
        "program",
        "runs each",
        "registrations (comp / raw)",
        "components ms",
        "raw ms",
        "wall ratio",
        "CPU ratio",
        "peak RSS growth MB (comp / raw)",
        "memory ratio",
        "ms per set (comp / raw)",
    ];
    const shapeHeaders = [
        "program",
        "raw",
        "raw under bare components",
        "components",
        "bare components / raw",
        "components / bare components",
    ];
    section(
        "Components under mocks vs the same resources as raw @pulumi/aws (fresh process per run; median (min–max))",
        table(headers, rows) +
            (growth
                ? `\n\nPer-set cost at N = 1,000 relative to N = 100: components ${fix(growth.c)}×, raw ${fix(growth.r)}× ` +
                  `(1.00 = linear).`
                : "") +
            (shape.length
                ? "\n\nWhere the difference comes from: the raw resources again under two bare component resources per set " +
                  "(the components' type tokens, names and registered outputs, no code), i.e. what registering the " +
                  "component resources costs apart from the components' own code (wall / CPU ms):\n\n" +
                  table(shapeHeaders, shape)
                : ""),
    );
}
