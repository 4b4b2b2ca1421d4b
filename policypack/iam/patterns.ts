// IAM wildcards: `*` (any run of characters, including none) and `?` (exactly one), anywhere in a string.
// Actions match case-insensitively; resource ARNs case-sensitively.

import { remember } from "./memo";

export function hasWildcard(s: string): boolean {
    return s.includes("*") || s.includes("?");
}

/** Compiled patterns, case-insensitive and case-sensitive apart (no key to build on every call). */
const caches = { i: new Map<string, RegExp>(), s: new Map<string, RegExp>() };

export function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
    return caseInsensitive ? remember(caches.i, 5000, pattern, actionRegExp) : remember(caches.s, 5000, pattern, globRegExp);
}

// Case-insensitive patterns are action patterns, matched against catalogue names (never a line break): no dotAll
// flag, which with "i" makes V8 compile each pattern about 8 times slower. A subject with a line break then simply
// fails to match, the strict direction.
const actionRegExp = (pattern: string) => new RegExp(`^${globBody(pattern)}$`, "i");
const globRegExp = (pattern: string) => new RegExp(`^${globBody(pattern)}$`, "s");
const globBody = (pattern: string) =>
    pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? ".*" : c === "?" ? "." : `\\${c}`));

/** Does the action pattern `pattern` (e.g. `kinesis:Put*`) cover the action `action` (e.g. `kinesis:PutRecord`)? */
export function actionMatches(pattern: string, action: string): boolean {
    // Without a wildcard every character of the pattern matches exactly one: a length apart is a miss, equal a hit.
    if (!hasWildcard(pattern)) {
        if (pattern.length !== action.length) return false;
        if (pattern === action) return true;
    }
    return globToRegExp(pattern, true).test(action);
}

/**
 * An ARN (pattern) as IAM reads it: an ARN with fewer than six fields has its missing trailing fields as "*"
 * (`arn:aws:kinesis:us-west-2` is every Kinesis resource of the region), and the prefix, partition, service,
 * region and account fields compare case-insensitively. Anything that does not start with `arn:` is returned as is.
 */
export function normalizeArn(s: string): string {
    return /^arn:/i.test(s) ? remember(normalized, 5000, s, normalize) : s;
}

function normalize(s: string): string {
    const f = s.split(":");
    while (f.length < 6) f.push("*");
    for (let i = 0; i < 5; i++) f[i] = f[i].toLowerCase();
    return f.join(":");
}

/** Every rule reads the same resource ARNs of a document. */
const normalized = new Map<string, string>();

const arnCache = new Map<string, RegExp>();

/**
 * Does the resource pattern cover the concrete ARN? IAM matches an ARN field by field: a wildcard in the partition,
 * service, region or account field stays within that field; in the resource part (after the fifth colon) `*` and
 * `?` match anything, colons and slashes included.
 */
export function resourceMatches(pattern: string, arn: string): boolean {
    const p = normalizeArn(pattern);
    if (!p.startsWith("arn:")) return globToRegExp(p, false).test(normalizeArn(arn));
    return remember(arnCache, 5000, p, arnRegExp).test(normalizeArn(arn));
}

function arnRegExp(p: string): RegExp {
    const f = p.split(":");
    const field = (x: string) => x.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? "[^:]*" : c === "?" ? "[^:]" : `\\${c}`));
    const rest = globBody(f.slice(5).join(":"));
    return new RegExp(`^${f.slice(0, 5).map(field).join(":")}:${rest}$`, "s");
}

