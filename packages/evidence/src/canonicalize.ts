/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 */
import { EvidenceError } from './errors.js';
import { sha256Utf8 } from './internal/hash.js';

const MAX_DEPTH = 1000;

const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** A character that JSON escapes, or a surrogate (which may be lone): strings without one need no work. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly U+0000–U+001F, so the class must name them.
const NEEDS_CARE = /[\u0000-\u001f"\\\ud800-\udfff]/;

function str(s: string): string {
  // Fast path: nothing to escape and no surrogate at all, so the string is well formed and its JSON
  // form is the string between quotes.
  if (!NEEDS_CARE.test(s)) return `"${s}"`;
  if (!isWellFormed(s)) {
    throw new EvidenceError(
      'NOT_JSON',
      'a string holds a lone UTF-16 surrogate, which JSON text cannot carry',
    );
  }
  // ECMAScript JSON.stringify escapes exactly what RFC 8785 §3.2.2.2 asks for on well-formed
  // strings: `"` and `\`, \b \t \n \f \r, other controls as lower-case \u00xx, nothing else.
  return JSON.stringify(s);
}

function num(n: number): string {
  if (!Number.isFinite(n)) {
    throw new EvidenceError('NOT_JSON', `${n} is not a JSON number (RFC 8785 §3.2.2.3)`);
  }
  // RFC 8785 §3.2.2.3 serialises numbers exactly as ECMAScript Number.prototype.toString does;
  // -0 becomes "0".
  return n === 0 ? '0' : String(n);
}

function serialize(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return str(v);
    case 'number':
      return num(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (depth > MAX_DEPTH) {
        throw new EvidenceError('NOT_JSON', `nesting deeper than ${MAX_DEPTH} levels (or a cycle)`);
      }
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out += ',';
          const e: unknown = v[i];
          if (e === undefined) throw new EvidenceError('NOT_JSON', `array element ${i} is undefined`);
          out += serialize(e, depth + 1);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        const toJSON = (v as { toJSON?: unknown }).toJSON;
        if (typeof toJSON === 'function') return serialize(toJSON.call(v), depth + 1);
        throw new EvidenceError(
          'NOT_JSON',
          `an object of class ${(v as object).constructor?.name ?? 'unknown'} is not JSON data`,
        );
      }
      const o = v as Record<string, unknown>;
      // Array.prototype.sort without a comparator orders strings by UTF-16 code units, which is
      // the order RFC 8785 §3.2.3 requires.
      const keys = Object.keys(o).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const e = o[k];
        if (e === undefined) continue; // an absent optional property
        if (!first) out += ',';
        first = false;
        out += `${str(k)}:${serialize(e, depth + 1)}`;
      }
      return `${out}}`;
    }
    default:
      throw new EvidenceError('NOT_JSON', `a value of type ${typeof v} is not JSON data`);
  }
}

/**
 * The RFC 8785 (JCS) canonical form of a JSON value: object members sorted by the UTF-16 code
 * units of their names, no whitespace, strings escaped as ECMAScript's `JSON.stringify` does,
 * numbers written as ECMAScript's `Number.prototype.toString` writes them (`1e+21`, `5e-324`,
 * `0` for `-0`).
 *
 * Accepts `null`, booleans, finite numbers, well-formed strings, arrays and plain objects.
 * Object members whose value is `undefined` are left out (an absent optional field); an object
 * with a `toJSON` method (a `Date`) is replaced by its result. Anything else — `NaN`, `Infinity`,
 * a lone surrogate, a bigint, a function, a `Map`, a cycle — throws an {@link EvidenceError} with
 * code `NOT_JSON`, because no canonical form exists for it.
 *
 * @example
 * ```ts
 * canonicalize({ b: [true, null], a: 1e21, c: 'ğ' }); // '{"a":1e+21,"b":[true,null],"c":"ğ"}'
 * ```
 */
export function canonicalize(value: unknown): string {
  // Fast path: when every object's own keys are already in UTF-16 order and every value is plain
  // JSON data, ECMAScript's JSON.stringify writes exactly the RFC 8785 form (it emits members in
  // Object.keys order, escapes as §3.2.2.2 asks and formats numbers as §3.2.2.3 asks). Records
  // parsed from canonical JSON, and those buildEvidence makes, take this path.
  if (readyForStringify(value, 0)) {
    const out = JSON.stringify(value);
    // JSON.stringify escapes a lone surrogate as \udXXX, where RFC 8785 requires an error: let
    // the general path decide (it throws for a lone surrogate, and is exact for a literal "\ud").
    if (!out.includes('\\ud') && !out.includes('\\uD')) return out;
  }
  return serialize(value, 0);
}

function readyForStringify(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object': {
      if (v === null) return true;
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const e: unknown = v[i];
          if (e === undefined || !readyForStringify(e, depth + 1)) return false;
        }
        return true;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      const o = v as Record<string, unknown>;
      // for…in walks the own enumerable keys in Object.keys order (the prototype is
      // Object.prototype or null, which have no enumerable keys) without allocating the key array.
      let prev: string | undefined;
      for (const k in o) {
        if (prev !== undefined && !(prev < k)) return false;
        prev = k;
        const e = o[k];
        if (e !== undefined && !readyForStringify(e, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * SHA-256 of the UTF-8 bytes of {@link canonicalize}`(value)`: a content hash of JSON data that
 * does not depend on member order or formatting.
 *
 * @example
 * ```ts
 * const h = canonicalHash({ a: 1, b: 2 });
 * h.length; // 32 — and canonicalHash({ b: 2, a: 1 }) is the same
 * ```
 */
export function canonicalHash(value: unknown): Uint8Array {
  return sha256Utf8(-1, canonicalize(value));
}
