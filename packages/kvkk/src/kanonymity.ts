/**
 * Privacy models for a table about to be released: k-anonymity (every combination of
 * quasi-identifier values is shared by at least k rows) and ℓ-diversity (within each such group the
 * sensitive column takes at least ℓ values), and a generaliser that reaches a requested k by global
 * recoding and suppression — the methods the KVKK Board's deletion/anonymisation guide lists.
 */
import { KvkkError } from './errors.js';
import { type GeneraliseSpec, generalise } from './operators.js';

/**
 * A row of a table: a plain object. Field names may be dotted paths into nested objects.
 *
 * @example
 * ```ts
 * const row: Row = { birthYear: '1985', il: 'İzmir', diagnosis: 'J45' };
 * ```
 */
export type Row = { readonly [field: string]: unknown };

function get(row: Row, path: string): unknown {
  if (Object.hasOwn(row, path)) return row[path];
  let v: unknown = row;
  for (const seg of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Row)[seg];
  }
  return v;
}

const keyPart = (v: unknown): string =>
  typeof v === 'string'
    ? `s${v}`
    : v === undefined
      ? 'u'
      : v instanceof Date
        ? `d${v.toISOString()}`
        : `j${JSON.stringify(v)}`;

interface Group {
  readonly first: number;
  size: number;
  readonly sensitive?: Map<string, number>;
}

function groupRows(
  n: number,
  keyOf: (i: number) => string,
  sensitiveOf?: (i: number) => string,
): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    let g = groups.get(key);
    if (!g) {
      g = sensitiveOf ? { first: i, size: 0, sensitive: new Map() } : { first: i, size: 0 };
      groups.set(key, g);
    }
    g.size++;
    if (sensitiveOf) {
      const s = sensitiveOf(i);
      g.sensitive!.set(s, (g.sensitive!.get(s) ?? 0) + 1);
    }
  }
  return groups;
}

function checkFields(fields: readonly string[], what: string): void {
  if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string' || f === ''))
    throw new KvkkError('invalid_argument', {
      tr: `${what} alan adlarından oluşan bir dizi olmalı`,
      en: `${what} must be an array of field names`,
    });
}

/**
 * The k-anonymity of a table.
 *
 * @example
 * ```ts
 * const r: KAnonymityReport = kAnonymity(rows, ['birthYear', 'il']);
 * if (r.k < 5) console.log('too identifying:', r.smallest);
 * ```
 */
export interface KAnonymityReport {
  /** The size of the smallest equivalence class; 0 for an empty table. */
  readonly k: number;
  /** Rows in the table. */
  readonly rows: number;
  /** Number of equivalence classes (distinct quasi-identifier combinations). */
  readonly classes: number;
  /** The smallest class: its quasi-identifier values and size; `null` for an empty table. */
  readonly smallest: {
    /** Its quasi-identifier values. */
    readonly values: Readonly<Record<string, unknown>>;
    /** Its size. */
    readonly size: number;
  } | null;
  /** For each class size below 10, how many classes have it (`{ 1: 3 }`: three unique rows). */
  readonly smallClasses: Readonly<Record<number, number>>;
}

function valuesOf(row: Row, qis: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of qis) out[q] = get(row, q);
  return out;
}

/**
 * Measures k-anonymity: groups rows by their quasi-identifier values (the columns an attacker could
 * know from elsewhere — birth year, district, gender …) and reports the smallest group. A table is
 * k-anonymous when `k` is at least the k you require. Values are compared exactly (`'34'` and `34`
 * differ; a missing field is its own value).
 *
 * @param rows - the table
 * @param quasiIdentifiers - the quasi-identifier fields (dotted paths allowed)
 *
 * @example
 * ```ts
 * const rows = [
 *   { year: '1985', il: 'İzmir', dx: 'A' },
 *   { year: '1985', il: 'İzmir', dx: 'B' },
 *   { year: '1990', il: 'Van', dx: 'A' },
 * ];
 * kAnonymity(rows, ['year', 'il']).k; // 1 — the Van row is unique
 * ```
 */
export function kAnonymity(rows: readonly Row[], quasiIdentifiers: readonly string[]): KAnonymityReport {
  checkFields(quasiIdentifiers, 'quasiIdentifiers');
  const groups = groupRows(rows.length, (i) => {
    let k = '';
    for (const q of quasiIdentifiers) k += `${keyPart(get(rows[i]!, q))}\u0000`;
    return k;
  });
  let smallest: Group | undefined;
  const small: Record<number, number> = {};
  for (const g of groups.values()) {
    if (!smallest || g.size < smallest.size) smallest = g;
    if (g.size < 10) small[g.size] = (small[g.size] ?? 0) + 1;
  }
  return {
    k: smallest?.size ?? 0,
    rows: rows.length,
    classes: groups.size,
    smallest: smallest
      ? { values: valuesOf(rows[smallest.first]!, quasiIdentifiers), size: smallest.size }
      : null,
    smallClasses: small,
  };
}

