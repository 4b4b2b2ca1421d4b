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

function show(value: unknown): string {
    if (value === undefined) return "undefined";
    if (typeof value === "function") return "a function";
    let s: string;
    try {
        s = JSON.stringify(value) ?? String(value);
    } catch {
        s = Object.prototype.toString.call(value);
    }
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export const NAME_RULES = {
    stream: { re: /^[a-zA-Z0-9_.-]{1,128}$/, text: "1-128 characters of a-z A-Z 0-9 _ . -" },
    table: { re: /^[a-zA-Z0-9_.-]{3,255}$/, text: "3-255 characters of a-z A-Z 0-9 _ . -" },
    iamUser: { re: /^[\w+=,.@-]{1,64}$/, text: "1-64 characters of a-z A-Z 0-9 _ + = , . @ -" },
    iamRole: { re: /^[\w+=,.@-]{1,64}$/, text: "1-64 characters of a-z A-Z 0-9 _ + = , . @ -" },
    iamPolicy: { re: /^[\w+=,.@-]{1,128}$/, text: "1-128 characters of a-z A-Z 0-9 _ + = , . @ -" },
} as const;

export const KMS_KEY_ARN_RE = /^arn:[a-z][a-z0-9-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
export const PRINCIPAL_ARN_RE = /^arn:[a-z][a-z0-9-]*:iam::\d{12}:(role|user|group)\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,128})$/;

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
            if (!keys.includes(k)) this.fail(`${argument ? argument + "." : ""}${k}`, value[k], `one of the keys ${keys.join(", ")}`);
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
            this.fail(argument, value, max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`);
        }
        return value;
    }

    name(argument: string, value: unknown, rule: keyof typeof NAME_RULES): string {
        const r = NAME_RULES[rule];
        if (typeof value !== "string" || !r.re.test(value)) this.fail(argument, value, r.text);
        return value;
    }

    array(argument: string, value: unknown): unknown[] {
        if (!Array.isArray(value)) this.fail(argument, value, "an array");
        return value;
    }
}
