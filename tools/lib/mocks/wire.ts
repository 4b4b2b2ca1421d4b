// The Pulumi SDK's wire form of secrets and unknowns, independent of any one copy of @pulumi/pulumi.

/** Wire-format markers of the Pulumi SDK (runtime/rpc.ts), the same in every copy. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const secretValue = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

export function isSecretValue(v: unknown): v is { value: unknown } {
    return !!v && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}
