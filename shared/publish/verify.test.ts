import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalForm, fingerprint } from './canonicalForm.js';
import type { DeclarationExport, SignatureRecord } from './declarationExport.js';
import { buildExport } from './exportBuilder.js';
import { signedMessage, toBase64Url, fromBase64Url, verifySignature } from './signature.js';
import { parseExport, verifyExport } from './verify.js';

const ROWS = [
  {
    fr: ['1. Les collectivités territoriales françaises et vietnamiennes se sont réunies à Hanoï.'],
    vi: ['1. Các địa phương Việt Nam và Pháp đã họp tại Hà Nội.'],
  },
  { fr: ['2. Elles renforceront leur coopération d’ici 2030\u00a0!'], vi: ['2. Các bên sẽ tăng cường hợp tác đến năm 2030!'] },
];

function sample(id = 'decl-1', date: string | null = '2026-11-23'): DeclarationExport {
  return buildExport(
    {
      title: 'Déclaration finale des 12es Assises',
      languages: ['fr', 'vi'],
      rows: ROWS.map((r, i) => ({
        id: `row${i}`,
        status: 'agreed',
        cells: { fr: r.fr.map((text, k) => ({ pid: `f${i}${k}`, text })), vi: r.vi.map((text, k) => ({ pid: `v${i}${k}`, text })) },
      })),
    },
    { id, version: 3, date },
  );
}

function signatory() {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: toBase64Url(ed25519.getPublicKey(secretKey)) };
}

function sign(exp: DeclarationExport, lang: string, who = signatory(), over = exp): SignatureRecord {
  const signature = toBase64Url(ed25519.sign(signedMessage(over.id, lang, over.sha256), who.secretKey));
  return { lang, signer: `Signatory ${lang}`, publicKey: who.publicKey, signature, signedAt: '2026-11-23T10:00:00.000Z' };
}