/** An ARN split into its six fields; the resource part keeps any further colons. */
export interface ArnFields {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

/** The fields of an ARN (pattern), read as IAM reads it (see normalizeArn); undefined when it is not an ARN. */
export function splitArn(s: string): ArnFields | undefined {
    const parts = normalizeArn(s).split(":");
    if (parts.length < 6 || parts[0] !== "arn") return undefined;
    return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/** `role/aws-service-role/<service>/<name>` with the service spelled out (account and region may be wildcards).
 * Only iam:CreateServiceLinkedRole acts on such a role by name, and only for the service its AWSServiceName condition names. */
export function isServiceLinkedRoleArn(resource: string): boolean {
    const arn = splitArn(resource);
    if (!arn || arn.service !== "iam") return false;
    const seg = arn.resource.split("/");
    return (
        seg.length >= 4 &&
        seg[0] === "role" &&
        seg[1] === "aws-service-role" &&
        seg[2] !== "" &&
        !hasWildcard(seg[2]) &&
        seg[3] !== ""
    );
}

// ARN templates from the catalogue, e.g. `arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}`,
// compiled to literal characters and variables. A variable matches one or more characters, never the separator that
// ends it: a `:`, and the literal that follows it (`/` in `${BucketName}/${ObjectName}`), unless its name says it holds
// a path. The last variable may hold `/` and `:` (SSM `parameter/dev/db`, `log-group:/aws/lambda/x`) except the one that
// follows the same variable in a sibling template of the service (`${StreamName}/consumer/...`, `${FunctionName}:${Alias}`).
export type TemplateItem = { lit: string } | { exclude: string; name?: string };

const VARIABLE = /\$\{([A-Za-z0-9_]+)\}/g;

export function compileTemplate(template: string, siblings: readonly string[] = []): TemplateItem[] {
    const items: TemplateItem[] = [];
    const vars: { at: number; name: string; end: number }[] = [];
    const re = new RegExp(VARIABLE.source, "g");
    for (let m = re.exec(template); m; m = re.exec(template)) vars.push({ at: m.index, name: m[1], end: m.index + m[0].length });
    let last = 0;
    vars.forEach((v, i) => {
        for (const c of template.slice(last, v.at)) items.push({ lit: c });
        const pathLike = /Path|Object/.test(v.name);
        const next = template[v.end];
        let exclude: string;
        if (i < vars.length - 1 || next !== undefined) exclude = ":" + (next && next !== ":" && !pathLike ? next : "");
        else exclude = pathLike ? "" : extendedBy(template, v.name, siblings);
        items.push({ exclude, name: v.name });
        last = v.end;
    });
    for (const c of template.slice(last)) items.push({ lit: c });
    return items;
}

/** The separators that follow the same variable in sibling templates (`${StreamName}/consumer`, `${FunctionName}:${Alias}`). */
function extendedBy(template: string, name: string, siblings: readonly string[]): string {
    const seps = new Set<string>();
    for (const t of siblings) {
        if (t === template) continue;
        for (let i = t.indexOf(`\${${name}}`); i >= 0; i = t.indexOf(`\${${name}}`, i + 1)) {
            const c = t[i + name.length + 3];
            if (c !== undefined && c !== "$") seps.add(c);
        }
    }
    return [...seps].sort().join("");
}

const templateRegExps = new WeakMap<TemplateItem[], RegExp>();
const prefixRegExps = new WeakMap<TemplateItem[], RegExp>();
const intersections = new WeakMap<TemplateItem[], Map<string, boolean>>();

/** One item of a template as regular-expression source: a literal, or a variable's characters (without the count). */
const itemSource = (t: TemplateItem): string =>
    "lit" in t
        ? t.lit.replace(/[.+^${}()|[\]\\*?/]/g, (c) => `\\${c}`)
        : t.exclude
          ? `[^${t.exclude.replace(/[\]\\^-]/g, (c) => `\\${c}`)}]`
          : "[\\s\\S]";

/** The template as a regular expression over concrete ARNs (a variable: one or more characters it accepts). */
function templateRegExp(template: TemplateItem[]): RegExp {
    let re = templateRegExps.get(template);
    if (!re) {
        re = new RegExp(`^${template.map((t) => ("lit" in t ? itemSource(t) : `${itemSource(t)}+`)).join("")}$`);
        templateRegExps.set(template, re);
    }
    return re;
}

/** The beginnings of the template's ARNs (any of them, the empty one too), as a regular expression: nested optional groups. */
function templatePrefixRegExp(template: TemplateItem[]): RegExp {
    let re = prefixRegExps.get(template);
    if (!re) {
        let rest = "";
        for (let i = template.length - 1; i >= 0; i--) {
            const t = template[i];
            rest = `(?:${itemSource(t)}${"lit" in t ? "" : "+"}${rest})?`;
        }
        re = new RegExp(`^${rest}$`);
        prefixRegExps.set(template, re);
    }
    return re;
}

/**
 * A pattern whose one wildcard is a `*` at its end, in the resource part (`stream/NAME/consumer/*`, `table/NAME/index/*`,
 * `log-group:NAME:*`): it stands for every ARN its text begins. Five colons precede the resource part.
 */
function trailingStarOnly(pattern: string): boolean {
    if (pattern.charCodeAt(pattern.length - 1) !== 42 /* * */) return false;
    let colons = 0;
    for (let i = 0; i < pattern.length - 1; i++) {
        const c = pattern[i];
        if (c === "*" || c === "?") return false;
        if (c === ":") colons++;
    }
    return colons >= 5;
}

/**
 * Could some concrete ARN be matched both by the template and by the (possibly wildcarded) resource pattern?
 * A concrete pattern is simply tested against the template's regular expression, one ending in its only wildcard (a
 * `*` in the resource part) against the expression of the template's beginnings; any other takes a breadth-first walk
 * over the product of the two automata (states: template item, in-variable, pattern index), its answers remembered
 * per template: the same patterns come back for every rule and every resource.
 */
export function templateIntersects(template: TemplateItem[], raw: string): boolean {
    const pattern = normalizeArn(raw);
    if (!hasWildcard(pattern)) return templateRegExp(template).test(pattern);
    // The usual wildcard, a trailing `*` (every consumer of a stream, every index of a table), needs no walk: the
    // template must have an ARN that starts with the rest, which its prefix expression answers natively.
    if (trailingStarOnly(pattern)) return templatePrefixRegExp(template).test(pattern.slice(0, -1));
    return walked(template, pattern);
}

/** templateIntersects by the general walk alone, for any pattern (its fast path is tested against this). */
export const templateIntersectsByWalk = (template: TemplateItem[], raw: string): boolean => walked(template, normalizeArn(raw));

/** The walk's answer for a normalized pattern, remembered per template. */
function walked(template: TemplateItem[], pattern: string): boolean {
    let memo = intersections.get(template);
    if (!memo) intersections.set(template, (memo = new Map()));
    return remember(memo, 2000, pattern, (p) => walkIntersection(template, p));
}

function walkIntersection(template: TemplateItem[], pattern: string): boolean {
    const width = pattern.length + 1;
    // A wildcard in the partition, region or account field stays within it, as IAM reads it: it never stands for a ":".
    let fieldsEnd = -1;
    for (let n = 0; n < 5 && fieldsEnd < pattern.length; n++)
        fieldsEnd = pattern.indexOf(":", fieldsEnd + 1) < 0 ? pattern.length : pattern.indexOf(":", fieldsEnd + 1);
    // State (i, inVar, j) as one number; visited states in a bit per state.
    const seen = new Uint8Array((template.length + 1) * 2 * width);
    const queue: number[] = [0];
    seen[0] = 1;
    const push = (i: number, inVar: boolean, j: number) => {
        const k = (i * 2 + (inVar ? 1 : 0)) * width + j;
        if (!seen[k]) {
            seen[k] = 1;
            queue.push(k);
        }
    };
    for (let head = 0; head < queue.length; head++) {
        const k = queue[head];
        const j = k % width;
        const inVar = Math.floor(k / width) % 2 === 1;
        const i = Math.floor(k / width / 2);
        // Epsilon moves: finish a variable that consumed at least one character; let `*` match nothing.
        if (inVar) push(i + 1, false, j);
        if (j < pattern.length && pattern[j] === "*") push(i, inVar, j + 1);
        if (i === template.length && j === pattern.length) return true;
        if (i >= template.length || j >= pattern.length) continue;
        const t = template[i];
        const p = pattern[j];
        const pAny = p === "*" || p === "?";
        const nextJ = p === "*" ? j : j + 1;
        if ("lit" in t) {
            if ((pAny && !(t.lit === ":" && j < fieldsEnd)) || p === t.lit) push(i + 1, false, nextJ);
        } else if (pAny || !t.exclude.includes(p)) {
            // Wildcards can always supply a character the variable accepts (e.g. a letter).
            push(i, true, nextJ);
        }
    }
    return false;
}
