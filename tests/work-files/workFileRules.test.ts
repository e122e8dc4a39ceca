/** The work file rules as pure functions: FileCode, who may do what, the "processed entirely online" definition. */
import { describe, expect, it } from 'vitest';
import {
  allowedWorkFileActions,
  fileCode,
  FILE_NOTATION,
  formatShare,
  mayKeepFilePlan,
  mayOpenFileIn,
  onlineShare,
  processedOnline,
  type FiledDocumentFacts,
} from '../../shared/domain/workFile';

const handledOnline: FiledDocumentFacts = { kind: 'incoming', channel: 'electronic', attachments: 1, handlingState: 'closed', instructedRecorded: true, closedRecorded: true };
const sealedReply: FiledDocumentFacts = { kind: 'outgoing', status: 'dispatched', sealed: true };

describe('work file rules', () => {
  it('builds the FileCode from OrganId, the year and the notation', () => {
    expect(fileCode('000.00.00.H41', 2026, '01.QĐ')).toBe('000.00.00.H41.2026.01.QĐ');
    expect(FILE_NOTATION.test('01.QĐ')).toBe(true);
    expect(FILE_NOTATION.test('05/TCCB-VP')).toBe(true);
    expect(FILE_NOTATION.test(' 01')).toBe(false);
    expect(FILE_NOTATION.test('')).toBe(false);
  });

  it('counts a file online only when every document is electronic, handled on record and sealed', () => {
    expect(processedOnline([handledOnline, sealedReply])).toEqual({ online: true, shortfalls: [] });
    expect(processedOnline([])).toMatchObject({ online: false, shortfalls: [{ reason: 'empty' }] });
    expect(processedOnline([{ ...handledOnline, channel: 'paper' }]).shortfalls).toEqual([{ index: 0, reason: 'paperReceipt' }]);
    expect(processedOnline([{ ...handledOnline, attachments: 0 }]).shortfalls).toEqual([{ index: 0, reason: 'noAttachment' }]);
    expect(processedOnline([{ ...handledOnline, instructedRecorded: false }]).shortfalls).toEqual([{ index: 0, reason: 'notInstructed' }]);
    expect(processedOnline([{ ...handledOnline, handlingState: 'handling', closedRecorded: false }]).shortfalls).toEqual([{ index: 0, reason: 'notClosed' }]);
    expect(processedOnline([handledOnline, { kind: 'outgoing', status: 'approved', sealed: false }]).shortfalls).toEqual([{ index: 1, reason: 'notSealed' }]);
    expect(processedOnline([{ kind: 'outgoing', status: 'recalled', sealed: true }]).online).toBe(false);
  });

  it('lets clerks and leaders keep the plan, staff open files in their unit, the owner or unit head close', () => {
    const clerk = { id: 'c', role: 'van_thu', unitId: 'vp', position: 'Văn thư' } as const;
    const leader = { id: 'l', role: 'lanh_dao', unitId: null, position: 'Chủ tịch' } as const;
    const officer = { id: 'o', role: 'chuyen_vien', unitId: 'dc', position: 'Công chức địa chính' } as const;
    const colleague = { id: 'k', role: 'chuyen_vien', unitId: 'dc', position: 'Công chức xây dựng' } as const;
    const head = { id: 'h', role: 'chuyen_vien', unitId: 'dc', position: 'Trưởng phòng Địa chính' } as const;
    expect([clerk, leader, officer].map(mayKeepFilePlan)).toEqual([true, true, false]);
    expect([mayOpenFileIn(officer, 'dc'), mayOpenFileIn(officer, 'vp'), mayOpenFileIn(leader, 'dc'), mayOpenFileIn(clerk, 'dc')]).toEqual([true, false, true, false]);
    const file = { state: 'open', unitId: 'dc', ownerId: 'o' } as const;
    expect(allowedWorkFileActions(file, officer)).toEqual(['file', 'unfile', 'close']);
    expect(allowedWorkFileActions(file, colleague)).toEqual(['file', 'unfile']);
    expect(allowedWorkFileActions(file, head)).toEqual(['file', 'unfile', 'close']);
    expect(allowedWorkFileActions(file, clerk)).toEqual([]);
    expect(allowedWorkFileActions({ ...file, state: 'closed' }, officer)).toEqual([]);
  });

  it('gives the share with one decimal and a decimal comma', () => {
    expect(onlineShare(0, 0)).toBeNull();
    expect(formatShare(onlineShare(241, 231))).toBe('95,9 %');
    expect(formatShare(onlineShare(3, 2))).toBe('66,7 %');
    expect(formatShare(null)).toBe('—');
  });
});
