/**
 * The certificates the verifier trusts (roots, and intermediates that signed files often leave out) and the path of
 * the USB token's PKCS#11 library. A root is added by uploading its PEM or DER file.
 */
import { useEffect, useState } from 'react';
import type { TrustedCertificate } from '../../shared/contract';
import { desktopOsOf, PKCS11_PRESETS } from '../../shared/domain/pkcs11Presets';
import { msg } from '../../shared/messages';
import { errorMessage, vietnamDateTime } from '../format';
import { useApi } from '../hooks/useApi';
import { Dialog } from './Dialog';
import { FileChooser } from './FileChooser';
import './signing.css';

export function TrustDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const { api, transport } = useApi();
  const [list, setList] = useState<TrustedCertificate[] | null>(null);
  const [modulePath, setModulePath] = useState('');
  const [tsaUrl, setTsaUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The token's PC is the one running the core: in the browser host too, which serves loopback only.
  const os = desktopOsOf(navigator.userAgent);
  const presetPaths = PKCS11_PRESETS.flatMap((preset) => preset.paths[os]);

  useEffect(() => {
    api.signing.trustList({}).then(setList, (e: unknown) => setError(errorMessage(e)));
    api.signing.settings({}).then(
      (s) => {
        setModulePath(s.pkcs11Module ?? '');
        setTsaUrl(s.tsaUrl ?? '');
      },
      () => undefined,
    );
  }, [api]);

  const run = async (work: () => Promise<TrustedCertificate[]>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      setList(await work());
      setNotice(done);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const add = (file: File) => {
    void run(async () => api.signing.trustAdd({ hash: (await transport.upload(file, file.name)).hash }), msg('signingUi.trust.added'));
  };

  const saveSettings = async () => {
    setError(null);
    setNotice(null);
    try {
      const saved = await api.signing.saveSettings({ pkcs11Module: modulePath.trim() || null, tsaUrl: tsaUrl.trim() || null });
      setModulePath(saved.pkcs11Module ?? '');
      setTsaUrl(saved.tsaUrl ?? '');
      setNotice(msg('signingUi.trust.settingsSaved'));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Dialog id="trust-dialog" title={msg('signingUi.trust.title')} onClose={onClose} wide>
      <p className="muted small">{msg('signingUi.trust.intro')}</p>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {notice && (
        <div className="banner banner-success" role="status">
          {notice}
        </div>
      )}
      {list && list.length === 0 && <p className="sig-problem small">{msg('signingUi.trust.empty')}</p>}
      {list && list.length > 0 && (
        <ul className="trust-list">
          {list.map((c) => (
            <li key={c.fingerprint}>
              <span className="cert-main">
                <strong>{c.subjectCommonName}</strong>
                <span className="small">
                  {msg(c.role === 'root' ? 'signingUi.trust.root' : 'signingUi.trust.intermediate')} ·{' '}
                  {msg('signingUi.cert.validity', { from: vietnamDateTime(c.validFrom), to: vietnamDateTime(c.validTo) })}
                </span>
                <span className="small muted">SHA-256 {c.fingerprint.slice(0, 16)}…</span>
              </span>
              <button type="button" className="link-button" onClick={() => void run(() => api.signing.trustRemove({ fingerprint: c.fingerprint }), msg('signingUi.trust.removed'))}>
                {msg('signingUi.trust.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FileChooser label={msg('signingUi.trust.add')} accept=".pem,.crt,.cer,.der" data-testid="trust-input" onFile={add} />
      <label className="sign-field">
        <span>{msg('signingUi.trust.preset')}</span>
        <select data-testid="pkcs11-preset" value={presetPaths.includes(modulePath) ? modulePath : ''} onChange={(e) => e.target.value && setModulePath(e.target.value)}>
          <option value="">{msg('signingUi.trust.presetNone')}</option>
          {PKCS11_PRESETS.map((preset) => (
            <optgroup key={preset.id} label={preset.name}>
              {preset.paths[os].map((file) => (
                <option key={file} value={file}>
                  {preset.name} — {file}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="sign-field">
        <span>{msg('signingUi.trust.module')}</span>
        <input value={modulePath} onChange={(e) => setModulePath(e.target.value)} placeholder="/usr/lib/…/libsofthsm2.so" />
      </label>
      <label className="sign-field">
        <span>{msg('signingUi.trust.tsa')}</span>
        <input value={tsaUrl} onChange={(e) => setTsaUrl(e.target.value)} placeholder="http://…" />
      </label>
      <button type="button" onClick={() => void saveSettings()}>
        {msg('signingUi.trust.save')}
      </button>
    </Dialog>
  );
}
