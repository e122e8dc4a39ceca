/**
 * The clerk's window: first-run setup until the organisation exists, then the register form, the register list and a
 * document's view, switched from the top bar or with Alt+1/2/3. Views stay mounted while hidden so that a half-typed
 * entry or the list's scroll position survive a look elsewhere.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OrgProfile } from '../shared/contract';
import { msg } from '../shared/messages';
import { DocumentView } from './components/DocumentView';
import { IncomingList } from './components/IncomingList';
import { OrgSetup } from './components/OrgSetup';
import { RegisterBookDialog } from './components/RegisterBookDialog';
import { RegisterForm } from './components/RegisterForm';
import { errorMessage } from './format';
import { useApi } from './hooks/useApi';
import { useShortcuts } from './hooks/useShortcut';

type View = { kind: 'register' } | { kind: 'list' } | { kind: 'document'; id: string };

export function App() {
  const { api } = useApi();
  const [org, setOrg] = useState<OrgProfile | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [view, setView] = useState<View>({ kind: 'register' });
  const [bookOpen, setBookOpen] = useState(false);

  useEffect(() => {
    api.org.get({}).then(setOrg, (error: unknown) => setLoadError(errorMessage(error)));
  }, [api]);

  const openDocument = useCallback((id: string) => setView({ kind: 'document', id }), []);
  const showList = useCallback(() => setView({ kind: 'list' }), []);

  useShortcuts(
    [
      { key: '1', alt: true, inFields: true, run: () => setView({ kind: 'register' }) },
      { key: '2', alt: true, inFields: true, run: showList },
      { key: '3', alt: true, inFields: true, run: () => setBookOpen(true) },
    ],
    Boolean(org),
  );

  if (loadError) return <div className="app-message" role="alert">{loadError}</div>;
  if (org === undefined) return <div className="app-message">{msg('ui.app.loading')}</div>;
  if (org === null) return <OrgSetup onDone={setOrg} />;

  const me = org.staff.find((s) => s.id === org.currentStaffId);
  const tab = (kind: View['kind'], label: string, key: string, onClick: () => void) => (
    <button type="button" role="tab" aria-selected={view.kind === kind} className="nav-tab" onClick={onClick}>
      {label} <kbd>Alt+{key}</kbd>
    </button>
  );

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-brand">
          <span className="app-logo" aria-hidden="true">VT</span>
          <div>
            <div className="app-org">{org.name}</div>
            <div className="app-org-id">{org.organId}</div>
          </div>
        </div>
        <nav className="app-nav" role="tablist" aria-label={msg('ui.nav.label')}>
          {tab('register', msg('ui.nav.register'), '1', () => setView({ kind: 'register' }))}
          {tab('list', msg('ui.nav.list'), '2', showList)}
          <button type="button" className="nav-tab" onClick={() => setBookOpen(true)}>
            {msg('ui.nav.registerBook')} <kbd>Alt+3</kbd>
          </button>
        </nav>
        {me && (
          <div className="app-user">
            <div>{me.fullName}</div>
            <div className="app-user-role">{msg(`ui.role.${me.role}`)}</div>
          </div>
        )}
      </header>
      <main className="app-main">
        <section hidden={view.kind !== 'register'} className="view" aria-label={msg('ui.nav.register')}>
          <RegisterForm active={view.kind === 'register'} onOpenDocument={openDocument} />
        </section>
        <section hidden={view.kind !== 'list'} className="view" aria-label={msg('ui.nav.list')}>
          <IncomingList active={view.kind === 'list'} onOpen={openDocument} />
        </section>
        {view.kind === 'document' && (
          <section className="view" aria-label={msg('ui.doc.fields')}>
            <DocumentView id={view.id} org={org} onBack={showList} />
          </section>
        )}
      </main>
      {bookOpen && <RegisterBookDialog onClose={() => setBookOpen(false)} />}
    </div>
  );
}
