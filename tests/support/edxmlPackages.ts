/**
 * The exchange's other side for the tests and the bench: the province the commune (tests/support/outgoingOffice.ts)
 * writes to, and edXML packages written by hand from the standard's layout rather than by Vanthu's exporter, as
 * another vendor's system sends them.
 */
import type { OrgSetupInput } from '../../shared/contract';

/** The Ủy ban nhân dân tỉnh Hà Tĩnh: its clerk first, who receives, then its chairman. */
export const PROVINCE: OrgSetupInput = {
  name: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
  organId: '000.00.00.H41',
  abbrev: 'UBND',
  units: [{ name: 'Văn phòng', abbrev: 'VP' }],
  staff: [
    { fullName: 'Võ Thị Hoa', position: 'Văn thư', unitAbbrev: 'VP', role: 'van_thu' },
    { fullName: 'Đặng Quốc Khánh', position: 'Chủ tịch', unitAbbrev: null, role: 'lanh_dao' },
  ],
};

/** The sender's staff, as each Bussiness part names them. */
const STAFF = `<StaffInfo>
            <Department>Văn phòng</Department>
            <Staff>Nguyễn Thị Lan</Staff>
            <Mobile />
            <Email />
          </StaffInfo>`;

/** Bussiness of a new document (type 0). */
const NEW_DOCUMENT = `<Bussiness>
          <BussinessDocType>0</BussinessDocType>
          <BussinessDocReason>Văn bản điện tử mới</BussinessDocReason>
          ${STAFF}
          <Paper>0</Paper>
        </Bussiness>`;

/**
 * Bussiness of a revocation (type 1, thu hồi): the reason and, under Bussiness/DocumentId (2.2.4), the document sent
 * earlier that is taken back. The message carries no file.
 */
export const revocation = (documentId: string, reason: string) => `<Bussiness>
          <BussinessDocType>1</BussinessDocType>
          <BussinessDocReason>${reason}</BussinessDocReason>
          <BussinessDocumentInfo><DocumentInfo>0</DocumentInfo></BussinessDocumentInfo>
          <DocumentId>${documentId}</DocumentId>
          ${STAFF}
          <Paper>0</Paper>
        </Bussiness>`;

/**
 * Bussiness of an update (type 2, cập nhật): the message is the document's header as corrected; BussinessDocumentInfo
 * (2.2.3) says the document's information changed (DocumentInfo 1) and its recipients did not (DocumentReceiver 0), and
 * Bussiness/DocumentId (2.2.4) names the document sent earlier. The message carries no file.
 */
export const update = (documentId: string, reason: string) => `<Bussiness>
          <BussinessDocType>2</BussinessDocType>
          <BussinessDocReason>${reason}</BussinessDocReason>
          <BussinessDocumentInfo>
            <DocumentInfo>1</DocumentInfo>
            <DocumentReceiver>0</DocumentReceiver>
            <ReceiverList />
          </BussinessDocumentInfo>
          <DocumentId>${documentId}</DocumentId>
          ${STAFF}
          <Paper>0</Paper>
        </Bussiness>`;

/**
 * Bussiness of a replacement (type 3, thay thế): the new document is the message; ReplacementInfoList (2.2.8) names
 * each document it replaces and the organisations that had received it.
 */
export const replacement = (documentId: string, organIds: string[], reason: string) => `<Bussiness>
          <BussinessDocType>3</BussinessDocType>
          <BussinessDocReason>${reason}</BussinessDocReason>
          ${STAFF}
          <Paper>0</Paper>
          <ReplacementInfoList>
            <ReplacementInfo>
              <DocumentId>${documentId}</DocumentId>
              <OrganIdList>${organIds.map((o) => `<OrganId>${o}</OrganId>`).join('')}</OrganIdList>
            </ReplacementInfo>
          </ReplacementInfoList>
        </Bussiness>`;

/**
 * A công văn from the commune (000.12.34.H41) to the province (000.00.00.H41) and the Sở Nội vụ: the namespace as
 * default (no prefix), every contact field of the sender, two recipients, the manifest's children in another order,
 * content ids with "cid:", day-first timestamps, and an empty DigitalSignature. `annex` is more Attachment elements.
 */
