/** One incoming document: its register fields, attachments, handling history and the PDF itself; hand-over from here. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Attachment, DocumentEvent, HandlingAction, IncomingDetail, OrgProfile, OutgoingSummary, Placement, ScanProgress, SignatureKindName } from '../../shared/contract';
import { shortVietnameseDate } from '../../shared/domain/dates';
import { arrivalNumberText } from '../../shared/domain/arrivalNumber';
import { describeUpdate } from '../../shared/domain/edxmlImportOutcome';
import { msg } from '../../shared/messages';
import { errorMessage, fileSize, joinCode, shortDate, vietnamDate } from '../format';
import { useApi } from '../hooks/useApi';
import { downloadContent } from '../download';
import { describeHandlingEvent } from '../handlingEvents';
import { useContractEvent } from '../hooks/useContractEvent';
import { useIssuePlacing } from '../hooks/useIssuePlacing';
import { useSignatureCheck } from '../hooks/useSignatureCheck';
import { useScanProgress } from '../hooks/useScanProgress';
import { useSignedVersions, type CurrentFile } from '../hooks/useSignedVersions';
import { useShortcuts } from '../hooks/useShortcut';
import { DocumentDirectives } from './DocumentDirectives';
import { DocumentLoadError, FieldsSection, HistorySection } from './DocumentParts';
import { HandlingDialog } from './HandlingDialog';
import { FileIntoWorkFile } from './FileIntoWorkFile';
import { HandlingSlip, HANDLING_ACTION_ORDER } from './HandlingSlip';
import { HandOverDialog, type HandOverAction } from './HandOverDialog';
import { IssuePlacement } from './IssuePlacement';
import { PdfViewer } from './PdfViewer';
import { SignatureBadge } from './SignatureBadge';
import { SignaturePanel } from './SignaturePanel';
import { SignaturePlacement } from './SignaturePlacement';
import { SignPanel } from './SignPanel';
import { PriorityTag, RecalledTag, RestrictedTag, StatusTag } from './Tags';
import { TrustDialog } from './TrustDialog';
import { WithdrawalAnswer, withdrawnBySender } from './WithdrawalAnswer';

interface DocumentViewProps {
  id: string;
  org: OrgProfile;
  /** False while another area is shown: its keys and the viewer's belong to that one. */
  active: boolean;
  onBack: () => void;
  /** Where "back" goes, when not to the register. */
  backLabel?: string;
  /** Opens the outgoing form to draft the answer to this document. */
  onReply: (detail: IncomingDetail) => void;
  onOpenOutgoing: (id: string) => void;
}

