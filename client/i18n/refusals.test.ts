import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { decodeRefusal, encodeRefusal } from '../../shared/protocol/refusals';
import type { LanguageCode } from '../../shared/model/ids';
import { FROZEN_REFUSAL } from '../../shared/model/freeze';
import { describeAccessFailure, describeRefusal, shouldReload } from './refusals';
import { translate } from './translate';
import type { UiLanguage } from './messages';

const tFor = (lang: UiLanguage) => (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(lang, key, params);
const names: Record<string, string> = { fr: 'French', vi: 'Vietnamese' };

describe('refusals in words', () => {
  it('tells a delegation opening a declaration it was not invited to what to do, in its language, once', () => {
    expect(describeAccessFailure(403, tFor('en'))).toBe('Your invitation does not open this declaration. Ask the secretariat for an invitation to it.');
    expect(describeAccessFailure(403, tFor('fr'))).toContain('Votre invitation n’ouvre pas cette déclaration');
    expect(describeAccessFailure(403, tFor('vi'))).toContain('Lời mời của bạn không mở được tuyên bố này');
    const refusal = { code: CloseCode.Forbidden, reason: 'access refused (HTTP 403)', accessStatus: 403 };
    expect(describeRefusal(refusal, tFor('fr'), (c) => c)).toBe(describeAccessFailure(403, tFor('fr')));
    // Access refused is final: reloading would only be refused again.
    expect(shouldReload(refusal)).toBe(false);
  });

  it('says an expired or revoked link is over, and a missing declaration is missing', () => {
    expect(describeAccessFailure(401, tFor('en'))).toContain('revoked or has expired');
    expect(describeAccessFailure(404, tFor('en'))).toBe('This declaration does not exist or is not open to you.');
    expect(shouldReload({ code: CloseCode.Unauthorized, reason: 'revoked' })).toBe(false);
  });

  it('names the column a refused edit tried to write, and reloads the copy', () => {
    const refusal = { code: CloseCode.Forbidden, reason: encodeRefusal({ kind: 'column', lang: 'vi' as LanguageCode }, 'writes to "text:vi"') };
    expect(describeRefusal(refusal, tFor('en'), (c) => names[c] ?? c)).toContain('You cannot edit the Vietnamese text');
    expect(shouldReload(refusal)).toBe(true);
  });

  it('says a frozen declaration cannot change', () => {
    expect(describeRefusal({ code: CloseCode.Forbidden, reason: encodeRefusal({ kind: 'frozen' }, FROZEN_REFUSAL) }, tFor('vi'), (c) => c)).toBe(
      translate('vi', 'frozenRefused'),
    );
  });

  it('reads the topic from the refusal, never from its words', () => {
    // Words that merely mention a column or a freeze are shown as they are.
    const words = 'a comment quoting "text:vi" about the declaration is frozen';
    expect(describeRefusal({ code: CloseCode.Forbidden, reason: words }, tFor('en'), (c) => names[c] ?? c)).toBe(translate('en', 'refused', { reason: words }));
    expect(decodeRefusal(encodeRefusal({ kind: 'column', lang: 'ja' as LanguageCode }, 'writes to "text:ja"'))).toEqual({
      topic: { kind: 'column', lang: 'ja' },
      words: 'writes to "text:ja"',
    });
    expect(decodeRefusal('column not a code!: x').topic).toEqual({ kind: 'other' });
  });
});