/**
 * The ℓ-diversity of a table for one sensitive column.
 *
 * @example
 * ```ts
 * const r: LDiversityReport = lDiversity(rows, ['year', 'il'], 'diagnosis');
 * r.distinctL; // smallest number of distinct diagnoses in any group
 * ```
 */
export interface LDiversityReport {
  /** Distinct ℓ-diversity: the fewest distinct sensitive values in any class; 0 for an empty table. */
  readonly distinctL: number;
  /**
   * Entropy ℓ-diversity: the smallest `exp(entropy)` of the sensitive values in any class (equals
   * distinct ℓ when values are evenly spread, less when one value dominates); 0 for an empty table.
   */
  readonly entropyL: number;
  /** Rows in the table. */
  readonly rows: number;
  /** Number of equivalence classes. */
  readonly classes: number;
  /** The least diverse class: its quasi-identifier values, size and distinct sensitive values. */
  readonly worst: {
    /** Its quasi-identifier values. */
    readonly values: Readonly<Record<string, unknown>>;
    /** Its size. */
    readonly size: number;
    /** Distinct sensitive values in it. */
    readonly distinct: number;
  } | null;
}

/**
 * Measures ℓ-diversity: k-anonymity alone does not protect a group whose members all share the same
 * sensitive value (everyone born in 1985 in Van has diagnosis A). Reports distinct ℓ and entropy ℓ
 * over the classes formed by the quasi-identifiers.
 *
 * @example
 * ```ts
 * const rows = [
 *   { year: '1985', il: 'İzmir', dx: 'A' },
 *   { year: '1985', il: 'İzmir', dx: 'A' },
 *   { year: '1990', il: 'Van', dx: 'A' },
 *   { year: '1990', il: 'Van', dx: 'B' },
 * ];
 * lDiversity(rows, ['year', 'il'], 'dx').distinctL; // 1 — the İzmir group reveals its dx
 * ```
 */
export function lDiversity(
  rows: readonly Row[],
  quasiIdentifiers: readonly string[],
  sensitive: string,
): LDiversityReport {
  checkFields(quasiIdentifiers, 'quasiIdentifiers');
  checkFields([sensitive], 'sensitive');
  const groups = groupRows(
    rows.length,
    (i) => {
      let k = '';
      for (const q of quasiIdentifiers) k += `${keyPart(get(rows[i]!, q))}\u0000`;
      return k;
    },
    (i) => keyPart(get(rows[i]!, sensitive)),
  );
  let distinctL = Number.POSITIVE_INFINITY;
  let entropyL = Number.POSITIVE_INFINITY;
  let worst: Group | undefined;
  for (const g of groups.values()) {
    const s = g.sensitive!;
    if (s.size < distinctL) {
      distinctL = s.size;
      worst = g;
    }
    let h = 0;
    for (const c of s.values()) {
      const p = c / g.size;
      h -= p * Math.log(p);
    }
    entropyL = Math.min(entropyL, Math.exp(h));
  }
  return {
    distinctL: worst ? distinctL : 0,
    entropyL: worst ? entropyL : 0,
    rows: rows.length,
    classes: groups.size,
    worst: worst
      ? {
          values: valuesOf(rows[worst.first]!, quasiIdentifiers),
          size: worst.size,
          distinct: worst.sensitive!.size,
        }
      : null,
  };
}

/**
 * A quasi-identifier and its generalisation hierarchy: level 0 is the exact value, level i applies
 * `levels[i − 1]`, and a last level `*` (suppress) is added unless the list already ends with
 * `{ kind: 'suppress' }`.
 *
 * @example
 * ```ts
 * const birth: QuasiIdentifier = {
 *   field: 'birthDate',
 *   levels: [
 *     { kind: 'date', to: 'year' },
 *     { kind: 'ageBand', asOf: '2026-01-01', width: 10 },
 *     { kind: 'ageBand', asOf: '2026-01-01', width: 20 },
 *   ],
 * };
 * ```
 */
export interface QuasiIdentifier {
  /** The field (dotted path allowed). */
  readonly field: string;
  /** Ever coarser generalisations. */
  readonly levels: readonly GeneraliseSpec[];
}

/**
 * Options of {@link achieveKAnonymity}.
 *
 * @example
 * ```ts
 * const o: AchieveKAnonymityOptions = { k: 5, quasiIdentifiers: [birth, address], maxSuppression: 0.02 };
 * ```
 */
