/**
 * One outgoing document: its PDF in the viewer with the signatures' verdicts, its fields, every version of its files
 * and the history with comments. The buttons are exactly the steps the core says the acting person may take now
 * (`actions`), plus Góp ý, which anyone may add at any step.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { DocumentEvent, OrgProfile, OutgoingAction, OutgoingDetail, OutgoingDocument, OutgoingFile, Placement } from '../../shared/contract';
import { statusLabel } from '../../shared/domain/edxml';
import { describeUpdate } from '../../shared/domain/edxmlImportOutcome';
import { msg, type MessageKey } from '../../shared/messages';
import { downloadContent } from '../download';
import { errorMessage, fileSize, joinCode, shortDate, vietnamDateTime } from '../format';
import { useApi } from '../hooks/useApi';
import { useContractEvent } from '../hooks/useContractEvent';
import { useIssuePlacing } from '../hooks/useIssuePlacing';
import { useSignatureCheck } from '../hooks/useSignatureCheck';
import { useShortcuts } from '../hooks/useShortcut';
import { DocumentLoadError, FieldsSection, HistorySection } from './DocumentParts';
import { FileIntoWorkFile } from './FileIntoWorkFile';
import { IssuePlacement } from './IssuePlacement';
import { OutgoingSignPanel } from './OutgoingSignPanel';
import { OutgoingStepDialog, type OutgoingStep } from './OutgoingStepDialog';
import { PdfViewer } from './PdfViewer';
import { SignatureBadge } from './SignatureBadge';
import { SignaturePanel } from './SignaturePanel';
import { SignaturePlacement } from './SignaturePlacement';
import { OutgoingStatusTag, PriorityTag } from './Tags';
import { TrustDialog } from './TrustDialog';

/** The buttons in the order the workflow runs; sign and issue open the signing panel, the others a dialog. */
const ACTION_ORDER: OutgoingAction[] = ['edit', 'submit', 'return', 'approve', 'sign', 'issue', 'dispatch', 'recall', 'replace'];
const ACTION_TEXT: Record<OutgoingAction, MessageKey> = {
  edit: 'outgoingUi.action.edit',
  submit: 'outgoingUi.action.submit',
  return: 'outgoingUi.action.return',
  approve: 'outgoingUi.action.approve',
  sign: 'outgoingUi.action.sign',
  issue: 'outgoingUi.action.issue',
  dispatch: 'outgoingUi.action.dispatch',
  recall: 'outgoingUi.action.recall',
  replace: 'outgoingUi.action.replace',
};
/** The step a person is most likely here for gets the primary look. */
const PRIMARY: OutgoingAction[] = ['submit', 'approve', 'sign', 'issue', 'dispatch'];
const ROLE_TEXT: Record<OutgoingFile['role'], MessageKey> = { main: 'outgoingUi.file.main', work: 'outgoingUi.file.work', attachment: 'outgoingUi.file.appendix' };
const ORIGIN_TEXT: Record<string, MessageKey> = {
  uploaded: 'outgoingUi.origin.uploaded',
  approval: 'outgoingUi.origin.approval',
  issue: 'outgoingUi.origin.issue',
  attachment: 'outgoingUi.origin.attachment',
};

interface OutgoingViewProps {
  id: string;
  org: OrgProfile;
  active: boolean;
  onBack: () => void;
}

