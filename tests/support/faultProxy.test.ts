import http from 'node:http';
import type net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { mulberry32 } from './prng';

let target: http.Server;
let received: number[];
let proxy: FaultProxy | undefined;

beforeEach(async () => {
  received = [];
  target = http.createServer(async (req, res) => {
    let size = 0;
    try {
      for await (const part of req as AsyncIterable<Buffer>) size += part.length;
    } catch {
      return; // a request cut on the way never becomes a request
    }
    received.push(size);
    res.setHeader('Connection', 'close');
    res.end(Buffer.alloc(200_000, 1));
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await new Promise((resolve) => target.close(resolve));
});

const port = () => (target.address() as net.AddressInfo).port;
const post = (url: string) => fetch(url, { method: 'POST', body: Buffer.alloc(100_000) }).then((r) => r.arrayBuffer().then((b) => b.byteLength));

describe('the fault proxy', () => {
  it('draws the same numbers from the same seed', () => {
    const a = mulberry32(5);
    const b = mulberry32(5);
    const draws = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('passes everything through when no fault is configured', async () => {
    proxy = await startFaultProxy({ targetPort: port(), seed: 1 });
    expect(await post(proxy.url)).toBe(200_000);
    expect(received).toEqual([100_000]);
  });

  it('cuts a request before the server has it whole, and a response before the client has it whole', async () => {
    proxy = await startFaultProxy({ targetPort: port(), seed: 1, rates: { cutRequest: 1 }, requestCutBytes: [1000, 5000] });
    await expect(post(proxy.url)).rejects.toThrow();
    proxy.setRates({ cutRequest: 0, cutResponse: 1 });
    await expect(post(proxy.url)).rejects.toThrow();
    expect(proxy.stats()).toMatchObject({ cutRequests: 1, cutResponses: 1 });
    // Only the second request reached the server whole; the first one's bytes never made a request.
    expect(received).toEqual([100_000]);
  });

  it('replays a request on a second connection, its answer discarded', async () => {
    proxy = await startFaultProxy({ targetPort: port(), seed: 1, rates: { duplicate: 1 } });
    expect(await post(proxy.url)).toBe(200_000);
    await expect.poll(() => received.length).toBe(2);
    expect(received).toEqual([100_000, 100_000]);
    expect(proxy.stats().duplicates).toBe(1);
  });

  it('drops and delays connections, and refuses all of them while offline', async () => {
    proxy = await startFaultProxy({ targetPort: port(), seed: 1, rates: { drop: 1 } });
    await expect(post(proxy.url)).rejects.toThrow();
    proxy.setRates({ drop: 0, delay: 1 });
    expect(await post(proxy.url)).toBe(200_000);
    proxy.setOffline(true);
    await expect(post(proxy.url)).rejects.toThrow();
    expect(proxy.stats()).toMatchObject({ connections: 3, dropped: 1, delayed: 1, refused: 1 });
  });
});
