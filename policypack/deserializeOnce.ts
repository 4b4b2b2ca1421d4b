// The policy server deserializes a resource's inputs again for every policy that may apply (@pulumi/policy
// server.js: `validateResource` can declare one type only, and 12 of this pack's resource policies read documents of
// several types), so each resource was decoded 12 times or more: the largest part of the pack's cost per resource over the
// one-rule baseline. The server looks its deserializer up on the module at every call, so remembering the result per
// request's properties Struct (the same object for every policy of one request) decodes each resource once. Every
// policy still gets its own unknown-checking proxy over it; this pack's policies only read their inputs.

type Deserialize = (struct: object, proxySecrets: boolean) => unknown;
declare const require: (id: "@pulumi/policy/deserialize") => { deserializeProperties?: Deserialize };

/** Installs the memo once; returns false (and changes nothing) if @pulumi/policy no longer has that seam. */
export function deserializeOnce(): boolean {
    const mod = require("@pulumi/policy/deserialize");
    const original = mod.deserializeProperties;
    if (typeof original !== "function" || (original as { once?: true }).once) return typeof original === "function";
    const memo = [new WeakMap<object, unknown>(), new WeakMap<object, unknown>()];
    const once: Deserialize = (struct, proxySecrets) => {
        const m = memo[proxySecrets ? 1 : 0];
        if (struct === null || typeof struct !== "object") return original(struct, proxySecrets);
        if (!m.has(struct)) m.set(struct, original(struct, proxySecrets));
        return m.get(struct);
    };
    mod.deserializeProperties = Object.assign(once, { once: true as const });
    return true;
}
