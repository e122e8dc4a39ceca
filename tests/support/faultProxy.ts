/**
 * A TCP proxy on 127.0.0.1 that misbehaves like a commune office's link: per connection it may delay, drop (close
 * before forwarding), cut the request or the response after some bytes, or replay the request on a second upstream
 * connection (its answer discarded), each with a configured probability drawn from a seeded PRNG.
 *
 * One connection is treated as one request: HTTP keep-alive would blur request boundaries at the TCP level, so the
 * servers behind it answer `Connection: close` (see blobServer.ts) and every request opens its own connection. A cut
 * then always falls inside one request or one response, and a replay is one whole request.
 */
import net from 'node:net';
import { mulberry32 } from './prng';

export interface FaultRates {
  delay: number;
  drop: number;
  cutRequest: number;
  cutResponse: number;
  duplicate: number;
}

export interface FaultProxyOptions {
  targetPort: number;
  seed: number;
  rates?: Partial<FaultRates>;
  /** A delayed connection waits between these many milliseconds before it is forwarded. */
  delayMs?: [min: number, max: number];
  /** A cut request is cut after between these many bytes of it. */
  requestCutBytes?: [min: number, max: number];
  /** A cut response is cut after between these many bytes of it. */
  responseCutBytes?: [min: number, max: number];
}

export interface FaultStats {
  connections: number;
  refused: number;
  delayed: number;
  dropped: number;
  /** Cuts that happened: a cut planned past the end of a short request does not count. */
  cutRequests: number;
  cutResponses: number;
  duplicates: number;
}

export interface FaultProxy {
  port: number;
  url: string;
  /** Offline: every connection is refused at once, like an office whose line is down. */
  setOffline(offline: boolean): void;
  setRates(rates: Partial<FaultRates>): void;
  stats(): FaultStats;
  close(): Promise<void>;
}

const NO_FAULTS: FaultRates = { delay: 0, drop: 0, cutRequest: 0, cutResponse: 0, duplicate: 0 };

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = mulberry32(options.seed);
  let rates: FaultRates = { ...NO_FAULTS, ...options.rates };
  let offline = false;
  const counts: FaultStats = { connections: 0, refused: 0, delayed: 0, dropped: 0, cutRequests: 0, cutResponses: 0, duplicates: 0 };
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    return socket;
  };
  const between = ([min, max]: [number, number], draw: number) => Math.floor(min + draw * (max - min + 1));

  function upstream(): net.Socket {
    return track(net.connect(options.targetPort, '127.0.0.1'));
  }

  /** Forwards `from` to `to`, cutting both after `cutAt` bytes when it is set; backpressure is kept. */
  function forward(from: net.Socket, to: net.Socket, cutAt: number | null, onCut: () => void, capture?: Buffer[]) {
    let sent = 0;
    from.on('data', (data: Buffer) => {
      if (cutAt !== null && sent + data.length >= cutAt) {
        to.write(data.subarray(0, cutAt - sent), () => {
          from.destroy();
          to.destroy();
        });
        from.pause();
        onCut();
        return;
      }
      sent += data.length;
      capture?.push(data);
      if (!to.write(data)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    });
    from.on('end', () => to.end());
    from.on('error', () => to.destroy());
  }

  function replay(request: Buffer[]) {
    counts.duplicates++;
    const second = upstream();
    second.on('error', () => undefined);
    second.resume(); // its answer is discarded
    second.end(Buffer.concat(request));
  }

  const server = net.createServer((client) => {
    track(client);
    counts.connections++;
    client.on('error', () => undefined);
    if (offline) {
      counts.refused++;
      client.destroy();
      return;
    }
    // Every draw is made for every connection, so the n-th connection of a seed gets the same dice whatever the rates.
    const draws = Array.from({ length: 8 }, random);
    const plan = {
      delay: draws[0]! < rates.delay ? between(options.delayMs ?? [5, 50], draws[1]!) : 0,
      drop: draws[2]! < rates.drop,
      cutRequestAt: draws[3]! < rates.cutRequest ? between(options.requestCutBytes ?? [1, 64 * 1024], draws[4]!) : null,
      cutResponseAt: draws[5]! < rates.cutResponse ? between(options.responseCutBytes ?? [1, 64 * 1024], draws[6]!) : null,
      duplicate: draws[7]! < rates.duplicate,
    };
    client.pause();
    if (plan.delay) counts.delayed++;
    setTimeout(() => {
      if (plan.drop) {
        counts.dropped++;
        client.destroy();
        return;
      }
      const server = upstream();
      const captured: Buffer[] | undefined = plan.duplicate ? [] : undefined;
      let cut = false;
      let answered = false;
      forward(client, server, plan.cutRequestAt, () => {
        cut = true;
        counts.cutRequests++;
      }, captured);
      forward(server, client, plan.cutResponseAt, () => {
        cut = true;
        counts.cutResponses++;
      });
      // An answer means the whole request was read (our servers answer after the body), so the capture is whole.
      server.once('data', () => (answered = true));
      server.on('close', () => {
        if (captured && answered && !cut) replay(captured);
      });
      client.resume();
    }, plan.delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setOffline(value) {
      offline = value;
      // A link that goes down takes the open (kept-alive) connections with it.
      if (value) for (const socket of sockets) socket.destroy();
    },
    setRates(changed) {
      rates = { ...rates, ...changed };
    },
    stats: () => ({ ...counts }),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
