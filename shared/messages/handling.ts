import type { Catalogue } from './catalogue';

/** Handling incoming documents: instructions, assignment, progress, closing, tasks and deadlines. */
export const HANDLING_MESSAGES = {
  'handling.state.pending': { vi: 'Chờ chỉ đạo', en: 'Awaiting instruction' },
  'handling.state.assigned': { vi: 'Đã giao đơn vị', en: 'Assigned to a unit' },
  'handling.state.handling': { vi: 'Đang giải quyết', en: 'Being handled' },
  'handling.state.closed': { vi: 'Đã giải quyết', en: 'Closed' },
  'handling.forbidden.instruct': { vi: 'Chỉ lãnh đạo mới cho ý kiến chỉ đạo giải quyết văn bản.', en: 'Only a leader instructs.' },
  'handling.forbidden.assign': {
    vi: 'Chỉ lãnh đạo hoặc trưởng (phó) đơn vị chủ trì mới phân công người giải quyết.',
    en: 'Only a leader or the head of the lead unit assigns an officer.',
  },
  'handling.forbidden.report': { vi: 'Chỉ người được giao giải quyết mới báo cáo tiến độ văn bản này.', en: 'Only the assigned officer reports progress.' },
  'handling.forbidden.close': { vi: 'Chỉ người được giao, lãnh đạo đơn vị chủ trì hoặc lãnh đạo mới kết thúc giải quyết văn bản này.', en: 'Not yours to close.' },
  'handling.wrongState': { vi: 'Văn bản đang ở trạng thái “{state}”: chưa làm được việc này.', en: 'The document is "{state}": not possible now.' },
  'handling.changedMeanwhile': { vi: 'Văn bản vừa được người khác xử lý. Hãy mở lại rồi thử lại.', en: 'Someone else acted on the document first.' },
  'handling.leadUnknown': { vi: 'Không có đơn vị hoặc người này trong cơ quan.', en: 'No such unit or person in the organisation.' },
  'handling.assigneeNotInUnit': { vi: 'Người được giao phải thuộc đơn vị chủ trì.', en: 'The officer must belong to the lead unit.' },
  'handling.dueBeforeArrival': { vi: 'Thời hạn giải quyết không được trước ngày đến.', en: 'The deadline cannot be before the arrival date.' },
  'handling.replyUnknown': { vi: 'Không có văn bản đi này, hoặc văn bản chưa được ban hành nên chưa có số để trả lời.', en: 'No such issued outgoing document.' },
  'handling.noteRequired': { vi: 'Hãy ghi nội dung.', en: 'Write a note.' },
  'handling.recalled': { vi: 'Văn bản đã bị thu hồi nên không giải quyết tiếp.', en: 'The document was recalled.' },
  'handling.closedByReading': { vi: 'Đã đọc (văn bản để biết)', en: 'Read (for information)' },
  'handling.history.instructed': { vi: 'Chỉ đạo: {lead} chủ trì{cooperating}, hạn {due}', en: 'Instructed: {lead} leads{cooperating}, due {due}' },
  'handling.history.instructedForInfo': { vi: 'Chỉ đạo: gửi {lead} để biết', en: 'Sent to {lead} for information' },
  'handling.history.cooperating': { vi: ', {units} phối hợp', en: ', {units} co-operating' },
  'handling.history.assigned': { vi: 'Giao {name} giải quyết, hạn {due}', en: 'Assigned to {name}, due {due}' },
  'handling.history.reported': { vi: 'Báo cáo tiến độ: {note}', en: 'Progress: {note}' },
  'handling.history.closed': { vi: 'Kết thúc giải quyết: {note}', en: 'Closed: {note}' },
  'handling.history.closedWithReply': { vi: 'Kết thúc giải quyết bằng văn bản trả lời số {code}', en: 'Closed with the reply {code}' },
  'handling.history.read': { vi: 'Đã đọc', en: 'Read' },
  'handling.noDue': { vi: 'không hạn', en: 'no deadline' },
} as const satisfies Catalogue;
