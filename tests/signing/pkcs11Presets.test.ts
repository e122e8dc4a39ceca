import { describe, expect, it } from 'vitest';
import { desktopOsOf, PKCS11_PRESETS } from '../../shared/domain/pkcs11Presets';

describe('PKCS#11 presets of the tokens used in Vietnam', () => {
  it('cover the five certification authorities, each on Windows and Linux', () => {
    expect(PKCS11_PRESETS.map((p) => p.name)).toEqual(['VGCA — Ban Cơ yếu Chính phủ', 'Viettel-CA', 'VNPT-CA', 'BKAV-CA', 'FPT-CA']);
    for (const preset of PKCS11_PRESETS) {
      expect(preset.paths.windows.length, preset.id).toBeGreaterThan(0);
      expect(preset.paths.linux.length, preset.id).toBeGreaterThan(0);
      for (const file of preset.paths.windows) expect(file, preset.id).toMatch(/^[A-Z]:\\[^/]+\.dll$/i);
      for (const file of preset.paths.linux) expect(file, preset.id).toMatch(/^\/usr\/lib(64)?\/[^\\]+\.so$/);
    }
    const all = PKCS11_PRESETS.flatMap((p) => [...p.paths.windows, ...p.paths.linux]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('offers the paths of the system the browser reports', () => {
    expect(desktopOsOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0')).toBe('windows');
    expect(desktopOsOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0')).toBe('linux');
  });
});