describe('the fingerprint', () => {
  it('is the same for decomposed (NFD) and composed (NFC) text', () => {
    const nfc = sample();
    const nfd = {
      ...nfc,
      title: nfc.title.normalize('NFD'),
      rows: nfc.rows.map((r) => ({ ...r, text: { fr: r.text.fr!.map((p) => p.normalize('NFD')), vi: r.text.vi!.map((p) => p.normalize('NFD')) } })),
    };
    expect(nfd.rows[0]!.text.vi![0]).not.toBe(nfc.rows[0]!.text.vi![0]);
    expect(fingerprint(nfd)).toBe(nfc.sha256);
  });

  it('changes with any one character, and with the date, title or row grouping', () => {
    const base = sample();
    const changed = {
      ...base,
      rows: base.rows.map((r, i) => (i === 1 ? { ...r, text: { ...r.text, vi: ['2. Các bên sẽ tăng cường hợp tác đến năm 2031!'] } } : r)),
    };
    expect(fingerprint(changed)).not.toBe(base.sha256);
    expect(fingerprint({ ...base, date: '2026-11-24' })).not.toBe(base.sha256);
    expect(fingerprint({ ...base, title: base.title + ' ' })).not.toBe(base.sha256);
    const regrouped = {
      ...base,
      rows: [{ text: { fr: [...base.rows[0]!.text.fr!, ...base.rows[1]!.text.fr!], vi: [...base.rows[0]!.text.vi!, ...base.rows[1]!.text.vi!] } }],
    };
    expect(fingerprint(regrouped)).not.toBe(base.sha256);
  });

  it('leaves ids, statuses and version numbers out', () => {
    const base = sample();
    const relabelled = { ...base, version: 9, rows: base.rows.map((r) => ({ ...r, id: r.id + 'x', status: 'draft', stale: true })) };
    expect(fingerprint(relabelled)).toBe(base.sha256);
  });

  it('is SHA-256 of the documented serialisation', () => {
    const form = canonicalForm({ title: 'T', languages: ['fr', 'vi'], date: null, rows: [{ text: { fr: ['a'], vi: ['b'] } }] });
    expect(form).toBe('{"format":"accord-canonical/1","title":"T","languages":["fr","vi"],"date":null,"rows":[[["a"],["b"]]]}');
    expect(fingerprint({ title: 'T', languages: ['fr', 'vi'], date: null, rows: [{ text: { fr: ['a'], vi: ['b'] } }] })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verification', () => {
  it('passes an untouched unsigned export and says it is unsigned', () => {
    const report = verifyExport(sample());
    expect(report.problems).toEqual([]);
    expect(report.signatures).toEqual([]);
    expect(report.unsignedLanguages).toEqual(['fr', 'vi']);
  });

  it('passes a signed export and fails it, naming the row and language, once one word is changed', () => {
    const exp = sample();
    const signed = { ...exp, signatures: [sign(exp, 'fr'), sign(exp, 'vi')] };
    expect(verifyExport(signed).problems).toEqual([]);
    const tampered = JSON.parse(JSON.stringify(signed)) as DeclarationExport;
    (tampered.rows[1]!.text.vi as string[])[0] = '2. Các bên sẽ tăng cường hợp tác đến năm 2035!';
    const report = verifyExport(tampered);
    expect(report.fingerprintMatches).toBe(false);
    expect(report.changedParts).toEqual(['row 2 (vi)']);
    expect(report.problems.join('\n')).toMatch(/row 2 \(vi\)/);
    expect(report.signatures.map((s) => s.valid)).toEqual([false, false]);
  });

  it('names the sha256 field when only it was edited', () => {
    const exp = sample();
    const report = verifyExport({ ...exp, sha256: '0'.repeat(64) });
    expect(report.changedParts).toEqual(['the sha256 field']);
  });

  it('refuses a forged signature, a signature re-used from another declaration, and one moved to another language', () => {
    const exp = sample();
    const other = sample('decl-2');
    const who = signatory();
    const forged = { ...sign(exp, 'fr', who), signature: toBase64Url(ed25519.sign(new TextEncoder().encode('something else'), who.secretKey)) };
    expect(verifyExport({ ...exp, signatures: [forged] }).signatures[0]!.valid).toBe(false);
    // Same text, same key, but signed for another declaration: re-using it here fails.
    const reused = sign(other, 'fr', who, other);
    expect(other.sha256).toBe(fingerprint(exp));
    expect(verifyExport({ ...exp, signatures: [reused] }).signatures[0]!.valid).toBe(false);
    const moved = { ...sign(exp, 'fr', who), lang: 'vi' };
    expect(verifyExport({ ...exp, signatures: [moved] }).problems[0]).toMatch(/signature for vi/);
    const swappedKey = { ...sign(exp, 'fr', who), publicKey: signatory().publicKey };
    expect(verifyExport({ ...exp, signatures: [swappedKey] }).signatures[0]!.valid).toBe(false);
  });

  it('reads any export, and says what is missing from something that is not one', () => {
    expect(parseExport({ title: 'x' })).toEqual({ ok: false, reason: 'missing "id"' });
    expect(parseExport(JSON.parse(JSON.stringify(sample()))).ok).toBe(true);
    const { signatures: _s, digests: _d, format: _f, ...minimal } = sample();
    const parsed = parseExport(JSON.parse(JSON.stringify(minimal)));
    expect(parsed.ok && verifyExport(parsed.value).problems).toEqual([]);
  });
});

describe('base64url', () => {
  it('round-trips any bytes and refuses non-canonical text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe(Buffer.from([0xfb, 0xff]).toString('base64url'));
    expect(fromBase64Url('A+B')).toBeUndefined();
    expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]));
    expect(fromBase64Url('AB')).toBeUndefined();
    expect(fromBase64Url('AF')).toBeUndefined();
    expect(verifySignature('short', 'sig', new Uint8Array())).toBe(false);
  });
});
