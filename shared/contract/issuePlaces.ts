/**
 * Where an issuing signature writes the number and the date on the page (PDF user space, points from the lower-left
 * corner, pages from 1). x is the CENTRE of the written text and y its baseline: Decree 30 centres both lines in their
 * header columns, and a number centred in a template's blank fits whatever its length.
 */
import { z } from 'zod';

const coordinate = z.number().finite().min(-100000).max(100000);
/** Horizontal distance between two parts of one line, in points. */
const offset = z.number().finite().min(-2000).max(2000);

const TextSpot = z.object({
  page: z.number().int().min(1).max(100000),
  x: coordinate,
  y: coordinate,
  /** Font size in points; Decree 30 sets the number line in 13 pt and the date line in 13–14 pt. */
  size: z.number().finite().min(6).max(36).default(13),
});

export const NumberPlace = TextSpot.extend({
  /** The page already prints "Số:" and the notation around a blank ("Số:      /QĐ-UBND"): only the number goes in. */
  blank: z.boolean().default(false),
});

export const DatePlace = TextSpot.extend({
  /**
   * The page already prints "ngày … tháng … năm …" with blanks: the day is centred at x, the month `month` points to
   * its right, and the year `year` points to its right when the template leaves it blank too (null when printed).
   * `yearPrinted` holds the digits the template prints before the year's blank ("20" of "năm 20.."). Null: the whole
   * date ("ngày 15 tháng 11 năm 2026") is written.
   */
  blanks: z
    .object({
      month: offset,
      year: offset.nullable(),
      yearPrinted: z.string().regex(/^\d{0,4}$/),
    })
    .nullable()
    .default(null),
});

export const IssuePlaces = z.object({ numberAt: NumberPlace, dateAt: DatePlace });

/** Names a document template (organisation, type, page size and header layout); see shared/domain/issuePlaces. */
export const IssueTemplate = z.string().min(1).max(300);