export function DocumentView({ id, org, active, onBack, backLabel = msg('ui.action.back'), onReply, onOpenOutgoing }: DocumentViewProps) {
  const { api, transport } = useApi();
  const [detail, setDetail] = useState<IncomingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [handOver, setHandOver] = useState<HandOverAction | null>(null);
  const [handlingStep, setHandlingStep] = useState<HandlingAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [shownHash, setShownHash] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);
  const [signKind, setSignKind] = useState<SignatureKindName>('receipt');
  const [placement, setPlacement] = useState<Placement | null>(null);
  const [trustOpen, setTrustOpen] = useState(false);
  const [replies, setReplies] = useState<OutgoingSummary[]>([]);
  const [printing, setPrinting] = useState(false);
  const signed = useSignedVersions(id);
  const scans = useScanProgress();
  const issuePlacing = useIssuePlacing(org.organId, detail?.document.typeName ?? '');

  const show = useCallback((d: IncomingDetail) => {
    setDetail(d);
    setError(null);
  }, []);
  const load = useCallback(() => {
    api.incoming.get({ id }).then(show, (e: unknown) => setError(errorMessage(e)));
  }, [api, id, show]);
  // Opening the document is reading it: the core keeps one reading per person (the handling history the law asks for),
  // and a document sent for information closes when its lead reads it. Whoever acts next has read it anew, and may
  // take other steps. Without an acting person, or on a recalled copy, there is no reading to keep: just show it.
  useEffect(() => {
    setHandlingStep(null);
    api.handling.read({ id }).then(show, load);
  }, [api, id, org.currentStaffId, show, load]);
  useContractEvent('incoming.changed', (payload) => payload.id === id && load());
  // The drafts answering it change in the outgoing area: any outgoing change may be one of them.
  const loadReplies = useCallback(() => {
    api.handling.replies({ id }).then(setReplies, () => setReplies([]));
  }, [api, id]);
  useEffect(loadReplies, [loadReplies]);
  useContractEvent('outgoing.changed', loadReplies);

  async function printSlip() {
    setPrinting(true);
    try {
      const ref = await api.handling.slip({ id });
      downloadContent(transport, ref);
      setNotice(msg('handlingUi.slip.printed', { name: ref.name }));
    } catch (e) {
      setNotice(errorMessage(e));
    } finally {
      setPrinting(false);
    }
  }

  const firstHandlingStep = HANDLING_ACTION_ORDER.find((a) => detail?.handlingActions.includes(a));
  const viewed = detail ? viewedFile(detail.document.attachments, shownHash, signed.current) : null;
  const { check, recheck } = useSignatureCheck(viewed?.file.hash ?? null);
  const signatures = check?.state === 'done' ? check.result.signatures : null;
  // The seal goes over the competent person's signature (Decree 30): propose the issuing box where the newest intact
  // one is drawn (a broken or forged signature is no place for the seal).
  const newestDrawn = [...(signatures ?? [])].reverse().find((sig) => sig.placement !== null && sig.intact)?.placement ?? null;
  const chooseKind = useCallback(
    (kind: SignatureKindName) => {
      setSignKind(kind);
      if (kind === 'issue' && newestDrawn) setPlacement((current) => current ?? newestDrawn);
    },
    [newestDrawn],
  );

  useShortcuts(
    [
      { key: 'Escape', run: onBack },
      { key: 'r', alt: true, inFields: true, run: () => !detail?.document.recalledAt && setHandOver('present') },
      { key: 'c', alt: true, inFields: true, run: () => !detail?.document.recalledAt && setHandOver('forward') },
      { key: 'g', alt: true, inFields: true, run: () => firstHandlingStep && setHandlingStep(firstHandlingStep) },
    ],
    active && handOver === null && handlingStep === null && !signing,
  );

  if (error) return <DocumentLoadError error={error} onBack={onBack} />;
  if (!detail) return <div className="app-message">{msg('ui.app.loading')}</div>;

  const d = detail.document;
  const shown = viewed?.attachment;
  const shownFile = viewed?.file ?? null;
  const none = msg('ui.doc.none');
  const rows: [string, ReactNode][] = [
    [msg('ui.field.arrivalDate'), shortDate(d.arrivalDate)],
    [msg('ui.field.arrivalNumber'), <strong key="n">{arrivalNumberText(d.arrivalNumber)}</strong>],
    [msg('ui.field.organName'), d.organName],
    [msg('ui.field.code'), joinCode(d.codeNumber, d.codeNotation) || none],
    [msg('ui.field.issuedDate'), [d.place, shortDate(d.issuedDate)].filter(Boolean).join(', ')],
    [msg('ui.field.typeName'), d.typeName],
    [msg('ui.field.subject'), d.subject],
    [msg('ui.field.signerName'), [d.signerPosition, d.signerName].filter(Boolean).join(' ') || none],
    [msg('ui.field.priority'), <PriorityTag key="p" priority={d.priority} />],
    [msg('ui.field.secrecy'), d.secrecy === 'none' ? msg('ui.field.secrecyNone') : d.secrecy],
    [msg('ui.field.pageAmount'), d.pageAmount ?? none],
    [msg('ui.field.dueDate'), shortDate(d.dueDate) || none],
    [msg('ui.field.toPlaces'), d.toPlaces || none],
    [msg('ui.doc.handedOverAt'), shortDate(d.handedOverAt) || none],
    [msg('ui.doc.channel'), msg(d.channel === 'paper' ? 'ui.channel.paper' : 'ui.channel.electronic')],
    [msg('ui.field.note'), d.note || none],
  ];
  if (d.duplicateReason) rows.push([msg('ui.doc.duplicateReason'), d.duplicateReason]);
  if (d.documentId) rows.push([msg('outgoingUi.field.documentId'), <code key="d">{d.documentId}</code>]);

  return (
    <div className="document">
      <div className="view-header">
        <button type="button" className="back-button" onClick={onBack} title="Esc">
          ← {backLabel}
        </button>
        <h1>
          {d.arrivalNumber === null ? msg('ui.doc.titleProvisional', { year: d.year }) : msg('ui.doc.title', { n: d.arrivalNumber, year: d.year })}
          {d.recalledAt ? <RecalledTag replaced={d.replacedBy !== null} /> : <StatusTag status={d.status} />}
          {d.restricted && <RestrictedTag />}
          <SignatureBadge check={check} />
        </h1>
        <div className="view-header-actions">
          {shownFile && !signing && (
            <button type="button" onClick={() => setSigning(true)}>
              {msg('signingUi.sign.open')}
            </button>
          )}
          {/* A recalled copy is kept for the record only: nobody is to act on it any more. */}
          {!d.recalledAt && (
            <>
              <button type="button" className="primary" onClick={() => setHandOver('present')}>
                {msg('ui.handOver.present')} <kbd>Alt+R</kbd>
              </button>
              <button type="button" onClick={() => setHandOver('forward')}>
                {msg('ui.handOver.forward')} <kbd>Alt+C</kbd>
              </button>
            </>
          )}
        </div>
      </div>
      {d.recalledAt && (
        <div className="banner banner-error" role="status" data-testid="recalled-banner">
          <div>{msg('outgoingUi.recalledCopy', { date: vietnamDate(d.recalledAt), reason: d.recallReason ?? '' })}</div>
          {withdrawnBySender(detail) && <WithdrawalAnswer id={d.id} onNotice={setNotice} />}
        </div>
      )}
      {d.replaces.length > 0 && (
        <div className="banner banner-info" role="status" data-testid="replaces-banner">
          {msg('ui.edxml.replaces', { numbers: d.replaces.map((r) => `${arrivalNumberText(r.arrivalNumber)}/${r.year}`).join(', ') })}
        </div>
      )}
      {notice && (
        <div className="banner banner-success" role="status">
          {notice}
        </div>
      )}
      <div className="document-body">
        <div className="document-info">
          {signing && shownFile && (
            <SignPanel
              key={shownFile.hash}
              documentId={d.id}
              file={shownFile}
              defaultNumber={joinCode(d.codeNumber, d.codeNotation)}
              placement={placement}
              issuePlacing={issuePlacing}
              signedBefore={signatures ? signatures.length > 0 : null}
              onKindChange={chooseKind}
              onSigned={(version) => {
                setSigning(false);
                setPlacement(null);
                issuePlacing.reset();
                setNotice(msg('signingUi.sign.done', { version }));
              }}
              onClose={() => {
                setSigning(false);
                setPlacement(null);
                issuePlacing.reset();
              }}
            />
          )}
          <SignaturePanel check={check} onManageTrust={() => setTrustOpen(true)} />
          <HandlingSlip
            detail={detail}
            shortcut="Alt+G"
            onAct={(action) => {
              setNotice(null);
              setHandlingStep(action);
            }}
            replies={replies}
            onOpenReply={onOpenOutgoing}
            onReply={detail.handlingActions.some((a) => a === 'report' || a === 'close') ? () => onReply(detail) : undefined}
            onPrint={() => void printSlip()}
            printing={printing}
          />
          <DocumentDirectives org={org} incomingId={d.id} label={`${arrivalNumberText(d.arrivalNumber)} · ${d.subject}`} />
          <FieldsSection title={msg('ui.doc.fields')} rows={rows} />
          <section>
            <h2 className="panel-title">{msg('ui.doc.attachments')}</h2>
            {d.attachments.length === 0 ? (
              <p className="muted small">{msg('ui.attach.none')}</p>
            ) : (
              <ul className="attachment-list">
                {d.attachments.map((a, position) => (
                  <li key={a.hash} className={a === shown ? 'attachment is-shown' : 'attachment'}>
                    <div className="attachment-main">
                      <span className="attachment-name" title={a.name}>
                        {a.name}
                      </span>
                      <span className="attachment-size">
                        {a.pageCount ? `${msg('ui.doc.pages', { n: a.pageCount })} · ` : ''}
                        {fileSize(a.size)}
                      </span>
                      {signed.current(a, position).version > 1 && (
                        <span className="sig-chip sig-valid">{msg('signingUi.version', { version: signed.current(a, position).version })}</span>
                      )}
                      {a.mime === 'application/pdf' && a !== shown && (
                        <button type="button" className="link-button" onClick={() => setShownHash(a.hash)}>
                          {msg('ui.doc.view')}
                        </button>
                      )}
                      <a className="link-button" href={transport.contentUrl(signed.current(a, position).hash, a.name, { download: true })} download={a.name}>
                        {msg('ui.doc.download')}
                      </a>
                    </div>
                    {scans.reading.has(a.hash) && <LaterPagesProgress progress={scans.reading.get(a.hash)!} onStop={() => scans.stop(a.hash)} />}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <FileIntoWorkFile doc={{ kind: 'incoming', id: d.id }} />
          <HistorySection events={detail.events} describe={describeEvent} />
        </div>
        <div className="document-pdf">
          {shownFile ? (
            <PdfViewer
              url={transport.contentUrl(shownFile.hash, shownFile.name)}
              active={active && handOver === null && handlingStep === null && !trustOpen}
              overlay={
                signing && signKind !== 'attachment'
                  ? (page) => (
                      <>
                        <SignaturePlacement shown={page} value={placement} onChange={setPlacement} />
                        {signKind === 'issue' && <IssuePlacement shown={page} placing={issuePlacing} />}
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
      {handOver && (
        <HandOverDialog
          documentId={d.id}
          org={org}
          initialAction={handOver}
          onClose={() => setHandOver(null)}
          onDone={(_, name, action) => {
            setHandOver(null);
            setNotice(msg(action === 'present' ? 'ui.handOver.presented' : 'ui.handOver.done', { name }));
            load();
          }}
        />
      )}
      {handlingStep && (
        <HandlingDialog
          action={handlingStep}
          detail={detail}
          org={org}
          onClose={() => setHandlingStep(null)}
          onDone={(next, text) => {
            setHandlingStep(null);
            setNotice(text);
            show(next);
          }}
        />
      )}
      {trustOpen && <TrustDialog onClose={() => setTrustOpen(false)} onChanged={recheck} />}
    </div>
  );
}

/** A long scan's later pages being recognised, with the button that stops it until the app starts again. */
function LaterPagesProgress({ progress, onStop }: { progress: ScanProgress; onStop: () => void }) {
  return (
    <div className="ocr-progress" data-testid="scan-progress">
      <span>{msg('ui.attach.laterPages', { done: progress.done, total: progress.total })}</span>
      <progress max={progress.total} value={progress.done} />
      <button type="button" className="link-button" onClick={onStop}>
        {msg('ui.attach.stopOcr')}
      </button>
    </div>
  );
}

/** The PDF chosen for the viewer (the first by default) and its newest signed version, which is what is shown. */
function viewedFile(attachments: Attachment[], chosenHash: string | null, current: (a: Attachment, position: number) => CurrentFile) {
  const pdfs = attachments.filter((a) => a.mime === 'application/pdf');
  const chosen = pdfs.find((a) => a.hash === chosenHash) ?? pdfs[0];
  return chosen ? { attachment: chosen, file: current(chosen, attachments.indexOf(chosen)) } : null;
}

/** The history line in Vietnamese, from the event's kind and data. */
function describeEvent(e: DocumentEvent): string {
  const handling = describeHandlingEvent(e);
  if (handling !== null) return handling;
  const data = e.data;
  if (e.kind === 'incoming.registered') {
    const line = msg('ui.history.registered', { n: arrivalNumberText(typeof data.arrivalNumber === 'number' ? data.arrivalNumber : null) });
    return data.duplicateReason ? `${line}. ${msg('ui.history.registeredDuplicate', { reason: String(data.duplicateReason) })}` : line;
  }
  if (e.kind === 'incoming.numbered') return msg('sync.provisional.numbered', { n: String(data.arrivalNumber ?? '') });
  if (e.kind === 'incoming.handedOver') {
    const recipient = (data.recipient ?? {}) as { name?: string };
    const name = recipient.name ?? '';
    const parts = [data.action === 'present' ? msg('ui.history.present', { name }) : msg('ui.history.forward', { name })];
    if (typeof data.date === 'string') parts.push(msg('ui.history.date', { date: shortVietnameseDate(data.date) }));
    if (typeof data.note === 'string' && data.note) parts.push(`“${data.note}”`);
    return parts.join(' · ');
  }
  if (e.kind === 'signing.signed') {
    const kind = String(data.signatureKind ?? '');
    const kindText = kind === 'approval' || kind === 'issue' || kind === 'attachment' || kind === 'receipt' ? msg(`signingUi.kind.${kind}`) : kind;
    const subject = (data.certificate as { subject?: string } | undefined)?.subject ?? '';
    return msg('signingUi.history.signed', { name: String(data.name ?? ''), kind: kindText, version: String(data.version ?? ''), subject });
  }
  if (e.kind === 'incoming.textRecognised') return msg('ui.history.textRecognised', { pages: String(data.pageCount ?? '') });
  if (e.kind === 'incoming.updatedBySender') {
    const changes = Array.isArray(data.changes) ? (data.changes as Parameters<typeof describeUpdate>[1]) : [];
    return msg('exchange.history.updated', { detail: describeUpdate(String(data.reason ?? ''), changes) });
  }
  if (e.kind === 'incoming.recalled') return msg('outgoingUi.history.recalled', { reason: String(data.reason ?? '') });
  if (e.kind === 'incoming.replaced') return msg('exchange.history.replaced', { reason: String(data.reason ?? '') });
  if (e.kind === 'incoming.withdrawalRefused') return msg('exchange.history.withdrawalRefused', { reason: String(data.reason ?? '') });
  return msg('ui.history.other', { kind: e.kind });
}

