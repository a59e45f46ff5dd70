import { describe, expect, it } from 'vitest';
import { parsePdfPaste } from './pdfPaste.js';

const texts = (input: string) => {
  const parsed = parsePdfPaste(input);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value.blocks;
};

describe('PDF paste: lists, "1)" headings, titles and photo captions', () => {
  it('makes every bulleted line ("– ", "•", "-", "◦") its own paragraph, apart from the heading that introduces them', () => {
    const blocks = texts(
      [
        'Nos priorités pour 2025 :',
        '– renforcer la coopération entre les villes',
        'moyennes et les métropoles ;',
        '• former les agents territoriaux ;',
        '- ouvrir les données publiques ;',
        '◦ associer les universités ;',
        '•soutenir les jeunes entrepreneurs.',
      ].join('\n'),
    );
    expect(blocks.map((b) => b.text)).toEqual([
      'Nos priorités pour 2025 :',
      '– renforcer la coopération entre les villes moyennes et les métropoles ;',
      '• former les agents territoriaux ;',
      '- ouvrir les données publiques ;',
      '◦ associer les universités ;',
      '•soutenir les jeunes entrepreneurs.',
    ]);
  });

  it('keeps "1)" and "2)" numbered headings as paragraphs of their own, each apart from its body', () => {
    const blocks = texts(
      [
        '1) Le contexte',
        'Les villes font face à une urbanisation rapide et à des',
        'besoins croissants en services publics.',
        '2) Les propositions',
        'Nous proposons un programme commun de formation.',
      ].join('\n'),
    );
    expect(blocks.map((b) => b.text)).toEqual([
      '1) Le contexte',
      'Les villes font face à une urbanisation rapide et à des besoins croissants en services publics.',
      '2) Les propositions',
      'Nous proposons un programme commun de formation.',
    ]);
  });

  it('keeps a title and its subtitle as two paragraphs', () => {
    const blocks = texts(['DÉCLARATION FINALE', 'XIIes Assises de la coopération franco-vietnamienne', '', 'Nous, élus locaux, réunis à Hanoï.'].join('\n'));
    expect(blocks.slice(0, 2).map((b) => b.text)).toEqual(['DÉCLARATION FINALE', 'XIIes Assises de la coopération franco-vietnamienne']);
  });

  it('makes a photo caption its own paragraph, marked as a caption, not glued to the next paragraph', () => {
    const blocks = texts(
      [
        'Les délégations ont visité le quartier ancien.',
        '',
        'Photo : les maires devant le Temple de la Littérature',
        'La séance plénière a repris à 14 heures',
        'avec les rapports des ateliers.',
      ].join('\n'),
    );
    expect(blocks.map((b) => b.text)).toEqual([
      'Les délégations ont visité le quartier ancien.',
      'Photo : les maires devant le Temple de la Littérature',
      'La séance plénière a repris à 14 heures avec les rapports des ateliers.',
    ]);
    expect(blocks[1]!.caption).toBe(true);
    expect(blocks[2]!.caption).toBeUndefined();
  });
});
