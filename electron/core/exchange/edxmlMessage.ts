import type { StatusCode } from '../../../shared/domain/edxml';

/** What an edXML document message says, as the writer takes it and the reader gives it back. Dates are ISO. */
export interface EdxmlOrgan {
  organId: string;
  name: string;
}

export interface EdxmlHeader {
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  codeNumber: string;
  codeNotation: string;
  place: string;
  promulgationDate: string;
  /** 1 legal normative, 2 administrative. */
  type: number;
  typeName: string;
  subject: string;
  signer: { competence: string; position: string; fullName: string };
  dueDate: string | null;
  toPlaces: string[];
  priority: number;
  promulgationAmount: number | null;
  pageAmount: number | null;
  appendixes: string[];
  documentId: string;
  /** Bussiness/BussinessDocType (0 new, 1 revocation, 2 update, 3 replacement) and its reason. */
  business: number;
  businessReason: string;
  /** A revocation's or an update's earlier document (Bussiness/DocumentId); '' when the message names none. */
  businessDocumentId: string;
  /** A replacement's earlier documents and the organisations that had them (Bussiness/ReplacementInfoList). */
  replacements: { documentId: string; organIds: string[] }[];
  /** The person who sent it, in the sender's words. */
  staff: { department: string; name: string };
  /** Each organisation the package passed through, the sender first; timestamps as written. */
  trace: { organId: string; timestamp: string }[];
}

/** A file of the package: the manifest's reference and the attachment with the same content id. */
export interface EdxmlAttachmentInfo {
  contentId: string;
  name: string;
  mime: string;
  description: string;
}

/** A status message: what a recipient did with a document it was sent (QCVN 102 status codes). */
export interface EdxmlStatus {
  /** The document it is about: its sender, số/ký hiệu, issue date and DocumentId. */
  responseFor: { organId: string; code: string; promulgationDate: string; documentId: string };
  from: EdxmlOrgan;
  code: StatusCode;
  description: string;
  timestamp: string;
  staff: { department: string; name: string };
}
