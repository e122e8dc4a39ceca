/** The organisation's and its units' abbreviations go into every notation (125/QĐ-UBND): the core refuses ones that would break it. */
import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '../../shared/messages';
import { call, ORG_SETUP, openTestCore } from '../support/coreFixture';

let dispose = () => {};
afterEach(() => dispose());

describe('org.setup abbreviations', () => {
  it('refuses a space in the organisation or a unit abbreviation with a Vietnamese message and saves nothing', async () => {
    const test = await openTestCore({}, false);
    dispose = test.dispose;
    const org = await test.core.dispatch('org.setup', { ...ORG_SETUP, abbrev: 'UB ND' });
    expect(org).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: `${msg('error.badInput')} ${msg('validation.abbrev')}`, fields: { abbrev: msg('validation.abbrev') } } });
    const unit = await test.core.dispatch('org.setup', { ...ORG_SETUP, units: [{ name: 'Địa chính - Xây dựng', abbrev: 'ĐC - XD' }], staff: [] });
    expect(unit.ok || unit.error.fields).toEqual({ 'units.0.abbrev': msg('validation.abbrev') });
    expect(await test.core.dispatch('org.get', {})).toEqual({ ok: true, value: null });

    const saved = await call(test.core, 'org.setup', { ...ORG_SETUP, abbrev: ' ubnd ', units: [{ name: 'Địa chính - Xây dựng', abbrev: 'đcxd' }], staff: [] });
    expect([saved.abbrev, saved.units.map((u) => u.abbrev)]).toEqual(['UBND', ['ĐCXD']]);
  });
});
