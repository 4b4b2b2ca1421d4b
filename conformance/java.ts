// Builds the Java drivers with Maven (versions pinned in conformance/java/*/pom.xml, artifacts in a local repository
// under conformance/.work/m2) and says how to start one.

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const JAVA = path.join(__dirname, "java");
export const M2 = path.join(__dirname, ".work", "m2");

/** Newest modification time under a folder (source trees are small). */
function newest(dir: string): number {
    let t = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return t;
}

const jarOf = (module: string) => path.join(JAVA, module, "target", `${module}.jar`);
const classpathOf = (module: string) => path.join(JAVA, module, "target", "classpath.txt");

function upToDate(module: string): boolean {
    const dir = path.join(JAVA, module);
    if (!fs.existsSync(jarOf(module)) || !fs.existsSync(classpathOf(module))) return false;
    const built = Math.min(fs.statSync(jarOf(module)).mtimeMs, fs.statSync(classpathOf(module)).mtimeMs);
    return built >= Math.max(newest(path.join(dir, "src")), fs.statSync(path.join(dir, "pom.xml")).mtimeMs);
}

/** The reactor's modules, in build order (recorders first), as conformance/java/pom.xml lists them. */
export function javaModules(): string[] {
    const pom = fs.readFileSync(path.join(JAVA, "pom.xml"), "utf8");
    return [...pom.matchAll(/<module>([^<]+)<\/module>/g)].map((m) => m[1]);
}

/** Builds every module that is older than its sources; returns the modules built. Needs the network for a cold repository. */
export function buildJava(log: (line: string) => void): string[] {
    const stale = javaModules().filter((m) => !upToDate(m));
    if (stale.length === 0) return [];
    log(`maven: building ${stale.join(", ")} (local repository ${path.relative(process.cwd(), M2)})`);
    execFileSync("mvn", ["-q", "-B", `-Dmaven.repo.local=${M2}`, "-f", path.join(JAVA, "pom.xml"), "install", "-DskipTests"], {
        stdio: ["ignore", "inherit", "inherit"],
        timeout: 15 * 60_000,
    });
    return stale;
}

/** Command line of a driver's JVM: small heap and quick start, so four workers fit on two cores. */
export function javaCommand(module: string, main: string): { command: string; args: string[] } {
    const cp = [jarOf(module), fs.readFileSync(classpathOf(module), "utf8").trim()].join(path.delimiter);
    // The KPL unpacks its native binary into java.io.tmpdir: keep it under .work.
    const tmp = path.join(__dirname, ".work", "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    return {
        command: "java",
        args: ["-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", `-Djava.io.tmpdir=${tmp}`, "-cp", cp, main],
    };
}
