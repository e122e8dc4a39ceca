/** Where the clerk drops a PDF (or opens the file picker with Enter, Space or Alt+T), with the files so far. */
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { msg } from '../../shared/messages';
import { fileSize } from '../format';
import type { AttachmentItem } from '../hooks/useAttachments';

interface AttachmentDropZoneProps {
  items: AttachmentItem[];
  onFiles: (files: File[]) => void;
  onRemove: (id: number) => void;
  /** Offered while a scan is being recognised (forms that read their files). */
  onCancelOcr?: (jobId: string) => void;
  error?: string | undefined;
  /** The panel's title; "Tệp đính kèm" unless the form names its files otherwise. */
  title?: string;
  /** What the zone asks for, under its title. */
  prompt?: string;
  /** Beside each file: what it is to the form (an outgoing draft's main PDF, work file or appendix) and how to change it. */
  itemExtra?: (item: AttachmentItem) => ReactNode;
  /** Before the zone's test ids, where another form's zone is mounted (hidden) beside it. */
  testIdPrefix?: string;
}

export function AttachmentDropZone({ items, onFiles, onRemove, onCancelOcr, error, title, prompt, itemExtra, testIdPrefix = '' }: AttachmentDropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length) onFiles(files);
  };

  return (
    <div className="attachments">
      <h2 className="panel-title">{title ?? msg('ui.attach.title')}</h2>
      <div
        className={over ? 'drop-zone is-over' : 'drop-zone'}
        role="button"
        tabIndex={0}
        accessKey="t"
        data-testid={`${testIdPrefix}drop-zone`}
        aria-describedby={`${testIdPrefix}drop-zone-hint`}
        onClick={() => input.current?.click()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            input.current?.click();
          }
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span className="drop-icon" aria-hidden="true">
          ⤓
        </span>
        <span className="drop-title">{prompt ?? msg('ui.attach.drop')}</span>
        <span className="drop-hint" id={`${testIdPrefix}drop-zone-hint`}>
          {msg('ui.attach.pick')}
        </span>
        <input
          ref={input}
          type="file"
          multiple
          accept=".pdf,application/pdf,.docx,.xlsx,.png,.jpg,.jpeg,.tif,.tiff"
          hidden
          data-testid={`${testIdPrefix}file-input`}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) onFiles(files);
          }}
        />
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      {items.length === 0 ? (
        <p className="muted small">{msg('ui.attach.none')}</p>
      ) : (
        <ul className="attachment-list">
          {items.map((item) => (
            <li key={item.id} className={`attachment attachment-${item.state}`}>
              <div className="attachment-main">
                <span className="attachment-name" title={item.name}>
                  {item.name}
                </span>
                <span className="attachment-size">{fileSize(item.size)}</span>
                {itemExtra?.(item)}
                <button type="button" className="link-button" onClick={() => onRemove(item.id)} aria-label={`${msg('ui.action.remove')} ${item.name}`}>
                  {msg('ui.action.remove')}
                </button>
              </div>
              <div className="attachment-state" role={item.message ? 'alert' : 'status'}>
                {item.state === 'uploading' && msg('ui.attach.uploading')}
                {item.state === 'analyzing' && !item.ocr && msg('ui.attach.analyzing')}
                {item.state === 'analyzing' && item.ocr && <OcrProgress item={item} onCancel={onCancelOcr} />}
                {item.state === 'ready' && !item.message && readText(item)}
                {item.message && <span className="attachment-problem">{item.message}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function readText(item: AttachmentItem): string {
  const pages = item.analysis?.pageCount;
  if (item.analysis?.scanned) return msg('ui.attach.recognised', { pages: pages ?? 1 });
  return pages ? msg('ui.attach.read', { pages }) : msg('ui.attach.stored');
}

/** A scan's OCR, page by page, with the button that stops it. */
function OcrProgress({ item, onCancel }: { item: AttachmentItem; onCancel: ((jobId: string) => void) | undefined }) {
  const { done, total } = item.ocr!;
  return (
    <span className="ocr-progress" data-testid="ocr-progress">
      <span>{msg('ui.attach.recognising', { page: Math.min(done + 1, total), pages: total })}</span>
      <progress max={total} value={done} />
      {onCancel && item.jobId && (
        <button type="button" className="link-button" onClick={() => onCancel(item.jobId!)}>
          {msg('ui.attach.stopOcr')}
        </button>
      )}
    </span>
  );
}
