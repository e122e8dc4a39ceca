/**
 * Where the PKCS#11 library of each USB token used in Vietnam's public service is installed, per operating system:
 * offered in the token settings as a starting point, never forced. A vendor's installer version changes the file name
 * now and then, so the path stays editable and any other path may be typed.
 *
 * Sources (public code that loads these tokens; no vendor publishes a list). Windows names are those found in several
 * independent signing plug-ins and token-discovery lists on GitHub (the VNPT/TPBank web-signing plug-ins' DLL lists,
 * a Python token-discovery module listing System32 and Program Files locations, customs (ECUS) and tax-declaration
 * signers); Linux paths are rarer there, and the one for each vendor below comes from a single token agent's list
 * (`get_driver_paths`, Rust) unless said otherwise, so it is the first thing to check on a new Linux PC.
 */
export type DesktopOs = 'windows' | 'linux';

export interface Pkcs11Preset {
  id: string;
  /** The certification authority, as clerks know it. */
  name: string;
  paths: Record<DesktopOs, readonly string[]>;
}

export const PKCS11_PRESETS: readonly Pkcs11Preset[] = [
  {
    // The government's own CA issues on SafeNet eToken and Bit4ID tokens (the provincial installation guides name the
    // drivers "VGCAv1_Installer" (SafeNet TokenManager) and "bit4id_xpki … vgca"). bit4xpki: Bit4ID's documented
    // library name on both systems (/usr/lib/libbit4xpki.so in Ubuntu's smart-card guide); eTPKCS11: SafeNet's.
    id: 'vgca',
    name: 'VGCA — Ban Cơ yếu Chính phủ',
    paths: {
      windows: ['C:\\Windows\\System32\\eTPKCS11.dll', 'C:\\Windows\\System32\\bit4xpki.dll'],
      linux: ['/usr/lib/libeTPkcs11.so', '/usr/lib/libbit4xpki.so'],
    },
  },
  {
    // viettel-ca_v6.dll first in two independent discovery lists ("Viettel-CA (ưu tiên)"), older versions after it.
    id: 'viettel',
    name: 'Viettel-CA',
    paths: {
      windows: ['C:\\Windows\\System32\\viettel-ca_v6.dll', 'C:\\Windows\\System32\\viettel-ca_v5.dll', 'C:\\Windows\\System32\\viettel-ca.dll'],
      linux: ['/usr/lib/libviettel-ca_v2.so'],
    },
  },
  {
    // vnpt-ca_csp11.dll in every list (VNPT's own plug-in, TPBank's, ECUS); vnptca_p11_v10.dll for the newer tokens.
    id: 'vnpt',
    name: 'VNPT-CA',
    paths: {
      windows: ['C:\\Windows\\System32\\vnpt-ca_csp11.dll', 'C:\\Windows\\System32\\vnptca_p11_v10.dll'],
      linux: ['/usr/lib/libvnpt-pkcs11.so'],
    },
  },
  {
    // BkavCA.dll in the VNPT and TPBank plug-ins' lists and the Python discovery list ("Bkav").
    id: 'bkav',
    name: 'BKAV-CA',
    paths: {
      windows: ['C:\\Windows\\System32\\BkavCA.dll'],
      linux: ['/usr/lib/libbkav-pkcs11.so'],
    },
  },
  {
    // fpt-ca.dll in the plug-ins' lists; fptca_v4.dll in FPT's own folder for the newer tokens.
    id: 'fpt',
    name: 'FPT-CA',
    paths: {
      windows: ['C:\\Windows\\System32\\fpt-ca.dll', 'C:\\Program Files\\FPT\\FPT_CA\\fptca_v4.dll'],
      linux: ['/usr/lib/libfpt-pkcs11.so'],
    },
  },
];

/** The operating system a browser reports; the browser host runs on the same PC as the core, so it is the token's. */
export function desktopOsOf(userAgent: string): DesktopOs {
  return /Windows/i.test(userAgent) ? 'windows' : 'linux';
}
