// The type check itself, and its cache.
//
// Checking the seed program costs seconds, most of it parsing @pulumi/aws's declarations. The compiler is a pure
// function of its options and of what its host answers: which files and directories exist, what files contain,
// real paths and directory listings. So every answer is recorded, and a later check with the same options whose
// recorded answers all still hold (contents compared by hash) has the same result: it is read from
// node_modules/.cache/kinesis-access/ instead. A new file where resolution once looked changes an answer, so
// it invalidates the cache too.

import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { LIBRARY_ALIASES } from "./modules";
import type { CheckSettings } from "./typecheck";
import { PACKAGE_ROOT } from "./types";

export interface Finding {
    file?: string;
    line?: number;
    column?: number;
    code: number;
    text: string;
}

type Answers = { [K in "file" | "dir" | "real" | "dirs" | "read"]: Record<string, unknown> };
interface Entry {
    key: string;
    answers: Answers;
    findings: Finding[];
}

const CACHE_VERSION = 1;
const hash = (s: string) => crypto.createHash("sha1").update(s).digest("hex");

function cacheFile(dir: string, cacheDir?: string): string | undefined {
    let base = cacheDir;
    for (let d = dir; !base; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, "node_modules"))) base = path.join(d, "node_modules", ".cache", "kinesis-access");
        else if (path.dirname(d) === d) return undefined;
    }
    return path.join(base, `typecheck-${hash(dir).slice(0, 16)}.json`);
}

/** What the host answers now, by the same ts.sys calls the compiler host makes. */
function answer(ts: typeof TS, kind: keyof Answers, p: string): unknown {
    switch (kind) {
        case "file":
            return ts.sys.fileExists(p);
        case "dir":
            return ts.sys.directoryExists(p);
        case "real":
            return ts.sys.realpath ? ts.sys.realpath(p) : p;
        case "dirs":
            return ts.sys.getDirectories(p);
        case "read": {
            const text = ts.sys.readFile(p);
            return text === undefined ? null : hash(text);
        }
    }
}

function stillHolds(ts: typeof TS, answers: Answers): boolean {
    for (const kind of Object.keys(answers) as (keyof Answers)[]) {
        for (const [p, was] of Object.entries(answers[kind])) {
            if (JSON.stringify(answer(ts, kind, p)) !== JSON.stringify(was)) return false;
        }
    }
    return true;
}

/** A compiler host that records every answer, and resolves @pulumi/* and this library as the run does (modules.ts). */
function recordingHost(ts: typeof TS, options: TS.CompilerOptions, answers: Answers): TS.CompilerHost {
    const host = ts.createCompilerHost(options);
    const record = <A extends unknown[], R>(
        kind: keyof Answers,
        f: (p: string, ...a: A) => R,
        value: (r: R) => unknown = (r) => r,
    ) =>
        function (p: string, ...a: A): R {
            const r = f(p, ...a);
            answers[kind][p] = value(r);
            return r;
        };
    host.fileExists = record("file", host.fileExists.bind(host));
    host.directoryExists = host.directoryExists && record("dir", host.directoryExists.bind(host));
    host.realpath = host.realpath && record("real", host.realpath.bind(host));
    host.getDirectories = host.getDirectories && record("dirs", host.getDirectories.bind(host));
    host.readFile = record("read", host.readFile.bind(host), (t) => (t === undefined ? null : hash(t)));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, ...rest) => {
        const sf = getSourceFile(fileName, ...rest);
        answers.read[fileName] = sf ? hash(sf.text) : null;
        return sf;
    };
    const fallbackFrom = path.join(PACKAGE_ROOT, "index.ts");
    const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (f) => host.getCanonicalFileName(f), options);
    host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, containingSourceFile) =>
        literals.map((lit) => {
            const name = lit.text;
            const mode = ts.getModeForUsageLocation(containingSourceFile, lit, opts);
            const r = ts.resolveModuleName(name, containingFile, opts, host, cache, redirected, mode);
            if (r.resolvedModule) return r;
            if (name in LIBRARY_ALIASES) {
                const file = LIBRARY_ALIASES[name].replace(/\.js$/, ".d.ts");
                const extension = file.endsWith(".d.ts") ? ts.Extension.Dts : ts.Extension.Ts;
                return { resolvedModule: { resolvedFileName: file, extension, isExternalLibraryImport: false } };
            }
            return name.startsWith("@pulumi/") ? ts.resolveModuleName(name, fallbackFrom, opts, host, cache, undefined, mode) : r;
        });
    return host;
}

export function findings(ts: typeof TS, diagnostics: readonly TS.Diagnostic[], ignore: readonly number[]): Finding[] {
    return diagnostics
        .filter((d) => !ignore.includes(d.code) && d.category === ts.DiagnosticCategory.Error)
        .map((d) => {
            const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
            const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
            return {
                file: d.file?.fileName,
                line: pos ? pos.line + 1 : undefined,
                column: pos ? pos.character + 1 : undefined,
                code: d.code,
                text,
            };
        });
}

function check(settings: Extract<CheckSettings, { check: true }>, entry: string, answers: Answers): Finding[] {
    const { ts, options } = settings;
    const program = ts.createProgram({ rootNames: [entry], options, host: recordingHost(ts, options, answers) });
    const sep = path.sep;
    // ts-node's scope: the .ts files it compiles, none under node_modules, no declarations.
    const own = program
        .getSourceFiles()
        .filter(
            (f) =>
                !f.isDeclarationFile &&
                !f.fileName.split(/[\\/]/).includes("node_modules") &&
                !f.fileName.includes(`${sep}.ts-node${sep}`),
        );
    return own.flatMap((f) =>
        findings(ts, [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)], settings.ignore),
    );
}

/** The program's type errors: from the cache when every recorded answer still holds, else checked and cached. */
export function checkCached(
    settings: Extract<CheckSettings, { check: true }>,
    dir: string,
    entry: string,
    cacheDir?: string,
): { findings: Finding[]; cached: boolean } {
    const { ts, options } = settings;
    const key = hash(
        JSON.stringify({ CACHE_VERSION, ts: ts.version, entry, options, ignore: settings.ignore, root: PACKAGE_ROOT }),
    );
    const file = cacheFile(dir, cacheDir);
    if (file && fs.existsSync(file)) {
        try {
            const entryOnDisk = JSON.parse(fs.readFileSync(file, "utf8")) as Entry;
            if (entryOnDisk.key === key && stillHolds(ts, entryOnDisk.answers))
                return { findings: entryOnDisk.findings, cached: true };
        } catch {
            // an unreadable cache is no cache
        }
    }
    const answers: Answers = { file: {}, dir: {}, real: {}, dirs: {}, read: {} };
    const found = check(settings, entry, answers);
    if (file) {
        try {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            const tmp = `${file}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, JSON.stringify({ key, answers, findings: found } satisfies Entry));
            fs.renameSync(tmp, file);
        } catch {
            // a cache that cannot be written is only slower
        }
    }
    return { findings: found, cached: false };
}
