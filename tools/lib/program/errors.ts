// Errors of a program run, in one line that says what went wrong and where.

import * as path from "path";
import { ProgramError } from "./types";

export const firstLine = (e: unknown) =>
    String(e instanceof Error ? e.message : e)
        .split("\n")
        .find((l) => l.trim() !== "") ?? String(e);

export function describeProgramError(e: unknown, dir: string): string {
    if (e instanceof ProgramError) return e.message;
    const err = e instanceof Error ? e : new Error(String(e));
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "MODULE_NOT_FOUND") {
        const m = /Cannot find module '([^']+)'/.exec(err.message);
        const from = /Require stack:\n- (.+)/.exec(err.message);
        const importer = from ? ` (from ${path.relative(process.cwd(), from[1]) || from[1]})` : "";
        return `program imports a module that cannot be found: ${m ? m[1] : firstLine(err)}${importer}`;
    }
    if (err.name === "TSError")
        return `program does not compile: ${firstLine(err).replace(/^⨯ Unable to compile TypeScript:\s*/, "")}`;
    // Where in the program: the first stack frame inside the program's directory.
    const frame = (err.stack ?? "")
        .split("\n")
        .slice(1)
        .map((l) => /\(?([^()\s]+):(\d+):(\d+)\)?$/.exec(l.trim()))
        .find((m) => m && m[1].startsWith(dir) && !m[1].includes(`${path.sep}node_modules${path.sep}`));
    const where = frame ? ` (${path.relative(process.cwd(), frame[1]) || frame[1]}:${frame[2]})` : "";
    const msg = firstLine(err).replace(/^failed to register new resource .*?: /, "");
    return `program failed: ${err.name && err.name !== "Error" ? `${err.name}: ` : ""}${msg}${where}`;
}

/** `p`, or a ProgramError saying that `what` did not finish within `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    return Promise.race([
        p.finally(() => clearTimeout(timer)),
        new Promise<T>((_, reject) => {
            timer = setTimeout(() => reject(new ProgramError(`${what} did not finish within ${ms / 1000} s`)), ms);
            timer.unref();
        }),
    ]);
}
