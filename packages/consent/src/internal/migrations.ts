/**
 * The migration chain: `steps[v]` turns a snapshot of version `v` into one of version `v + 1`.
 * Kept apart from `migrate` so the chain itself can be tested with synthetic steps.
 */
export type MigrationStep = (snapshot: Record<string, unknown>) => Record<string, unknown>;

export type ChainResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly code: 'invalid_state' | 'unsupported_version' };

export function runMigrations(
  snapshot: unknown,
  steps: ReadonlyMap<number, MigrationStep>,
  target: number,
): ChainResult {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) {
    return { ok: false, code: 'invalid_state' };
  }
  let s = snapshot as Record<string, unknown>;
  const version = s.machineVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, code: 'invalid_state' };
  }
  let v: number = version;
  if (v > target) return { ok: false, code: 'unsupported_version' };
  while (v < target) {
    const stepFn = steps.get(v);
    if (stepFn === undefined) return { ok: false, code: 'unsupported_version' };
    s = stepFn(s);
    if (s.machineVersion !== v + 1) return { ok: false, code: 'invalid_state' };
    v = v + 1;
  }
  return { ok: true, value: s };
}
