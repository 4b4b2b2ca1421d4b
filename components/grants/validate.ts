// Argument validation shared by the components: every message names the argument, the value and what is allowed.

export class ValidationError extends Error {
    constructor(
        readonly component: string,
        readonly resourceName: string,
        readonly argument: string,
        readonly value: unknown,
        readonly allowed: string,
    ) {
        super(`${component} "${resourceName}": invalid ${argument} = ${show(value)}; allowed: ${allowed}`);
        this.name = "ValidationError";
    }
}

/** A value as a message shows it: JSON where JSON is faithful, and words for what JSON would hide or garble. */
export function show(value: unknown): string {
    const s = render(value, new Set(), 0);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function render(v: unknown, seen: Set<object>, depth: number): string {
    if (v === undefined) return "undefined";
    if (typeof v === "function") return "a function";
    if (typeof v === "number") return String(v);
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "symbol") return v.toString();
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    const o = v as Record<string, unknown>;
    // Duck-typed, as this module does not import the SDK: an Output's toJSON prints a warning, not its value.
    if (o.__pulumiOutput === true) return "an Output (checked when it resolves)";
    if (o.__pulumiResource === true) return `a resource ${JSON.stringify(o.__name ?? "")}`;
    if (v instanceof Promise) return "a Promise (checked when it resolves)";
    if (seen.has(v) || depth > 3) return Array.isArray(v) ? `an array of ${v.length}` : "an object";
    seen.add(v);
    try {
        if (Array.isArray(v)) return `[${Array.from(v, (x) => render(x, seen, depth + 1)).join(",")}]`;
        return `{${Object.keys(o)
            .map((k) => `${JSON.stringify(k)}:${render(o[k], seen, depth + 1)}`)
            .join(",")}}`;
    } finally {
        seen.delete(v);
    }
}

export const NAME_RULES = {
    stream: { re: /^[a-zA-Z0-9_.-]{1,128}$/, text: "1-128 characters of a-z A-Z 0-9 _ . -" },
    table: { re: /^[a-zA-Z0-9_.-]{3,255}$/, text: "3-255 characters of a-z A-Z 0-9 _ . -" },
    iamUser: { re: /^[\w+=,.@-]{1,64}$/, text: "1-64 characters of a-z A-Z 0-9 _ + = , . @ -" },
    iamRole: { re: /^[\w+=,.@-]{1,64}$/, text: "1-64 characters of a-z A-Z 0-9 _ + = , . @ -" },
    iamPolicy: { re: /^[\w+=,.@-]{1,128}$/, text: "1-128 characters of a-z A-Z 0-9 _ + = , . @ -" },
} as const;

export const KMS_KEY_ARN_RE = /^arn:[a-z][a-z0-9-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
/** An IAM role, user or group ARN: [, kind, name] as before; `parsePrincipalArn` gives every part. */
export const PRINCIPAL_ARN_RE = /^arn:[a-z][a-z0-9-]*:iam::\d{12}:(role|user|group)\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,128})$/;
const PRINCIPAL_PARTS_RE = /^arn:([a-z][a-z0-9-]*):iam::(\d{12}):(role|user|group)(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,128})$/;

export interface PrincipalArn {
    partition: string;
    account: string;
    kind: "role" | "user" | "group";
    /** "/" or "/a/b/". IAM names are unique in an account whatever the path, so attaching by name reaches this principal. */
    path: string;
    name: string;
}

export function parsePrincipalArn(arn: string): PrincipalArn | undefined {
    const m = PRINCIPAL_PARTS_RE.exec(arn);
    return m ? { partition: m[1], account: m[2], kind: m[3] as PrincipalArn["kind"], path: m[4], name: m[5] } : undefined;
}

/** Checks one component's arguments; each method returns the value, typed, or throws a ValidationError. */
export class ArgumentChecker {
    constructor(
        readonly component: string,
        readonly resourceName: string,
    ) {}

    fail(argument: string, value: unknown, allowed: string): never {
        throw new ValidationError(this.component, this.resourceName, argument, value, allowed);
    }

    object(argument: string, value: unknown, allowed = "an object"): Record<string, unknown> {
        if (value === null || typeof value !== "object" || Array.isArray(value)) this.fail(argument, value, allowed);
        return value as Record<string, unknown>;
    }

    /** Rejects keys the argument does not know: a typo must not silently become a default. */
    knownKeys(argument: string, value: Record<string, unknown>, keys: readonly string[]): void {
        for (const k of Object.keys(value)) {
            if (!keys.includes(k))
                this.fail(`${argument ? argument + "." : ""}${k}`, value[k], `one of the keys ${keys.join(", ")}`);
        }
    }

    oneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[]): T {
        if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
            this.fail(argument, value, allowed.map((a) => JSON.stringify(a)).join(" | "));
        }
        return value as T;
    }

    boolean(argument: string, value: unknown): boolean {
        if (typeof value !== "boolean") this.fail(argument, value, "true or false");
        return value;
    }

    integer(argument: string, value: unknown, min: number, max: number): number {
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
            this.fail(
                argument,
                value,
                max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`,
            );
        }
        return value;
    }

    name(argument: string, value: unknown, rule: keyof typeof NAME_RULES): string {
        const r = NAME_RULES[rule];
        if (typeof value !== "string" || !r.re.test(value)) this.fail(argument, value, r.text);
        return value;
    }

    /** An array without holes: `[ , ]` names the missing element instead of failing later on `undefined`. */
    array(argument: string, value: unknown): unknown[] {
        if (!Array.isArray(value)) this.fail(argument, value, "an array");
        for (let i = 0; i < value.length; i++) {
            if (!(i in value))
                this.fail(`${argument}[${i}]`, undefined, "an element (the array has a hole here, as `[ , ]` makes)");
        }
        return value;
    }
}
