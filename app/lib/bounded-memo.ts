// A pure function's results kept by key, at most `size` of them, the oldest dropped first: for work
// that repeats across requests (the same offers' readings, the same wishes' queries) in a long-running process.
export function boundedMemo<A, K, V>(size: number, keyOf: (arg: A) => K, compute: (arg: A) => V): (arg: A) => V {
  const known = new Map<K, V>();
  return (arg) => {
    const key = keyOf(arg);
    if (known.has(key)) return known.get(key)!;
    const value = compute(arg);
    if (known.size >= size) known.delete(known.keys().next().value!);
    known.set(key, value);
    return value;
  };
}
