// Colour (only on a terminal, never with NO_COLOR), padding that ignores colour codes, and wrapping at a width.

export interface Style {
    bold(s: string): string;
    dim(s: string): string;
    red(s: string): string;
    yellow(s: string): string;
    green(s: string): string;
    cyan(s: string): string;
    magenta(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOUR: Style = {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39),
    magenta: wrap(35, 39),
};
const id = (s: string) => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id, magenta: id };

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return PLAIN;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false")
        return COLOUR;
    return stream.isTTY ? COLOUR : PLAIN;
}

/** The width text is wrapped at off a terminal (a pipe, a file, CI logs). */
export const DEFAULT_WIDTH = 118;
/** Narrower than this, wrapping would leave a word or two a line: the layout keeps this much. */
export const MIN_WIDTH = 60;

/** The terminal's width (its columns, else COLUMNS), or DEFAULT_WIDTH off a terminal. */
export function widthFor(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = process.env): number {
    const cols = stream.isTTY ? (stream.columns ?? Number(env.COLUMNS)) : NaN;
    return Number.isInteger(cols) && cols > 0 ? Math.max(MIN_WIDTH, cols) : DEFAULT_WIDTH;
}

export const visibleLength = (s: string) => s.replace(new RegExp(`${"\u001b"}\\[\\d+m`, "g"), "").length;
export const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - visibleLength(s)));

/** Items joined with ", ", wrapped so no line (indent included) is longer than `width` unless one item is. */
export function wrapList(items: readonly string[], width: number, indent: string): string[] {
    return wrapWords(
        items.map((item, i) => item + (i < items.length - 1 ? "," : "")),
        width - indent.length,
        indent,
    );
}

/** Long messages wrapped at spaces, each line indented; `width` is the text's, without the indent. */
export function wrapText(text: string, width: number, indent: string): string[] {
    return wrapWords(text.split(/ +/), width, indent);
}

function wrapWords(words: readonly string[], width: number, indent: string): string[] {
    const out: string[] = [];
    let line = "";
    for (const word of words) {
        if (line && line.length + 1 + word.length > width) {
            out.push(indent + line);
            line = word;
        } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(indent + line);
    return out;
}
