/**
 * From the merged keys to what is sent: each key's winning decision either goes to İYS (an ONAY;
 * a RET only when the brand's consents are already in İYS) or is settled locally (a RET with
 * nothing to withdraw). The keys to send are cut into batches of 1000 in key order, so the same
 * file and options always give the same batches — which is what lets a killed run resume.
 */
import { createHash } from 'node:crypto';
import type { Consent } from '@izinkit/iys';
import { PROVIDER_SOURCES } from '@izinkit/iys';
import type { Analysis } from './analyse.js';
import { FLAG_RET, FLAG_SEEN_ONAY, fromKeyCode } from './key-table.js';

/** The outcome kinds a key (and so its winning row) can end with. */
export const OUTCOME = {
  notSent: 0,
  registered: 1,
  alreadyRegistered: 2,
  rejected: 3,
  failed: 4,
  skipped: 5,
} as const;

/**
 * An outcome kind (see {@link OUTCOME}).
 *
 * @example
 * ```ts
 * const k: OutcomeKind = OUTCOME.registered;
 * ```
 */
export type OutcomeKind = (typeof OUTCOME)[keyof typeof OUTCOME];

/**
 * The upload plan and, as the upload goes on, each key's outcome.
 *
 * @example
 * ```ts
 * const plan = makePlan(analysis, { brandCode: 600000, knownToIys: false, batchSize: 1000 });
 * plan.batches.length; // ⌈keys to send / 1000⌉
 * ```
 */
export interface Plan {
  /** Slots to send, in order. */
  readonly send: Int32Array;
  /** `[start, end)` into `send` per batch. */
  readonly batches: readonly (readonly [number, number])[];
  /** SHA-256 over the brand and every consent to send, in order. */
  readonly hash: string;
  /** Outcome kind per slot. */
  readonly kind: Uint8Array;
  /** Outcome code per slot (a CodeRegistry number; 0 for a success). */
  readonly code: Uint16Array;
  /** İYS transaction id per slot, once registered. */
  readonly transactionId: (string | undefined)[];
}

/**
 * Options of {@link makePlan}.
 *
 * @example
 * ```ts
 * const o: PlanOptions = { brandCode: 600000, knownToIys: true, batchSize: 1000 };
 * ```
 */
export interface PlanOptions {
  /** The brand. */
  readonly brandCode: number;
  /** The brand's consents are already in İYS: send RET decisions too (İYS answers H175 where it has none). */
  readonly knownToIys: boolean;
  /** Consents per batch (İYS allows at most 1000). */
  readonly batchSize: number;
}

/**
 * Decides, per key, what is sent and what is settled locally, and cuts the batches.
 *
 * @example
 * ```ts
 * const plan = makePlan(analysis, { brandCode: 600000, knownToIys: false, batchSize: 1000 });
 * ```
 */
export function makePlan(a: Analysis, options: PlanOptions): Plan {
  const n = a.keys.size;
  const kind = new Uint8Array(n);
  const code = new Uint16Array(n);
  const send = new Int32Array(n);
  let count = 0;
  const firstRet = a.codes.intern('first_record_ret', {
    tr: 'İlk defa kaydedilen bir iznin durumu RET olamaz; dosyada bu izin için bir onay yok ve İYS’de kayıt olduğu bilinmiyor, gönderilmedi (İYS H175). Markanın izinleri İYS’de zaten kayıtlıysa --known-to-iys kullanın.',
    en: 'The first record of a consent cannot be RET: the file holds no ONAY for it and İYS is not known to hold one, so nothing was sent (İYS H175). Use --known-to-iys when the brand’s consents are already in İYS.',
  });
  const nothing = a.codes.local('nothing_to_withdraw');
  const hash = createHash('sha256');
  hash.update(`brand ${options.brandCode}\n`);
  for (let s = 0; s < n; s++) {
    const f = a.keys.flags[s]!;
    if ((f & FLAG_RET) !== 0 && !options.knownToIys) {
      kind[s] = OUTCOME.skipped;
      code[s] = (f & FLAG_SEEN_ONAY) !== 0 ? nothing : firstRet;
      continue;
    }
    send[count++] = s;
    hash.update(
      `${a.keys.recipient(s)} ${a.keys.code[s]} ${f & FLAG_RET} ${a.keys.source[s]} ${a.keys.winnerMs[s]}\n`,
    );
  }
  const batches: [number, number][] = [];
  for (let i = 0; i < count; i += options.batchSize)
    batches.push([i, Math.min(count, i + options.batchSize)]);
  return {
    send: send.subarray(0, count),
    batches,
    hash: hash.digest('hex'),
    kind,
    code,
    transactionId: [],
  };
}

/**
 * The İYS consent of a slot's winning decision.
 *
 * @example
 * ```ts
 * consentOf(analysis, slot); // { recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB', consentDate: Date }
 * ```
 */
export function consentOf(a: Analysis, slot: number): Consent {
  const { recipientType, type } = fromKeyCode(a.keys.code[slot]!);
  return {
    recipient: a.keys.recipient(slot),
    recipientType,
    type,
    status: (a.keys.flags[slot]! & FLAG_RET) !== 0 ? 'RET' : 'ONAY',
    source: PROVIDER_SOURCES[a.keys.source[slot]!]!,
    consentDate: new Date(a.keys.winnerMs[slot]!),
  };
}
