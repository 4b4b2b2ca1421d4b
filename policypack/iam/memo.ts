// Answers remembered per key, up to a bound: the rules ask the same questions about the same actions, ARNs and
// documents for every policy and resource, and a long preview must not grow the maps without limit.

/** `compute(key)`, remembered in `memo`, which is emptied once it holds `limit` keys. `compute` never returns undefined. */
export function remember<K, V>(memo: Map<K, V>, limit: number, key: K, compute: (key: K) => V): V {
    let v = memo.get(key);
    if (v === undefined) {
        v = compute(key);
        if (memo.size >= limit) memo.clear();
        memo.set(key, v);
    }
    return v;
}
