/** The signed versions of a document's attachments: the newest one is what the viewer shows and what is signed next. */
import { useCallback, useEffect, useState } from 'react';
import type { Attachment, AttachmentVersion } from '../../shared/contract';
import { useApi } from './useApi';
import { useContractEvent } from './useContractEvent';

export interface CurrentFile {
  hash: string;
  name: string;
  /** 1 for the file as received. */
  version: number;
}

export function useSignedVersions(documentId: string) {
  const { api } = useApi();
  const [versions, setVersions] = useState<AttachmentVersion[]>([]);
  const load = useCallback(() => {
    api.signing.versions({ documentId }).then(setVersions, () => setVersions([]));
  }, [api, documentId]);
  useEffect(load, [load]);
  useContractEvent('incoming.changed', (payload) => payload.id === documentId && load());

  const current = useCallback(
    (attachment: Attachment, position: number): CurrentFile => {
      const newest = versions.filter((v) => v.position === position).at(-1);
      return newest ? { hash: newest.hash, name: newest.name, version: newest.version } : { hash: attachment.hash, name: attachment.name, version: 1 };
    },
    [versions],
  );
  return { versions, current };
}
