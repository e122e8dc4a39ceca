/**
 * The server's poke stream (`SYNC_PATHS.poke`, server-sent events): each `poke` says the organisation changed, so
 * the client pulls. It is only a hint: a poke lost with the connection costs nothing, the timer pulls anyway.
 */
import { SYNC_PATHS } from '../../../shared/contract/syncWire';

export interface PokeStreamOptions {
  baseUrl: string;
  authHeader(): Promise<string>;
  signal: AbortSignal;
  /** The stream answered: the server is reachable again. */
  onOpen(): void;
  onPoke(): void;
  fetch?: typeof fetch;
}

/** Listens until the stream ends (resolves) or cannot be opened or breaks (rejects). */
export async function listenForPokes(options: PokeStreamOptions): Promise<void> {
  const response = await (options.fetch ?? fetch)(new URL(SYNC_PATHS.poke, options.baseUrl), {
    headers: { authorization: await options.authHeader(), accept: 'text/event-stream' },
    signal: options.signal,
  });
  if (!response.ok || !response.body) throw new Error(`poke stream refused: ${response.status}`);
  options.onOpen();
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffered += decoder.decode(chunk.value, { stream: true });
    const messages = buffered.split('\n\n');
    buffered = messages.pop() ?? '';
    if (messages.some((m) => m.split('\n').includes('event: poke'))) options.onPoke();
  }
}
