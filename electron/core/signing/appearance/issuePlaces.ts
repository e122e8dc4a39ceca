/**
 * The number and date of an issuing signature as the engine writes them (text and where its baseline starts), and
 * the places the clerk confirmed, remembered per document template so the next document of that template opens with
 * them already set.
 */
import type { IssuePlaces } from '../../../../shared/domain/issuePlaces';
import { issueTextPieces } from '../../../../shared/domain/issuePlaces';
import { IssuePlaces as IssuePlacesSchema } from '../../../../shared/contract/issuePlaces';
import { loadBundledFont } from '../../pdf/bundledFonts';
import { createTextMeasure, type TextMeasure } from '../../pdf/textMeasure';
import type { SigningRepo } from '../../db/signingRepo';
import type { TextPosition } from './signatureAppearance';

let measure: Promise<TextMeasure> | null = null;

/** The pieces to write, each turned from "centred at x" into "starts at x" with the face the engine writes in. */
export async function issueTexts(places: IssuePlaces, values: { numberNotation?: string; date?: string }): Promise<{ text: string; at: TextPosition }[]> {
  // The engine writes appearances in Liberation Serif, whose widths are those of Times New Roman.
  measure ??= loadBundledFont('LiberationSerif-Regular').then(createTextMeasure);
  const width = await measure;
  return issueTextPieces(places, values).map((p) => ({
    text: p.text,
    at: { page: p.page, x: Math.round((p.x - width(p.text, p.size) / 2) * 100) / 100, y: p.y, size: p.size },
  }));
}

const settingKey = (template: string) => `signing.issuePlaces|${template}`;

export interface IssuePlaceMemory {
  /** The places last confirmed for this template, or null. */
  recall(template: string): Promise<IssuePlaces | null>;
  remember(template: string, places: IssuePlaces): Promise<void>;
}

export function createIssuePlaceMemory(repo: Pick<SigningRepo, 'setting' | 'setSetting'>): IssuePlaceMemory {
  return {
    async recall(template) {
      const stored = await repo.setting(settingKey(template));
      if (stored === null) return null;
      let value: unknown;
      try {
        value = JSON.parse(stored);
      } catch {
        return null;
      }
      // A row written by an older version that no longer parses is as good as none: the places are proposed afresh.
      const parsed = IssuePlacesSchema.safeParse(value);
      return parsed.success ? parsed.data : null;
    },
    async remember(template, places) {
      await repo.setSetting(settingKey(template), JSON.stringify(places));
    },
  };
}
