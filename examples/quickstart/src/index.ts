/**
 * izinkit quickstart: one SMS consent from a web form, end to end, in four packages —
 *
 * 1. @izinkit/identity   normalise the number the person typed;
 * 2. @izinkit/agreements publish the ETK consent text and render exactly what the person saw;
 * 3. @izinkit/consent    record the decision: state, İYS deadline, "may I send?";
 * 4. @izinkit/evidence   keep verifiable proof: a record, a Merkle log, a signed checkpoint, a
 *                        bundle that anyone can check without our code.
 *
 * Everything runs in memory: no network, no database. `pnpm --filter @izinkit/example-quickstart start`
 */
import { AgreementService, InMemoryAgreementRepository, orThrow } from '@izinkit/agreements';
import { changesToSend, consentKey, initialState, maySend, transition } from '@izinkit/consent';
import {
  buildEvidence,
  bundleFromLog,
  checkpointOf,
  evidenceEntry,
  generateNoteKey,
  MemoryHashStore,
  MerkleLog,
  noteSignerFromKey,
  signCheckpoint,
  verifyEvidenceBundle,
} from '@izinkit/evidence';
import { normalizePhone } from '@izinkit/identity';

const say = (tr: string, en: string): void => console.log(`• ${tr}\n  ${en}`);
function fail(message: string): never {
  throw new Error(message);
}

// The person ticked the SMS box on the web form on Friday 13 March 2026, 13:01 Türkiye time.
const at = new Date('2026-03-13T10:01:00Z');
const brandCode = '600000';
const typed = '0 (532) 123 45 67';

// 1. identity
const phone = normalizePhone(typed);
if (!phone.ok) fail(phone.error.message.en);
const e164 = phone.value.e164;
say(`Telefon "${typed}" → ${e164} (${phone.value.kind})`, `Phone "${typed}" → ${e164} (${phone.value.kind})`);

// 2. agreements
const agreements = new AgreementService({ repository: new InMemoryAgreementRepository(), clock: () => at });
const etk = { brand: brandCode, kind: 'ETK_CONSENT', channel: 'MESAJ', locale: 'tr' } as const;
const draft = orThrow(
  await agreements.createDraft({
    document: etk,
    text: '{{brandName}} (MERSİS: {{mersis}}) kampanyalarını {{recipientAddress}} numarasına SMS ile gönderebilir. Onayınızı dilediğiniz zaman geri alabilirsiniz: {{retInstructions}}\n',
    author: 'hukuk@ornek.com.tr',
    changeNote: 'İlk sürüm / first version',
    material: true,
  }),
);
orThrow(await agreements.publish(etk, { id: draft.id, by: 'hukuk@ornek.com.tr' }));
const shown = orThrow(
  await agreements.render(etk, {
    brandName: 'Örnek',
    mersis: '0720106477000001',
    recipientAddress: e164,
    retInstructions: "RET yazıp 3338'e ücretsiz SMS gönderin.",
  }),
);
say(
  `ETK onay metni yayımlandı; gösterilen metnin özeti ${shown.hash.slice(0, 16)}…`,
  `ETK consent text published; hash of the text shown ${shown.hash.slice(0, 16)}…`,
);

// 3. consent
const key = consentKey({ brandCode, recipient: e164, recipientType: 'BIREYSEL', type: 'MESAJ' });
if (!key.ok) fail(key.error.message);
const decided = transition(initialState(key.value), {
  type: 'DECISION_RECORDED',
  at: at.toISOString(),
  decisionId: 'form-1',
  status: 'ONAY',
  source: 'HS_WEB',
  consentDate: at.toISOString(),
});
if (decided.outcome.kind === 'rejected') fail(decided.outcome.error.message);
const [change] = changesToSend(decided.state);
const deadline = new Date(change?.deadlineAt ?? fail('nothing to send to İYS'));
const istanbul = (locale: string): string =>
  deadline.toLocaleString(locale, { timeZone: 'Europe/Istanbul', dateStyle: 'full', timeStyle: 'short' });
const now = maySend(decided.state, new Date(at.getTime() + 60_000));
const [whyTr, whyEn] = now.message.split(' / ');
say(
  `Onay kaydedildi; en geç ${istanbul('tr-TR')} (Türkiye saati) İYS'ye bildirilmeli. Şimdi SMS gönderilebilir mi? ${now.allowed ? 'Evet' : 'Hayır'}: ${whyTr}`,
  `Consent recorded; it must reach İYS by ${istanbul('en-GB')} (Türkiye time). May we send an SMS now? ${now.allowed ? 'Yes' : 'No'}: ${whyEn ?? whyTr}`,
);

// 4. evidence
const record = buildEvidence({
  id: 'form-1',
  subject: { identifiers: [{ kind: 'PHONE', value: e164 }], recipientType: 'BIREYSEL' },
  subjectKey: { id: 'quickstart', secret: new Uint8Array(32).fill(7) }, // from your KMS in real life
  decision: { status: 'ONAY', channel: 'MESAJ', source: 'HS_WEB' },
  agreement: { versionId: shown.versionId, textHash: shown.hash },
  actor: { type: 'SUBJECT' },
  client: {
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  },
  serverTime: at,
});
if (!record.ok) fail(record.error.message);
const evidence = record.value;
const log = new MerkleLog(new MemoryHashStore());
const { index } = await log.append(evidenceEntry(evidence).entry);
const { signerKey, verifierKey } = generateNoteKey('quickstart.example/evidence');
const signer = noteSignerFromKey(signerKey);
if (!signer.ok) fail(signer.error.message);
const checkpoint = signCheckpoint(checkpointOf('quickstart.example/evidence', log.state), signer.value);
const bundle = await bundleFromLog(log, { record: evidence, leafIndex: index, checkpoint });
const report = await verifyEvidenceBundle(JSON.stringify(bundle), { logKeys: [verifierKey] });
say(
  `Kanıt paketi bağımsız doğrulandı: ${report.ok ? 'geçerli' : 'GEÇERSİZ'} (${report.proved.length} kanıt)`,
  `Evidence bundle verified independently: ${report.ok ? 'valid' : 'INVALID'} (${report.proved.length} proofs)`,
);
if (!report.ok) process.exitCode = 1;