export interface AchieveKAnonymityOptions {
  /** The k to reach (an integer ≥ 1). */
  readonly k: number;
  /** The quasi-identifiers with their hierarchies. */
  readonly quasiIdentifiers: readonly QuasiIdentifier[];
  /**
   * Fraction of rows that may be removed (suppressed) to keep the other columns finer; default 0.
   * Rows are removed only when the result needs fewer generalisation levels in total.
   */
  readonly maxSuppression?: number;
  /** Also require distinct ℓ-diversity of this sensitive field within each class. */
  readonly lDiversity?: {
    /** The sensitive field. */
    readonly sensitive: string;
    /** The ℓ to reach. */
    readonly l: number;
  };
  /** Upper bound on the generalisation lattice nodes examined (default 100 000). */
  readonly maxNodes?: number;
}

/**
 * The released table and how it was obtained.
 *
 * @example
 * ```ts
 * const r: AchieveKAnonymityResult = achieveKAnonymity(rows, options);
 * console.log(r.levels, r.suppressed, r.k);
 * ```
 */
export interface AchieveKAnonymityResult {
  /** The rows kept, with quasi-identifiers generalised (other fields unchanged). */
  readonly rows: Row[];
  /** The level chosen for each quasi-identifier (0 = exact). */
  readonly levels: Readonly<Record<string, number>>;
  /** Indices (in the input) of the rows removed. */
  readonly suppressedIndices: readonly number[];
  /** How many rows were removed. */
  readonly suppressed: number;
  /** The k of the output (≥ the requested k, or 0 when every row had to go). */
  readonly k: number;
  /** Share of the maximum generalisation used, 0 (exact) to 1 (everything `*`). */
  readonly generalisationShare: number;
}

function setPath(row: Row, path: string, value: unknown): Row {
  if (Object.hasOwn(row, path) || !path.includes('.')) return { ...row, [path]: value };
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const inner = row[head];
  const base = inner !== null && typeof inner === 'object' ? (inner as Row) : {};
  return { ...row, [head]: setPath(base, rest.join('.'), value) };
}

/**
 * Makes a table k-anonymous by global recoding: picks one generalisation level per
 * quasi-identifier — the lowest total level that works — and removes the rows of classes still
 * smaller than k (at most `maxSuppression` of them). The top level of every hierarchy is `*`, so a
 * solution always exists: with all quasi-identifiers at `*` every row is in one class. When the table
 * has fewer than k rows, every row is removed.
 *
 * The output always satisfies `kAnonymity(result.rows, fields).k >= k` (or is empty) — and, when
 * `lDiversity` is given, `lDiversity(...).distinctL >= l` too (rows of classes that cannot reach ℓ
 * are removed).
 *
 * @throws {@link KvkkError} `invalid_argument` for a k that is not a positive integer, or no
 * quasi-identifiers
 *
 * @example
 * ```ts
 * const r = achieveKAnonymity(customers, {
 *   k: 5,
 *   quasiIdentifiers: [
 *     { field: 'birthDate', levels: [{ kind: 'date', to: 'year' }, { kind: 'date', to: 'decade' }] },
 *     { field: 'address', levels: [{ kind: 'address', to: 'ilce' }, { kind: 'address', to: 'il' }] },
 *   ],
 *   maxSuppression: 0.01,
 * });
 * kAnonymity(r.rows, ['birthDate', 'address']).k >= 5; // true (or r.rows is empty)
 * ```
 */
