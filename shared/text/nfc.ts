/** All text is stored and hashed composed: Telex, VNI and Word pastes may arrive decomposed. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}
