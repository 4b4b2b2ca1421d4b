// The catalogue's ARN templates (`arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}`) as automata,
// and whether a resource pattern can name an ARN one of them describes.

import { hasWildcard, normalizeArn } from "./patterns";
import { remember } from "./memo";

// A template is compiled to literal characters and variables. A variable matches one or more characters, never the
// separator that ends it: the literal that follows it (`/` in `${BucketName}/${ObjectName}`), unless its name says it
// holds a path, and a `:` outside the resource part or where one follows. So in the resource part a name ended by `/`
// may hold `:` (Glue's `table/aws:cloudtrail/*`, CloudTrail Lake's database). The last variable may hold `/` and `:`
// (SSM `parameter/dev/db`, `log-group:/aws/lambda/x`, RDS's `snapshot:awsbackup:job-1`) except the separator that
// follows it in a template of the service that begins the same way (`stream/${StreamName}/consumer/...`,
// `function:${FunctionName}:${Alias}`).
// A variable that is the whole region or account field may be empty: AWS-owned resources have no account
// (`arn:aws:ssm:*::document/AWS-*`, `arn:aws:ssm:*::parameter/aws/service/*`) and global ones no region, though the
// catalogue writes `${Region}:${Account}` for them too. A `*` in a template (DMS's `endpoint:*`, Backup's account `*`)
// is IAM's: any characters, none too, within its field.
export type TemplateItem = { lit: string } | { exclude: string; name?: string; optional?: boolean };

const VARIABLE = /\$\{([A-Za-z0-9_]+)\}|\*/g;

export function compileTemplate(template: string, siblings: readonly string[] = []): TemplateItem[] {
    const items: TemplateItem[] = [];
    const vars: { at: number; name: string; end: number }[] = [];
    const re = new RegExp(VARIABLE.source, "g");
    for (let m = re.exec(template); m; m = re.exec(template))
        vars.push({ at: m.index, name: m[1] ?? "", end: m.index + m[0].length });
    let last = 0;
    vars.forEach((v, i) => {
        for (const c of template.slice(last, v.at)) items.push({ lit: c });
        const field = template.slice(0, v.at).split(":").length - 1;
        const next = template[v.end];
        if (v.name === "") items.push({ exclude: field < 5 ? ":" : "", optional: true });
        else {
            const pathLike = /Path|Object/.test(v.name);
            let exclude: string;
            if (field >= 5 && next !== undefined && next !== ":") exclude = pathLike ? "" : next;
            else if (i < vars.length - 1 || next !== undefined) exclude = ":" + (next && next !== ":" && !pathLike ? next : "");
            else exclude = pathLike ? "" : extendedBy(template.slice(0, v.end), v.name, siblings);
            const wholeField = template[v.at - 1] === ":" && next === ":";
            items.push({ exclude, name: v.name, optional: (field === 3 || field === 4) && wholeField });
        }
        last = v.end;
    });
    for (const c of template.slice(last)) items.push({ lit: c });
    return items;
}

/**
 * The separators that follow `head` (a template up to its last variable) in the service's other templates that begin
 * the same way, where another variable may stand for a literal of `head` (Kinesis writes its consumers as
 * `${StreamType}/${StreamName}/consumer/...`).
 */
function extendedBy(head: string, name: string, siblings: readonly string[]): string {
    const seps = new Set<string>();
    const v = `\${${name}}`;
    for (const t of siblings) {
        for (let i = t.indexOf(v); i >= 0; i = t.indexOf(v, i + 1)) {
            const c = t[i + v.length];
            if (c === undefined || c === "$") continue;
            const start = t.slice(0, i);
            if (start === head.slice(0, -v.length) || beginsLike(start).test(head.slice(0, -v.length))) seps.add(c);
        }
    }
    return [...seps].sort().join("");
}

/** A template's beginning as a pattern over another's: its variables match a variable or a literal name. */
const beginsLike = (start: string): RegExp =>
    new RegExp(
        `^${start
            .split(/(\$\{[A-Za-z0-9_]+\})/)
            .map((x, k) => (k % 2 ? "(?:\\$\\{[A-Za-z0-9_]+\\}|[^:/$]+)" : x.replace(/[.+^${}()|[\]\\*?/]/g, "\\$&")))
            .join("")}$`,
    );

const templateRegExps = new WeakMap<TemplateItem[], RegExp>();
const prefixRegExps = new WeakMap<TemplateItem[], RegExp>();
const intersections = new WeakMap<TemplateItem[], Map<string, boolean>>();

/** How many characters a variable takes: one or more, or any number when it may be empty. */
const count = (t: TemplateItem): string => ("lit" in t ? "" : t.optional === true ? "*" : "+");

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
        re = new RegExp(`^${template.map((t) => itemSource(t) + count(t)).join("")}$`);
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
            const group = `(?:${itemSource(t)}${count(t)}${rest})`;
            rest = count(t) === "*" ? group : `${group}?`;
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
        // Epsilon moves: finish a variable that consumed at least one character (or none, if it may be empty); let `*`
        // match nothing.
        if (inVar || (i < template.length && count(template[i]) === "*")) push(i + 1, false, j);
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
