type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON merge patch (RFC 7396) that turns `base` into `next`: changed members with their new value, removed
 * ones as null, objects patched member by member, arrays replaced whole. Undefined counts as absent. An edit sends
 * only what the person changed, so a teammate's change to another field survives it.
 */
export function mergePatch(base: unknown, next: unknown): Record<string, Json> {
  const patch: Record<string, Json> = {};
  const from = isObject(base) ? base : {};
  const to = isObject(next) ? next : {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const before = from[key];
    const after = to[key];
    if (after === undefined || after === null) {
      if (before !== undefined && before !== null) patch[key] = null;
    } else if (isObject(after) && isObject(before)) {
      const inner = mergePatch(before, after);
      if (Object.keys(inner).length) patch[key] = inner;
    } else if (JSON.stringify(before) !== JSON.stringify(after)) {
      patch[key] = after;
    }
  }
  return patch;
}
