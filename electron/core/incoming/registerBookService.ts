/** The incoming register book for a date range, exported to the content store as PDF or XLSX. */
import type { ContentRef, ParsedInput } from '../../../shared/contract';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';
import type { IncomingRepo } from '../db/incomingRepo';
import type { OrgService } from '../org/orgService';
import { exportRegisterBook, registerBookFileName } from '../register-book/registerBookExport';
import type { RegisterBook } from '../register-book/registerBookEntry';

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function createRegisterBookService(deps: { repo: IncomingRepo; org: OrgService; content: ContentStore }) {
  return {
    async export(input: ParsedInput<'registerBook.export'>): Promise<ContentRef> {
      const profile = await deps.org.require();
      const rows = await deps.repo.byArrivalDate(input.from, input.to);
      const book: RegisterBook = {
        organName: profile.name,
        registerName: msg('registerBook.incomingName'),
        from: input.from,
        to: input.to,
        entries: rows.map(({ document: d, note, recipients }) => ({
          arrivalDate: d.arrivalDate,
          arrivalNumber: d.arrivalNumber,
          organName: d.organName,
          codeNumber: d.codeNumber,
          codeNotation: d.codeNotation,
          issuedDate: d.issuedDate,
          typeName: d.typeName,
          subject: d.subject,
          recipients: recipients.join('; '),
          handedOverDate: d.handedOverAt,
          note,
        })),
      };
      const bytes = await exportRegisterBook(book, input.format);
      const stored = await deps.content.put(bytes);
      return { hash: stored.hash, size: stored.size, name: registerBookFileName(book, input.format), mime: MIME[input.format] };
    },
  };
}
