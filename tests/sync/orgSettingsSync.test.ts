/**
 * The organisation's rules through a real server: the clerk saves the numbering mode and the deadline rules on her PC,
 * and the leader's PC proposes the same deadline and takes the same sequence after its next round; the leader changes
 * the rules offline and the clerk's PC has them after both sync; an officer's account may not change them on the
 * server, and the rules the server holds stand on his PC.
 */
import { describe, expect, it } from 'vitest';
import { addUser } from '../../server/accounts/setup';
import { SYNC_PATHS } from '../../shared/contract/syncWire';
import { call } from '../support/coreFixture';
import { useTestPostgres } from '../support/testPostgres';
import { logIn, loggedInCore, PASSWORD, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

describe('the organisation’s rules through the server', () => {
  it('reach every PC, offline changes included; an officer’s account may not change them', async () => {
    const { url, pool } = await servers.start();
    const organId = '000.00.00.H74';
    await seedOrg(pool, organId);
    await addUser(pool, { organId, username: 'thu', fullName: 'Phạm Thị Thu', role: 'van_thu', position: 'Văn thư', unitAbbrev: 'VP', password: PASSWORD });
    await addUser(pool, { organId, username: 'hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
    const [clerk, leader, officer] = await Promise.all(['thu', 'hung', 'lan'].map((u) => loggedInCore(url, u)));
    try {
      const rules = await call(clerk!.core, 'handling.settings', {});
      const tighter = { ...rules, dueDates: { ...rules.dueDates, fallback: 4, byPriority: { ...rules.dueDates.byPriority, '1': 1 } } };
      await call(clerk!.core, 'handling.saveSettings', tighter);
      await call(clerk!.core, 'outgoing.saveSettings', { numbering: 'perType' });
      // Nothing has reached the leader's PC before a round.
      expect((await call(leader!.core, 'outgoing.settings', {})).numbering).toBe('shared');
      await call(clerk!.core, 'sync.now', {});
      await call(leader!.core, 'sync.now', {});
      expect(await call(leader!.core, 'handling.settings', {})).toEqual(tighter);
      expect((await call(leader!.core, 'outgoing.settings', {})).numbering).toBe('perType');

      // The leader announces a day off; the clerk's PC has it once both PCs have had a round.
      const withDayOff = { ...tighter, calendar: { ...tighter.calendar, extraDaysOff: ['2026-11-25'] } };
      await call(leader!.core, 'handling.saveSettings', withDayOff);
      await call(leader!.core, 'sync.now', {});
      await call(clerk!.core, 'sync.now', {});
      expect(await call(clerk!.core, 'handling.settings', {})).toEqual(withDayOff);

      // The officer's account is refused by the server itself; his PC keeps the organisation's rules.
      const session = await logIn(url, 'lan');
      const refused = await fetch(url + SYNC_PATHS.orgSettings, {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ 'outgoing.numbering': 'shared' }),
      });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(await refused.json())).toContain('Chỉ văn thư hoặc lãnh đạo');
      // A clerk acting on the officer's PC saves rules there; the server refuses them for his account, and they give way.
      await call(officer!.core, 'org.actAs', { staffId: (await call(officer!.core, 'org.get', {}))!.staff.find((s) => s.fullName === 'Phạm Thị Thu')!.id });
      await call(officer!.core, 'outgoing.saveSettings', { numbering: 'shared' });
      await call(officer!.core, 'sync.now', {});
      expect((await call(officer!.core, 'outgoing.settings', {})).numbering).toBe('perType');
      expect(await call(officer!.core, 'handling.settings', {})).toEqual(withDayOff);
      // A bad value never reaches the organisation.
      const bad = await fetch(url + SYNC_PATHS.orgSettings, {
        method: 'POST',
        headers: { Authorization: `Bearer ${(await logIn(url, 'thu')).accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ 'handling.settings': '{"dueDates":1}' }),
      });
      expect(bad.status).toBe(400);
      await call(leader!.core, 'sync.now', {});
      expect(await call(leader!.core, 'handling.settings', {})).toEqual(withDayOff);
    } finally {
      for (const pc of [clerk, leader, officer]) pc?.dispose();
    }
  });
});
