/** A core on a fresh temporary data folder with an organisation set up: the starting point of most core tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingFields, Input, MethodName, Output } from '../../shared/contract';
import { createCore, type Core, type CoreOptions } from '../../electron/core/app';

export const ORG_SETUP: Input<'org.setup'> = {
  name: 'Ủy ban nhân dân xã Tân Lập',
  organId: '000.12.34.H41',
  abbrev: 'UBND',
  units: [
    { name: 'Văn phòng', abbrev: 'VP' },
    { name: 'Địa chính - Xây dựng', abbrev: 'ĐCXD' },
  ],
  staff: [
    { fullName: 'Nguyễn Thị Lan', position: 'Văn thư', unitAbbrev: 'VP', role: 'van_thu' },
    { fullName: 'Trần Văn Hùng', position: 'Chủ tịch', unitAbbrev: null, role: 'lanh_dao' },
    { fullName: 'Lê Minh Đức', position: 'Công chức địa chính', unitAbbrev: 'ĐCXD', role: 'chuyen_vien' },
  ],
};

export function tempDir(prefix = 'vanthu-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openTestCore(options: Partial<CoreOptions> = {}, setup = true) {
  const tmp = tempDir();
  const core = await createCore({ dataDir: tmp.dir, ...options });
  if (setup) await call(core, 'org.setup', ORG_SETUP);
  return { core, dir: tmp.dir, dispose: () => (core.close(), tmp.remove()) };
}

/** Calls through the dispatcher (as the UI does) and fails the test with the error's message if refused. */
export async function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
  return result.value as Output<M>;
}

export function fields(overrides: Partial<IncomingFields> = {}): IncomingFields {
  return {
    arrivalDate: '2026-11-20',
    organName: 'Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh',
    codeNumber: '125',
    codeNotation: 'STNMT-ĐĐBĐ',
    issuedDate: '2026-11-18',
    typeName: 'Công văn',
    subject: 'V/v đề nghị rà soát hồ sơ cấp giấy chứng nhận quyền sử dụng đất',
    signerName: 'Phạm Quốc Bảo',
    signerPosition: 'Phó Giám đốc',
    place: 'Hà Tĩnh',
    priority: 0,
    secrecy: 'none',
    pageAmount: null,
    dueDate: null,
    toPlaces: '',
    note: '',
    documentId: '',
    channel: 'paper',
    restricted: false,
    ...overrides,
  };
}

/** A fixed clock inside 2026 so that arrival dates in the tests are never "in the future". */
export const FIXED_NOW = () => new Date('2026-11-21T03:00:00Z');