export function handWrittenPackage(pdf: Buffer | null, code = { number: '27', notation: 'UBND-VP' }, annex = '', bussiness = NEW_DOCUMENT): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<edXML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXMLEnvelope>
    <edXMLHeader>
      <MessageHeader>
        <From>
          <OrganId>000.12.34.H41</OrganId>
          <OrganizationInCharge>Ủy ban nhân dân huyện Cẩm Xuyên</OrganizationInCharge>
          <OrganName>Ủy ban nhân dân xã Tân Lập</OrganName>
          <OrganAdd>Xã Tân Lập, huyện Cẩm Xuyên, tỉnh Hà Tĩnh</OrganAdd>
          <Email>ubnd.tanlap@hatinh.gov.vn</Email>
          <Telephone>0239 3861 234</Telephone>
          <Fax />
          <Website />
        </From>
        <To>
          <OrganId>000.00.00.H41</OrganId>
          <OrganName>Ủy ban nhân dân tỉnh Hà Tĩnh</OrganName>
        </To>
        <To>
          <OrganId>000.00.12.H41</OrganId>
          <OrganName>Sở Nội vụ tỉnh Hà Tĩnh</OrganName>
        </To>
        <Code>
          <CodeNumber>${code.number}</CodeNumber>
          <CodeNotation>${code.notation}</CodeNotation>
        </Code>
        <PromulgationInfo>
          <Place>Tân Lập</Place>
          <PromulgationDate>2026/11/30</PromulgationDate>
        </PromulgationInfo>
        <DocumentType>
          <Type>2</Type>
          <TypeName>Công văn</TypeName>
          <TypeDetail>0</TypeDetail>
        </DocumentType>
        <Subject>V/v báo cáo tình hình &amp; kết quả cải cách hành chính năm 2026</Subject>
        <Content />
        <SignerInfo>
          <Competence>KT. CHỦ TỊCH</Competence>
          <Position>PHÓ CHỦ TỊCH</Position>
          <FullName>Hoàng Văn Nam</FullName>
        </SignerInfo>
        <DueDate>2026/12/15</DueDate>
        <ToPlaces>
          <Place>Ủy ban nhân dân tỉnh Hà Tĩnh</Place>
          <Place>Sở Nội vụ tỉnh Hà Tĩnh</Place>
          <Place>Lưu: VT</Place>
        </ToPlaces>
        <OtherInfo>
          <Priority>2</Priority>
          <SphereOfPromulgation>Liên thông văn bản quốc gia</SphereOfPromulgation>
          <TyperNotation>NVH</TyperNotation>
          <PromulgationAmount>5</PromulgationAmount>
          <PageAmount>2</PageAmount>
          <Appendixes />
        </OtherInfo>
        <SteeringType>0</SteeringType>
        <DocumentId>000.12.34.H41,2026/11/30,${code.number}/${code.notation}</DocumentId>
      </MessageHeader>
      <TraceHeaderList id="a1b2c3d4" version="1.0" mustUnderstand="1" actor="http://schemas.xmlsoap.org/soap/actor/next">
        <TraceHeader>
          <OrganId>000.12.34.H41</OrganId>
          <Timestamp>30/11/2026 15:42:07</Timestamp>
        </TraceHeader>
        ${bussiness}
      </TraceHeaderList>
      <DigitalSignature />
    </edXMLHeader>
    <edXMLBody>
      <edXMLManifest version="1.0">${pdf === null ? '' : `
        <Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="cid:7c0f3e1a" xlink:role="XLinkRole" xlink:type="simple">
          <Description>Văn bản chính</Description>
          <AttachmentName>27-UBND-VP.pdf</AttachmentName>
          <ContentType>application/pdf</ContentType>
          <ContentId>cid:7c0f3e1a</ContentId>
        </Reference>`}
      </edXMLManifest>
    </edXMLBody>
  </edXMLEnvelope>
  <AttachmentEncoded>${pdf === null ? '' : `
    <Attachment>
      <ContentType>application/pdf</ContentType>
      <ContentId>7c0f3e1a</ContentId>
      <Description>Văn bản chính</Description>
      <ContentTransferEncoded>${pdf.toString('base64').replace(/.{76}/g, '$&\n')}</ContentTransferEncoded>
      <AttachmentName>27-UBND-VP.pdf</AttachmentName>
    </Attachment>`}${annex}
  </AttachmentEncoded>
</edXML>
`;
}

