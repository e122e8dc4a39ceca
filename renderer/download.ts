/** Saves what the core produced (a register book, a report) as a download, under the name the core gave it. */
import type { ContentRef } from '../shared/contract';
import type { Transport } from './api/client';

export function downloadContent(transport: Transport, ref: ContentRef): void {
  const link = document.createElement('a');
  link.href = transport.contentUrl(ref.hash, ref.name, { download: true });
  link.download = ref.name;
  document.body.append(link);
  link.click();
  link.remove();
}
