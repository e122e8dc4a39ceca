import type { Db } from '../database';
import initial from './0001-initial';
import searchFacets from './0002-search-facets';
import signing from './0003-signing';
import listIndexes from './0004-list-indexes';
import attachmentHashIndexes from './0005-attachment-hash-indexes';
import outgoing from './0006-outgoing';
import sync from './0007-sync';
import provisionalEntries from './0008-provisional-entries';
import restricted from './0009-restricted';
import handling from './0010-handling';
import directives from './0011-directives';
import workFiles from './0012-work-files';
import listAndTaskCounts from './0013-list-and-task-counts';
import replyIndex from './0014-reply-index';
import documentIdIndex from './0015-document-id-index';
import exchangeThroughServer from './0016-exchange-through-server';
import incomingReplacedBy from './0017-incoming-replaced-by';
import deferredMutations from './0018-deferred-mutations';
import scanLaterPages from './0019-scan-later-pages';
import priorityTypeIndex from './0020-priority-type-index';
import deferredIndexes from './0021-deferred-indexes';

export interface Migration {
  version: number;
  name: string;
  /** Rebuilds a table other tables reference: run with foreign keys off, and every key checked before the commit. */
  rebuildsTables?: boolean;
  up(db: Db): void;
}

/** In order; a migration once released is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  searchFacets,
  signing,
  listIndexes,
  attachmentHashIndexes,
  outgoing,
  sync,
  provisionalEntries,
  restricted,
  handling,
  directives,
  workFiles,
  listAndTaskCounts,
  replyIndex,
  documentIdIndex,
  exchangeThroughServer,
  incomingReplacedBy,
  deferredMutations,
  scanLaterPages,
  priorityTypeIndex,
  deferredIndexes,
];