export function achieveKAnonymity(
  rows: readonly Row[],
  options: AchieveKAnonymityOptions,
): AchieveKAnonymityResult {
  const { k, quasiIdentifiers: qis } = options;
  if (!Number.isInteger(k) || k < 1)
    throw new KvkkError('invalid_argument', {
      tr: 'k pozitif bir tam sayı olmalı',
      en: 'k must be a positive integer',
    });
  if (!Array.isArray(qis) || qis.length === 0)
    throw new KvkkError('invalid_argument', {
      tr: 'En az bir yarı-tanımlayıcı gerekli',
      en: 'At least one quasi-identifier is needed',
    });
  const ldiv = options.lDiversity;
  if (ldiv && (!Number.isInteger(ldiv.l) || ldiv.l < 1))
    throw new KvkkError('invalid_argument', {
      tr: 'ℓ pozitif bir tam sayı olmalı',
      en: 'l must be a positive integer',
    });
  const n = rows.length;
  const maxSup = Math.floor(Math.max(0, Math.min(1, options.maxSuppression ?? 0)) * n);
  const fields = qis.map((q) => q.field);
  // Hierarchies with the top `*` level made explicit.
  const hier = qis.map((q) => {
    const lv = [...q.levels];
    if (lv[lv.length - 1]?.kind !== 'suppress') lv.push({ kind: 'suppress' });
    return lv;
  });
  const heights = hier.map((h) => h.length);
  const maxHeight = heights.reduce((a, b) => a + b, 0);
  // Generalised values, computed lazily per (quasi-identifier, level).
  const cols: (unknown[] | undefined)[][] = qis.map((_, j) => new Array(heights[j]! + 1));
  const column = (j: number, level: number): unknown[] => {
    let c = cols[j]![level];
    if (!c) {
      const field = fields[j]!;
      c = new Array(n);
      for (let i = 0; i < n; i++) {
        const v = get(rows[i]!, field);
        if (level === 0) c[i] = v;
        else {
          const r = generalise(v as string, hier[j]![level - 1]!);
          c[i] = r.ok ? r.value : '*';
        }
      }
      cols[j]![level] = c;
    }
    return c;
  };
  const sensitive = ldiv ? rows.map((r) => keyPart(get(r, ldiv.sensitive))) : undefined;

  const evaluate = (vec: readonly number[]): { bad: number[] } => {
    const cs = vec.map((lvl, j) => column(j, lvl));
    const groups = groupRows(
      n,
      (i) => {
        let key = '';
        for (const c of cs) key += `${keyPart(c[i])}\u0000`;
        return key;
      },
      sensitive ? (i) => sensitive[i]! : undefined,
    );
    const badKeys = new Set<string>();
    for (const [key, g] of groups) if (g.size < k || (ldiv && g.sensitive!.size < ldiv.l)) badKeys.add(key);
    const bad: number[] = [];
    if (badKeys.size > 0)
      for (let i = 0; i < n; i++) {
        let key = '';
        for (const c of cs) key += `${keyPart(c[i])}\u0000`;
        if (badKeys.has(key)) bad.push(i);
      }
    return { bad };
  };

  let best: { vec: number[]; bad: number[] } | undefined;
  if (n >= k) {
    const maxNodes = options.maxNodes ?? 100_000;
    let examined = 0;
    // Breadth by total height: the first height with a solution gives the least generalisation.
    for (let h = 0; h <= maxHeight && !best && examined < maxNodes; h++) {
      for (const vec of vectorsOfHeight(heights, h)) {
        if (++examined > maxNodes) break;
        const { bad } = evaluate(vec);
        if (bad.length <= maxSup && (!best || bad.length < best.bad.length)) best = { vec, bad };
        if (best?.bad.length === 0) break;
      }
    }
    if (!best) {
      const top = [...heights];
      best = { vec: top, bad: evaluate(top).bad };
    }
  }
  const vec = best?.vec ?? [...heights];
  const badSet = new Set(best ? best.bad : rows.map((_, i) => i));
  const out: Row[] = [];
  const cs = vec.map((lvl, j) => (best ? column(j, lvl) : []));
  for (let i = 0; i < n; i++) {
    if (badSet.has(i)) continue;
    let r = rows[i]!;
    for (let j = 0; j < fields.length; j++) if (vec[j]! > 0) r = setPath(r, fields[j]!, cs[j]![i]);
    out.push(r);
  }
  const levels: Record<string, number> = {};
  fields.forEach((f, j) => {
    levels[f] = vec[j]!;
  });
  const suppressedIndices = [...badSet].sort((a, b) => a - b);
  return {
    rows: out,
    levels,
    suppressedIndices,
    suppressed: suppressedIndices.length,
    k: out.length === 0 ? 0 : kAnonymity(out, fields).k,
    generalisationShare: maxHeight === 0 ? 0 : vec.reduce((a, b) => a + b, 0) / maxHeight,
  };
}

/** All level vectors `v` with `0 ≤ v[j] ≤ heights[j]` and `Σ v = h`, in lexicographic order. */
function* vectorsOfHeight(heights: readonly number[], h: number): Generator<number[]> {
  const m = heights.length;
  const v = new Array<number>(m).fill(0);
  function* rec(j: number, left: number): Generator<number[]> {
    if (j === m - 1) {
      if (left <= heights[j]!) {
        v[j] = left;
        yield [...v];
      }
      return;
    }
    let restMax = 0;
    for (let t = j + 1; t < m; t++) restMax += heights[t]!;
    for (let x = Math.max(0, left - restMax); x <= Math.min(heights[j]!, left); x++) {
      v[j] = x;
      yield* rec(j + 1, left - x);
    }
  }
  yield* rec(0, h);
}
