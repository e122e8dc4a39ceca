import type { Catalogue } from './catalogue';

/** edXML packages through the central server and the national axis adapter: what the server, the app and the CLI say. */
export const EXCHANGE_SERVER_MESSAGES = {
  'exchangeServer.clerksOnly': { vi: 'Chỉ văn thư nhận văn bản liên thông gửi đến cơ quan.', en: 'Only a clerk receives the packages sent to the organisation.' },
  'exchangeServer.notHeld': { vi: 'Gói tin không có hoặc không do máy này nhận.', en: 'No such package held by this computer.' },
  'exchangeServer.replyMissing': { vi: 'Máy chủ chưa có đủ tệp thông báo trạng thái gửi kèm.', en: 'The server does not hold the whole status message sent with it.' },
  'exchangeServer.notOurPackage': {
    vi: 'Gói tin edXML mang mã định danh văn bản của cơ quan khác; máy chủ chỉ chuyển văn bản do chính cơ quan mình ban hành.',
    en: 'The edXML package carries another organisation’s DocumentId; the server forwards only documents the organisation issued itself.',
  },
  'exchangeServer.notFromSender': {
    vi: 'Gói tin edXML ghi nơi gửi là {from}, không phải cơ quan của người gửi ({organId}); máy chủ không chuyển gói tin này.',
    en: 'The edXML package names {from} as its sender, not the pushing organisation ({organId}); the server does not forward it.',
  },
  'exchangeServer.packageUnreadable': {
    vi: 'Máy chủ không đọc được phần đầu gói tin edXML gửi kèm (hỏng hoặc không đúng loại gói tin); gói tin không được chuyển.',
    en: 'The server cannot read the header of the edXML package sent (broken, or not the kind of package expected); it is not forwarded.',
  },
  'exchangeServer.notHosted': { vi: 'Máy chủ này không phục vụ cơ quan có mã định danh {organId}.', en: 'This server does not host the organisation {organId}.' },
  'outgoingUi.exchangePackage.waiting': { vi: 'Gói tin edXML chờ gửi lên máy chủ (tự gửi khi có kết nối)', en: 'The edXML package waits to go to the server (sent once online)' },
  'outgoingUi.exchangePackage.sent': { vi: 'Gói tin edXML đã gửi lên máy chủ để chuyển tới nơi nhận', en: 'The edXML package went to the server for delivery' },
  'outgoingUi.field.exchangePackage': { vi: 'Gửi liên thông', en: 'Exchange delivery' },
} satisfies Catalogue;
