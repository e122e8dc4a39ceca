import type { Db } from '../database';
import { facetText, incomingSearchText } from '../searchText';
import type { Migration } from './index';

/**
 * The full-text index gains a second column of facet tokens (year, type, both) so that a text search filtered by
 * year and type is one index intersection. The index is contentless, so its rows are
 * rebuilt from the register and the cached text of the attachments.
 */
const migration: Migration = {
  version: 2,
  name: 'search-facets',
  up(db: Db) {
    db.exec(`
      DROP TABLE incoming_fts;
      CREATE VIRTUAL TABLE incoming_fts USING fts5(
        body, facets, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
      );
    `);
    const attachmentTexts = db.prepare<[string], { text: string | null }>(
      `SELECT c.text FROM incoming_attachments a LEFT JOIN content_text c ON c.hash = a.hash
       WHERE a.document_id = ? ORDER BY a.position`,
    );
    const insert = db.prepare('INSERT INTO incoming_fts (rowid, body, facets) VALUES (?, ?, ?)');
    type Row = {
      seq: number; id: string; year: number; subject: string; organ_name: string; code_number: string; code_notation: string;
      type_name: string; signer_name: string; signer_position: string; place: string; to_places: string; note: string;
    };
    // In pages: a large register does not have to fit in memory at once.
    const page = db.prepare<[number], Row>(
      `SELECT seq, id, year, subject, organ_name, code_number, code_notation, type_name, signer_name, signer_position, place,
         to_places, note FROM incoming_documents WHERE seq > ? ORDER BY seq LIMIT 2000`,
    );
    for (let rows = page.all(0); rows.length > 0; rows = page.all(rows[rows.length - 1]!.seq)) {
      for (const r of rows) {
        const texts = attachmentTexts.all(r.id).map((t) => t.text ?? '');
        const body = incomingSearchText(
          { subject: r.subject, organName: r.organ_name, codeNumber: r.code_number, codeNotation: r.code_notation, typeName: r.type_name,
            signerName: r.signer_name, signerPosition: r.signer_position, place: r.place, toPlaces: r.to_places, note: r.note },
          texts,
        );
        insert.run(r.seq, body, facetText(r.year, r.type_name));
      }
    }
  },
};

export default migration;
