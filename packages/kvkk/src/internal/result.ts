import type { KvkkIssue } from '../errors.js';

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

export function issue<C extends string>(
  code: C,
  tr: string,
  en: string,
  path?: readonly (string | number)[],
): KvkkIssue<C> {
  return path === undefined ? { code, message: { tr, en } } : { code, message: { tr, en }, path };
}