export function OutgoingView({ id, org, active, onBack }: OutgoingViewProps) {
  const { api, transport } = useApi();
  const [detail, setDetail] = useState<OutgoingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [step, setStep] = useState<OutgoingStep | null>(null);
  const [signing, setSigning] = useState<'sign' | 'issue' | null>(null);
  const [placement, setPlacement] = useState<Placement | null>(null);
  const [shownHash, setShownHash] = useState<string | null>(null);
  const [trustOpen, setTrustOpen] = useState(false);
  const issuePlacing = useIssuePlacing(org.organId, detail?.document.typeName ?? '');

  const load = useCallback(() => {
    api.outgoing.get({ id }).then(
      (d) => {
        setDetail(d);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [api, id]);
  // Another person acting now may take other steps: the actions come with the document, so ask again.
  useEffect(load, [load, org.currentStaffId]);
  useEffect(() => {
    setSigning(null);
    setStep(null);
  }, [org.currentStaffId]);
  useContractEvent('outgoing.changed', (payload) => payload.id === id && load());
  const resetIssuePlaces = issuePlacing.reset;
  useEffect(() => {
    if (signing !== 'issue') resetIssuePlaces();
  }, [signing, resetIssuePlaces]);

  const doc = detail?.document ?? null;
  const newestMain = doc?.files.find((f) => f.role === 'main') ?? null;
  // The newest main PDF unless the person chose another version or an appendix; a step that adds a version shows it.
  const shown = (shownHash && doc?.versions.find((v) => v.hash === shownHash && v.mime === 'application/pdf')) || newestMain;
  const { check, recheck } = useSignatureCheck(shown?.hash ?? null);
  const signatures = check?.state === 'done' ? check.result.signatures : null;

  const done = (next: OutgoingDocument, text: string) => {
    setStep(null);
    setSigning(null);
    setPlacement(null);
    setShownHash(null);
    setNotice(text);
    setDetail((d) => (d ? { ...d, document: next } : d));
    load();
  };

  useShortcuts([{ key: 'Escape', run: onBack }], active && step === null && signing === null);

  async function exportPackage() {
    try {
      const ref = await api.exchange.export({ id });
      downloadContent(transport, ref);
      setNotice(msg('outgoingUi.edxml.done', { name: ref.name, to: ref.to.map((t) => t.name).join('; ') }));
    } catch (e) {
      setNotice(errorMessage(e));
    }
  }

  if (error) return <DocumentLoadError error={error} onBack={onBack} />;
  if (!detail || !doc) return <div className="app-message">{msg('ui.app.loading')}</div>;

  const none = msg('ui.doc.none');
  const staffName = (sid: string | null) => org.staff.find((s) => s.id === sid)?.fullName ?? none;
  const code = doc.number !== null ? joinCode(doc.codeNumber, doc.codeNotation) : null;
  const rows: [string, ReactNode][] = [
    [msg('ui.field.code'), code ? <strong key="c">{code}</strong> : <span className="muted">{msg('outgoingUi.col.noNumber')}</span>],
    [msg('outgoingUi.field.issuedDate'), shortDate(doc.issuedDate) || none],
    [msg('ui.field.typeName'), doc.typeName],
    [msg('ui.field.subject'), doc.subject],
    [msg('outgoingUi.field.draftingUnit'), org.units.find((u) => u.id === doc.draftingUnitId)?.name ?? none],
    [msg('outgoingUi.field.drafter'), doc.drafterName || none],
    [msg('ui.field.signerName'), [doc.signerAuthority, doc.signerPosition, doc.signerName].filter(Boolean).join(' ')],
    [msg('ui.field.priority'), <PriorityTag key="p" priority={doc.priority} />],
    [msg('outgoingUi.field.copies'), doc.issuedAmount],
    [msg('outgoingUi.field.dueDate'), shortDate(doc.dueDate) || none],
    [msg('outgoingUi.field.recipients'), doc.toPlaces || none],
    [msg('ui.field.note'), doc.note || none],
  ];
  if (doc.reviewerId) rows.splice(7, 0, [msg('outgoingUi.field.reviewer'), staffName(doc.reviewerId)]);
  if (doc.dispatchedAt) rows.push([msg('outgoingUi.field.dispatchedAt'), shortDate(doc.dispatchedAt)]);
  if (doc.documentId) rows.push([msg('outgoingUi.field.documentId'), <code key="d">{doc.documentId}</code>]);
  if (doc.exchangePackage) {
    rows.push([
      msg('outgoingUi.field.exchangePackage'),
      <span key="p" data-testid="exchange-package">
        {msg(`outgoingUi.exchangePackage.${doc.exchangePackage}`)}
      </span>,
    ]);
  }
  if (doc.exchangeStatuses.length) {
    rows.push([
      msg('outgoingUi.field.exchangeStatus'),
      <ul key="x" className="small">
        {doc.exchangeStatuses.map((s) => (
          <li key={s.organId}>
            {msg('outgoingUi.exchangeStatus', { organ: s.organName, label: statusLabel(s.code), code: s.code, at: s.timestamp })}
            {/* A refusal's or an answer's reason: what the clerk acts on. */}
            {s.description && s.description !== statusLabel(s.code) && <div className="muted">{s.description}</div>}
          </li>
        ))}
      </ul>,
    ]);
  }
  if (doc.closedReason) rows.push([msg('outgoingUi.field.closedReason'), doc.closedReason]);

  const actions = ACTION_ORDER.filter((a) => doc.actions.includes(a));
  // A copy (sao y, trích sao, sao lục) carries its number in its own heading, not in the original's blanks.
  const placesNumber = signing === 'issue' && doc.copyKind === 'none';
  // Issued and not withdrawn, with someone outside the organisation to receive it: an edXML package can be made.
  // A recalled one leaves as a revocation package (thu hồi), which tells the recipients to stop.
  const exchangeable = (doc.status === 'issued' || doc.status === 'dispatched' || doc.status === 'recalled') && doc.recipients.some((r) => r.kind === 'external' && r.organId);
  const act = (a: OutgoingAction) => {
    setNotice(null);
    if (a === 'sign' || a === 'issue') {
      setShownHash(null);
      setPlacement(null);
      setSigning(a);
    } else setStep(a);
  };
  const versions = [...doc.versions].sort((x, y) => (x.role === y.role ? x.position - y.position || y.version - x.version : x.role === 'main' ? -1 : y.role === 'main' ? 1 : x.role.localeCompare(y.role)));

  return (
    <div className="document">
      <div className="view-header">
        <button type="button" className="back-button" onClick={onBack} title="Esc">
          ← {msg('outgoingUi.doc.back')}
        </button>
        <h1>
          {code ? msg('outgoingUi.doc.title', { code }) : msg('outgoingUi.doc.draftTitle', { type: doc.typeName })}
          <OutgoingStatusTag status={doc.status} />
          <SignatureBadge check={check} />
        </h1>
        <div className="view-header-actions" data-testid="outgoing-actions">
          {actions.map((a) => (
            <button key={a} type="button" className={PRIMARY.includes(a) ? 'primary' : undefined} onClick={() => act(a)} disabled={signing !== null}>
              {msg(ACTION_TEXT[a])}
            </button>
          ))}
          {exchangeable && (
            <button type="button" onClick={() => void exportPackage()} disabled={signing !== null}>
              {msg(doc.status === 'recalled' ? 'outgoingUi.edxml.exportRevocation' : 'outgoingUi.edxml.export')}
            </button>
          )}
          <button type="button" onClick={() => setStep('comment')}>
            {msg('outgoingUi.action.comment')}
          </button>
        </div>
      </div>
      {(doc.status === 'recalled' || doc.status === 'replaced') && (
        <div className="banner banner-error" role="status">
          {msg(doc.status === 'recalled' ? 'outgoingUi.doc.recalled' : 'outgoingUi.doc.replaced', { reason: doc.closedReason ?? '' })}
        </div>
      )}
      {notice && (
        <div className="banner banner-success" role="status" data-testid="outgoing-notice">
          {notice}
        </div>
      )}
      <div className="document-body">
        <div className="document-info">
          {signing && newestMain && (
            <OutgoingSignPanel
              key={signing}
              mode={signing}
              doc={doc}
              file={newestMain}
              placement={placement}
              onResetPlacement={() => setPlacement(null)}
              issuePlacing={placesNumber ? issuePlacing : null}
              signedBefore={signatures ? signatures.length > 0 : null}
              onDone={done}
              onClose={() => {
                setSigning(null);
                setPlacement(null);
              }}
            />
          )}
          <SignaturePanel check={check} onManageTrust={() => setTrustOpen(true)} />
          <FieldsSection title={msg('outgoingUi.doc.fields')} rows={rows} />
          <section>
            <h2 className="panel-title">{msg('outgoingUi.doc.versions')}</h2>
            <ul className="attachment-list" data-testid="outgoing-versions">
              {versions.map((v) => (
                <li key={`${v.role}-${v.position}-${v.version}`} className={v.hash === shown?.hash ? 'attachment is-shown' : 'attachment'}>
                  <div className="attachment-main">
                    <span className="attachment-name" title={v.name}>
                      {msg(ROLE_TEXT[v.role])} · {msg('outgoingUi.doc.version', { version: v.version })}
                    </span>
                    <span className="attachment-size">{fileSize(v.size)}</span>
                    {v.mime === 'application/pdf' && v.hash !== shown?.hash && (
                      <button type="button" className="link-button" onClick={() => setShownHash(v.hash)}>
                        {msg('ui.doc.view')}
                      </button>
                    )}
                    <a className="link-button" href={transport.contentUrl(v.hash, v.name, { download: true })} download={v.name}>
                      {msg('ui.doc.download')}
                    </a>
                  </div>
                  <div className="attachment-state muted">
                    {v.name} · {msg(ORIGIN_TEXT[v.origin] ?? 'outgoingUi.origin.uploaded')} · {vietnamDateTime(v.createdAt)} · {v.actor}
                  </div>
                </li>
              ))}
            </ul>
          </section>
          <FileIntoWorkFile doc={{ kind: 'outgoing', id }} />
          <HistorySection events={detail.events} describe={describeOutgoingEvent} />
        </div>
        <div className="document-pdf">
          {shown ? (
            <PdfViewer
              url={transport.contentUrl(shown.hash, shown.name)}
              active={active && step === null && !trustOpen}
              overlay={
                signing
                  ? (page) => (
                      <>
                        <SignaturePlacement shown={page} value={placement} onChange={setPlacement} />
                        {placesNumber && <IssuePlacement shown={page} placing={issuePlacing} />}
                      </>
                    )
                  : undefined
              }
            />
          ) : (
            <p className="pdf-message">{msg('ui.doc.noPdf')}</p>
          )}
        </div>
      </div>
      {step && <OutgoingStepDialog step={step} doc={doc} org={org} onDone={done} onClose={() => setStep(null)} />}
      {trustOpen && <TrustDialog onClose={() => setTrustOpen(false)} onChanged={recheck} />}
    </div>
  );
}

/** The history line in Vietnamese, from the event's kind and data; the comment is quoted under it by HistorySection. */
function describeOutgoingEvent(e: DocumentEvent): string {
  const data = e.data;
  const named = (v: unknown) => String((v as { name?: string } | undefined)?.name ?? '');
  switch (e.kind) {
    case 'outgoing.created':
      return msg('outgoingUi.history.created');
    case 'outgoing.versionAdded':
      return msg('outgoingUi.history.versionAdded', { name: named(data.file) });
    case 'outgoing.commented':
      return msg('outgoingUi.history.commented');
    case 'outgoing.submitted':
      return msg('outgoingUi.history.submitted', { name: named(data.to) });
    case 'outgoing.returned':
      return msg('outgoingUi.history.returned');
    case 'outgoing.approved':
      return msg('outgoingUi.history.approved', { name: named(data.to) });
    case 'outgoing.signed':
      return msg('outgoingUi.history.signed', { subject: (data.certificate as { subject?: string } | undefined)?.subject ?? '' });
    case 'outgoing.issued':
      return data.codeNumber !== undefined
        ? msg('outgoingUi.history.issued', { code: joinCode(String(data.codeNumber), String(data.codeNotation ?? '')), date: shortDate(String(data.issuedDate ?? '')) })
        : msg('outgoingUi.history.issuedNumber', { n: String(data.number ?? '') });
    case 'outgoing.dispatched': {
      const external = Array.isArray(data.external) ? (data.external as { name?: string }[]).map((x) => x.name ?? '') : [];
      const internal = Array.isArray(data.internal) ? (data.internal as string[]) : [];
      return msg('outgoingUi.history.dispatched', { places: [...internal, ...external].join('; ') || msg('ui.doc.none'), date: shortDate(String(data.date ?? '')) });
    }
    case 'outgoing.recalled':
      return msg('outgoingUi.history.recalled', { reason: String(data.reason ?? '') });
    case 'outgoing.exchangeStatus':
      return msg('outgoingUi.history.exchangeStatus', { organ: String(data.organName ?? ''), label: statusLabel(String(data.code ?? '')), code: String(data.code ?? ''), description: String(data.description ?? '') });
    case 'outgoing.corrected': {
      const changes = Array.isArray(data.changes) ? (data.changes as Parameters<typeof describeUpdate>[1]) : [];
      return msg('outgoingUi.history.corrected', { detail: describeUpdate(String(data.reason ?? ''), changes) });
    }
    case 'outgoing.replaced':
      return msg('outgoingUi.history.replaced', { code: String((data.by as { code?: string } | undefined)?.code ?? ''), reason: String(data.reason ?? '') });
    default:
      return msg('ui.history.other', { kind: e.kind });
  }
}
