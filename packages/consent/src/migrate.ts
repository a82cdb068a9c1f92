/**
 * Versioned snapshots: a stored state carries its `machineVersion`; `migrate` reads any version
 * this release knows and returns a state of the current one.
 */
import { type ConsentError, consentError, type Result } from './errors.js';
import { type MigrationStep, runMigrations } from './internal/migrations.js';
import { type ConsentState, ConsentStateSchema, MACHINE_VERSION } from './state.js';

// Version 1 is the first released format, so there is no step yet. When the format changes, bump
// MACHINE_VERSION and add `[oldVersion, (s) => upgraded]` here, with a test over a stored sample.
const STEPS: ReadonlyMap<number, MigrationStep> = new Map();

/**
 * Reads a stored snapshot (parsed JSON) of any known machine version and returns a valid state of
 * the current {@link MACHINE_VERSION}, validated with {@link ConsentStateSchema}. A snapshot from a
 * newer release, or with no version, is refused — replay the event log instead (the log, not the
 * snapshot, is the source of truth).
 *
 * @example
 * ```ts
 * const r = migrate(JSON.parse(row.snapshot));
 * const state = r.ok ? r.value : replay(events, key);
 * ```
 */
export function migrate(
  snapshot: unknown,
): Result<ConsentState, ConsentError<'invalid_state' | 'unsupported_version'>> {
  const chain = runMigrations(snapshot, STEPS, MACHINE_VERSION);
  if (!chain.ok) return { ok: false, error: consentError(chain.code, { input: snapshot }) };
  const parsed = ConsentStateSchema.safeParse(chain.value);
  if (!parsed.success) {
    return { ok: false, error: consentError('invalid_state', { input: parsed.error.issues }) };
  }
  return { ok: true, value: parsed.data };
}
