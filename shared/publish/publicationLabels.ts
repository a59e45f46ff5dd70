/** Interface languages the public page of a publication is offered in. */
export type PublicationUi = 'en' | 'fr' | 'vi';

/** What the public page of a publication says around the text, in one interface language. */
export interface PublicationStrings {
  /** BCP 47 code of these strings (the document's `lang`). */
  readonly lang: PublicationUi;
  readonly skipToText: string;
  /** Visually hidden heading of the text itself. */
  readonly textHeading: string;
  /** `{date}`: the freeze date. */
  readonly frozenOn: string;
  /** `{date}`: the day the text was published. */
  readonly publishedOn: string;
  /** Stands where the dates go on a text not yet frozen (an export of the draft). */
  readonly draft: string;
  readonly equallyAuthentic: string;
  /** Accessible name of the switch between the two layouts. */
  readonly layoutHeading: string;
  readonly sideBySide: string;
  readonly sequential: string;
  readonly fingerprintHeading: string;
  readonly fingerprintMismatch: string;
  readonly signaturesHeading: string;
  /** `{signer}`, `{language}` (name in the interface language, fit for mid-sentence), `{date}`. */
  readonly signedBy: string;
  /** `{language}`: heads the entry of a text nobody has signed. */
  readonly languageText: string;
  /** Stands in for `{signer}` when the invitation carried no name. */
  readonly unnamedSigner: string;
  /** `{key}`: the short label of the public key. */
  readonly key: string;
  readonly verified: string;
  readonly invalid: string;
  readonly unsigned: string;
  readonly browserVerified: string;
  readonly browserChecking: string;
  readonly browserFailed: string;
  readonly downloadsHeading: string;
  readonly pdf: string;
  readonly docx: string;
  readonly json: string;
  readonly xml: string;
  readonly html: string;
  /** `{link}`: a link to the publication this one corrects. */
  readonly replaces: string;
  /** `{link}`: a link to the corrected publication. */
  readonly supersededBy: string;
}

/** The English wording, the reference for translations. */
export const PUBLICATION_STRINGS_EN: PublicationStrings = {
  lang: 'en',
  skipToText: 'Skip to the text',
  textHeading: 'Text',
  frozenOn: 'Frozen on {date}',
  publishedOn: 'Published on {date}',
  draft: 'Draft, not frozen',
  equallyAuthentic: 'All language versions are equally authentic.',
  layoutHeading: 'Layout',
  sideBySide: 'Side by side',
  sequential: 'One language after the other',
  fingerprintHeading: 'Fingerprint (SHA-256)',
  fingerprintMismatch: 'This text does not match its fingerprint.',
  signaturesHeading: 'Signatures',
  signedBy: 'Signed by {signer} for the {language} text on {date}',
  languageText: '{language} text',
  unnamedSigner: '(name not given)',
  key: 'Key: {key}',
  verified: 'verified',
  invalid: 'does not verify',
  unsigned: 'not yet signed',
  browserVerified: 'Verified in your browser',
  browserChecking: 'Checking in your browser…',
  browserFailed: 'Could not verify in this browser',
  downloadsHeading: 'Downloads',
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  json: 'JSON (canonical, with signatures)',
  xml: 'Akoma Ntoso XML',
  html: 'HTML (this page)',
  replaces: 'This publication replaces {link}.',
  supersededBy: 'A corrected text replaces this publication: {link}',
};

// French typography: a no-break space (U+00A0) before : ; ! ? and inside « ».
export const PUBLICATION_STRINGS_FR: PublicationStrings = {
  lang: 'fr',
  skipToText: 'Aller au texte',
  textHeading: 'Texte',
  frozenOn: 'Texte arrêté le {date}',
  publishedOn: 'Publié le {date}',
  draft: 'Projet, non arrêté',
  equallyAuthentic: 'Toutes les versions linguistiques font également foi.',
  layoutHeading: 'Présentation',
  sideBySide: 'Côte à côte',
  sequential: 'Une langue après l’autre',
  fingerprintHeading: 'Empreinte (SHA-256)',
  fingerprintMismatch: 'Ce texte ne correspond pas à son empreinte.',
  signaturesHeading: 'Signatures',
  signedBy: 'Signé par {signer} pour le texte {language} le {date}',
  languageText: 'Texte {language}',
  unnamedSigner: '(nom non indiqué)',
  key: 'Clé\u00A0: {key}',
  verified: 'signature vérifiée',
  invalid: 'signature invalide',
  unsigned: 'pas encore signé',
  browserVerified: 'Vérifié dans votre navigateur',
  browserChecking: 'Vérification dans votre navigateur…',
  browserFailed: 'Impossible de vérifier dans ce navigateur',
  downloadsHeading: 'Téléchargements',
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  json: 'JSON (forme canonique, avec les signatures)',
  xml: 'XML Akoma Ntoso',
  html: 'HTML (cette page)',
  replaces: 'Cette publication remplace «\u00A0{link}\u00A0».',
  supersededBy: 'Un texte corrigé remplace cette publication\u00A0: {link}',
};

export const PUBLICATION_STRINGS_VI: PublicationStrings = {
  lang: 'vi',
  skipToText: 'Chuyển đến văn bản',
  textHeading: 'Văn bản',
  frozenOn: 'Văn bản được chốt ngày {date}',
  publishedOn: 'Công bố ngày {date}',
  draft: 'Dự thảo, chưa chốt',
  equallyAuthentic: 'Các văn bản bằng các ngôn ngữ có giá trị như nhau.',
  layoutHeading: 'Cách trình bày',
  sideBySide: 'Song song',
  sequential: 'Lần lượt từng ngôn ngữ',
  fingerprintHeading: 'Mã băm (SHA-256)',
  fingerprintMismatch: 'Văn bản này không khớp với mã băm của nó.',
  signaturesHeading: 'Chữ ký',
  signedBy: '{signer} đã ký văn bản {language} ngày {date}',
  languageText: 'Văn bản {language}',
  unnamedSigner: '(không ghi tên)',
  key: 'Khóa: {key}',
  verified: 'chữ ký đã được xác minh',
  invalid: 'chữ ký không hợp lệ',
  unsigned: 'chưa ký',
  browserVerified: 'Đã xác minh trong trình duyệt của bạn',
  browserChecking: 'Đang xác minh trong trình duyệt của bạn…',
  browserFailed: 'Không thể xác minh trong trình duyệt này',
  downloadsHeading: 'Tải xuống',
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  json: 'JSON (dạng chuẩn tắc, kèm chữ ký)',
  xml: 'XML Akoma Ntoso',
  html: 'HTML (trang này)',
  replaces: 'Bản công bố này thay thế {link}.',
  supersededBy: 'Một văn bản đính chính đã thay thế bản công bố này: {link}',
};

/** The wording of a publication's public page in each interface language. */
export const PUBLICATION_STRINGS: Readonly<Record<PublicationUi, PublicationStrings>> = {
  en: PUBLICATION_STRINGS_EN,
  fr: PUBLICATION_STRINGS_FR,
  vi: PUBLICATION_STRINGS_VI,
};

/** Whether the public page's wording exists in this language. */
export function hasPublicationStrings(lang: string): lang is PublicationUi {
  return Object.hasOwn(PUBLICATION_STRINGS, lang);
}

/** The strings for an interface language (English for any other). */
export function resolvePublicationStrings(ui: string): PublicationStrings {
  return (PUBLICATION_STRINGS as Readonly<Record<string, PublicationStrings>>)[ui] ?? PUBLICATION_STRINGS_EN;
}
