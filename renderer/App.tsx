/**
 * The office's window: first-run setup until the organisation exists, then three areas: incoming (văn bản đến) and
 * outgoing (văn bản đi) documents, each with its entry form, its register list and a document's view, switched from the
 * top bar or with Alt+1/2/3 inside the area, the handling tasks (việc cần giải quyết) with a reminder of the acting
 * person's late ones on the area's button, and the leaders' directives (Chỉ đạo), where Alt+1 records a new one. Views stay mounted while hidden so that a half-typed entry or the list's
 * scroll position survive a look elsewhere. One PC often serves the clerk, a leader and a specialist: "Người dùng" in
 * the top bar says who acts now, and the core checks that person's role at every step.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { IncomingDetail, IncomingDocument, OrgProfile } from '../shared/contract';
import { msg } from '../shared/messages';
import { ActingUserSelect } from './components/ActingUserSelect';
import { DirectiveDialog, NewDirectiveDialog } from './components/DirectiveDialogs';
import { DirectiveList } from './components/DirectiveList';
import { DocumentView } from './components/DocumentView';
import { IncomingList } from './components/IncomingList';
import { OfficeRulesDialog } from './components/OfficeRulesDialog';
import { OrgSetup } from './components/OrgSetup';
import { OutgoingForm } from './components/OutgoingForm';
import { OutgoingList } from './components/OutgoingList';
import { OutgoingView } from './components/OutgoingView';
import { RegisterBookDialog, type RegisterBookKind } from './components/RegisterBookDialog';
import { RegisterForm } from './components/RegisterForm';
import { SyncIndicator } from './components/SyncIndicator';
import { SyncLoginDialog } from './components/SyncLoginDialog';
import { TaskList } from './components/TaskList';
import { WorkFiles } from './components/WorkFiles';
import { errorMessage } from './format';
import { useApi } from './hooks/useApi';
import { useReminderCounts } from './hooks/useReminderCounts';
import { useShortcuts } from './hooks/useShortcut';
import { useSyncStatus } from './hooks/useSyncStatus';

type Area = 'incoming' | 'outgoing' | 'tasks' | 'directives' | 'files';
type View = { kind: 'form' } | { kind: 'list' } | { kind: 'document'; id: string };

export function App() {
  const { api } = useApi();
  const [org, setOrg] = useState<OrgProfile | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [area, setArea] = useState<Area>('incoming');
  // Each area remembers its own view, so switching areas comes back to where one was.
  const [views, setViews] = useState<Record<Area, View>>({ incoming: { kind: 'form' }, outgoing: { kind: 'list' }, tasks: { kind: 'list' }, directives: { kind: 'list' }, files: { kind: 'list' } });
  const [book, setBook] = useState<RegisterBookKind | null>(null);
  const [rulesOpen, setRulesOpen] = useState(false);
  // The incoming document the outgoing form drafts an answer to, chosen from that document's view.
  const [replyTo, setReplyTo] = useState<IncomingDocument | null>(null);
  // An area is mounted the first time it is opened: a clerk who only registers incoming mail never loads the others.
  const [opened, setOpened] = useState<Record<Area, boolean>>({ incoming: true, outgoing: false, tasks: false, directives: false, files: false });
  useEffect(() => setOpened((o) => (o[area] ? o : { ...o, [area]: true })), [area]);
  const { overdueTasks: myOverdue, overdueDirectives } = useReminderCounts(org);
  // Directives open in a dialog over their list; a change made there makes the list read again.
  const [directive, setDirective] = useState<string | null>(null);
  const [newDirective, setNewDirective] = useState(false);
  const [directivesVersion, setDirectivesVersion] = useState(0);

  const sync = useSyncStatus();
  const [setupLogin, setSetupLogin] = useState(false);
  // Logging in takes the organisation's profile from the server: the header and the acting user come from it.
  const loadOrg = useCallback(() => {
    api.org.get({}).then(setOrg, (error: unknown) => setLoadError(errorMessage(error)));
  }, [api]);
  useEffect(loadOrg, [loadOrg]);

  const view = views[area];
  const show = useCallback((a: Area, next: View) => {
    setArea(a);
    setViews((v) => ({ ...v, [a]: next }));
  }, []);
  const openIncoming = useCallback((id: string) => show('incoming', { kind: 'document', id }), [show]);
  const openOutgoing = useCallback((id: string) => show('outgoing', { kind: 'document', id }), [show]);
  const openTask = useCallback((id: string) => show('tasks', { kind: 'document', id }), [show]);
  const startReply = useCallback(
    (detail: IncomingDetail) => {
      setReplyTo(detail.document);
      show('outgoing', { kind: 'form' });
    },
    [show],
  );
  const clearReply = useCallback(() => setReplyTo(null), []);
  // The tasks, directives and files areas have no entry form.
  const registers = area === 'incoming' || area === 'outgoing' ? area : null;
  const isLeader = org?.staff.some((s) => s.id === org.currentStaffId && s.role === 'lanh_dao') ?? false;
  // The tasks area prints the tracking register (sổ theo dõi giải quyết văn bản đến); the directives area has no book.
  const bookKind: RegisterBookKind | null = area === 'directives' ? null : (registers ?? 'tracking');

  useShortcuts(
    [
      { key: '1', alt: true, inFields: true, run: () => (registers ? show(registers, { kind: 'form' }) : area === 'directives' && isLeader && !directive && setNewDirective(true)) },
      { key: '2', alt: true, inFields: true, run: () => show(area, { kind: 'list' }) },
      { key: '3', alt: true, inFields: true, run: () => setBook(bookKind) },
    ],
    Boolean(org),
  );

  if (loadError) return <div className="app-message" role="alert">{loadError}</div>;
  if (org === undefined) return <div className="app-message">{msg('ui.app.loading')}</div>;
  if (org === null) {
    return (
      <>
        <OrgSetup
          onDone={setOrg}
          serverLogin={
            <p className="setup-intro">
              {msg('syncUi.login.fromSetup')}{' '}
              <button type="button" className="link-button" onClick={() => setSetupLogin(true)}>
                {msg('syncUi.login.open')}
              </button>
            </p>
          }
        />
        {setupLogin && (
          <SyncLoginDialog
            initial={sync.status}
            onClose={() => setSetupLogin(false)}
            onDone={(s) => {
              sync.setStatus(s);
              setSetupLogin(false);
              loadOrg();
            }}
          />
        )}
      </>
    );
  }

  const tab = (kind: 'form' | 'list', label: string, key: string) => (
    <button type="button" role="tab" aria-selected={view.kind === kind} className="nav-tab" title={`Alt+${key}`} onClick={() => show(area, { kind })}>
      {label} <kbd>Alt+{key}</kbd>
    </button>
  );
  const areaButton = (a: Area, label: string, badge?: ReactNode, title?: string) => (
    <button type="button" className="area-button" aria-pressed={area === a} onClick={() => setArea(a)} title={title}>
      {label}
      {badge}
    </button>
  );
  const shown = (a: Area, kind: View['kind']) => area === a && views[a].kind === kind;
  const incomingDoc = views.incoming.kind === 'document' ? views.incoming.id : null;
  const outgoingDoc = views.outgoing.kind === 'document' ? views.outgoing.id : null;
  const taskDoc = views.tasks.kind === 'document' ? views.tasks.id : null;

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-brand" title={`${org.name} — ${org.organId}`}>
          <span className="app-logo" aria-hidden="true">VT</span>
          <div>
            <div className="app-org">{org.name}</div>
            <div className="app-org-id">{org.organId}</div>
          </div>
        </div>
        <div className="app-areas" role="group" aria-label={msg('outgoingUi.nav.areas')}>
          {areaButton('incoming', msg('outgoingUi.nav.incoming'))}
          {areaButton('outgoing', msg('outgoingUi.nav.outgoing'))}
          {areaButton(
            'tasks',
            msg('handlingUi.nav.tasks'),
            myOverdue > 0 && (
              <span className="nav-badge" title={msg('handlingUi.nav.overdue', { n: myOverdue })} data-testid="overdue-badge">
                {myOverdue}
              </span>
            ),
            msg('handlingUi.tasks.title'),
          )}
          {areaButton(
            'directives',
            msg('directiveUi.nav.area'),
            overdueDirectives > 0 && (
              <span className="nav-badge" title={msg('directiveUi.nav.overdue', { n: overdueDirectives })} data-testid="directives-overdue-badge">
                {overdueDirectives}
              </span>
            ),
            msg('directiveUi.nav.areaTitle'),
          )}
          {areaButton('files', msg('workFileUi.nav.area'))}
        </div>
        <nav className="app-nav" role="tablist" aria-label={msg('ui.nav.label')}>
          {registers === 'incoming' && tab('form', msg('ui.nav.register'), '1')}
          {registers === 'outgoing' && tab('form', msg('outgoingUi.nav.draft'), '1')}
          {registers === 'incoming' && tab('list', msg('ui.nav.list'), '2')}
          {registers === 'outgoing' && tab('list', msg('outgoingUi.nav.list'), '2')}
          {area === 'directives' && isLeader && (
            <button type="button" className="nav-tab" title="Alt+1" onClick={() => setNewDirective(true)}>
              {msg('directiveUi.nav.new')} <kbd>Alt+1</kbd>
            </button>
          )}
          {area === 'tasks' && tab('list', msg('handlingUi.nav.list'), '2')}
          {bookKind && (
            <button type="button" className="nav-tab" title="Alt+3" onClick={() => setBook(bookKind)}>
              {msg('ui.nav.registerBook')} <kbd>Alt+3</kbd>
            </button>
          )}
          <button type="button" className="nav-tab" title={msg('officeRulesUi.title')} onClick={() => setRulesOpen(true)}>
            {msg('officeRulesUi.open')}
          </button>
        </nav>
        <SyncIndicator status={sync.status} onStatus={sync.setStatus} onLoggedIn={loadOrg} />
        <ActingUserSelect org={org} onChanged={setOrg} loggedIn={Boolean(sync.status?.username)} />
      </header>
      <main className="app-main">
        <section hidden={!shown('incoming', 'form')} className="view" aria-label={msg('ui.nav.register')}>
          <RegisterForm active={shown('incoming', 'form')} onOpenDocument={openIncoming} />
        </section>
        <section hidden={!shown('incoming', 'list')} className="view" aria-label={msg('ui.nav.list')}>
          <IncomingList active={shown('incoming', 'list')} onOpen={openIncoming} />
        </section>
        {incomingDoc && (
          <section hidden={area !== 'incoming'} className="view" aria-label={msg('ui.doc.fields')}>
            <DocumentView
              id={incomingDoc}
              org={org}
              active={area === 'incoming'}
              onBack={() => show('incoming', { kind: 'list' })}
              onReply={startReply}
              onOpenOutgoing={openOutgoing}
            />
          </section>
        )}
        {opened.outgoing && (
          <>
            <section hidden={!shown('outgoing', 'form')} className="view" aria-label={msg('outgoingUi.nav.draft')}>
              <OutgoingForm org={org} active={shown('outgoing', 'form')} onOpenDocument={openOutgoing} reply={replyTo} onReplyCleared={clearReply} />
            </section>
            <section hidden={!shown('outgoing', 'list')} className="view" aria-label={msg('outgoingUi.nav.list')}>
              <OutgoingList org={org} active={shown('outgoing', 'list')} onOpen={openOutgoing} />
            </section>
          </>
        )}
        {outgoingDoc && (
          <section hidden={area !== 'outgoing'} className="view" aria-label={msg('outgoingUi.doc.fields')}>
            <OutgoingView id={outgoingDoc} org={org} active={area === 'outgoing'} onBack={() => show('outgoing', { kind: 'list' })} />
          </section>
        )}
        {opened.tasks && (
          <section hidden={!shown('tasks', 'list')} className="view" aria-label={msg('handlingUi.tasks.title')}>
            <TaskList org={org} active={shown('tasks', 'list')} onOpen={openTask} />
          </section>
        )}
        {taskDoc && (
          <section hidden={area !== 'tasks'} className="view" aria-label={msg('ui.doc.fields')}>
            <DocumentView
              id={taskDoc}
              org={org}
              active={area === 'tasks'}
              backLabel={msg('handlingUi.nav.back')}
              onBack={() => show('tasks', { kind: 'list' })}
              onReply={startReply}
              onOpenOutgoing={openOutgoing}
            />
          </section>
        )}
        {opened.directives && (
          <section hidden={area !== 'directives'} className="view" aria-label={msg('directiveUi.list.title')}>
            <DirectiveList org={org} active={area === 'directives' && !directive && !newDirective} onOpen={setDirective} version={directivesVersion} />
          </section>
        )}
        {opened.files && (
          <section hidden={area !== 'files'} className="view" aria-label={msg('workFileUi.nav.area')}>
            <WorkFiles org={org} />
          </section>
        )}
      </main>
      {directive && <DirectiveDialog id={directive} onClose={() => setDirective(null)} onChanged={() => setDirectivesVersion((v) => v + 1)} />}
      {newDirective && (
        <NewDirectiveDialog
          org={org}
          onClose={() => setNewDirective(false)}
          onDone={(d) => {
            setNewDirective(false);
            setDirectivesVersion((v) => v + 1);
            setDirective(d.id);
          }}
        />
      )}
      {book && <RegisterBookDialog initialKind={book} onClose={() => setBook(null)} />}
      {rulesOpen && <OfficeRulesDialog org={org} onClose={() => setRulesOpen(false)} />}
    </div>
  );
}
