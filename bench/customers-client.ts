/**
 * The HTTP client of the customers benchmark, on a thread of its own: the portal's thread serves only the
 * portal, as in production, where the client is a browser on another machine. Started by `customers.ts` with
 * the portal's address and the signed-in cookie; answers its messages:
 * - `{ id, op: 'get', path, base? }`: one authenticated GET (of the portal, or of the server at `base`), answered
 *   with the milliseconds the client waited for the whole response, as a browser times it;
 * - `{ id, op: 'rate', paths, seconds, cursor, base? }`: GETs of the paths in turn with `inFlight` of them running
 *   at any moment, for `seconds`, answered with how many completed. Each `cursor` name carries its turn over to the
 *   next call, so that every path gets its share.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export type ClientSetup = { base: string; cookie: string; inFlight: number };
export type ClientWork =
  | { op: 'get'; path: string; base?: string }
  | { op: 'rate'; paths: string[]; seconds: number; cursor: string; base?: string };
export type ClientRequest = ClientWork & { id: number };
export type ClientAnswer = { id: number; value: number } | { id: number; error: string };

const { base, cookie, inFlight } = workerData as ClientSetup;
// A kept-alive connection per request in flight; node:http rather than fetch, which costs more per request.
const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });

function get(pathAndQuery: string, server = base): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server}${pathAndQuery}`, { agent, headers: { cookie } }, (res) => {
      res.on('data', () => {});
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`${pathAndQuery}: HTTP ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function timed(pathAndQuery: string, server?: string): Promise<number> {
  const started = performance.now();
  await get(pathAndQuery, server);
  return performance.now() - started;
}

const cursors = new Map<string, { next: number }>();

async function rate(paths: string[], seconds: number, cursorName: string, server?: string): Promise<number> {
  let cursor = cursors.get(cursorName);
  if (!cursor) {
    cursor = { next: 0 };
    cursors.set(cursorName, cursor);
  }
  const turn = cursor;
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        await get(paths[turn.next++ % paths.length] ?? '', server);
        done++;
      }
    }),
  );
  return done;
}

parentPort?.on('message', (request: ClientRequest | 'close') => {
  if (request === 'close') {
    agent.destroy();
    parentPort?.close();
    return;
  }
  const work =
    request.op === 'get'
      ? timed(request.path, request.base)
      : rate(request.paths, request.seconds, request.cursor, request.base);
  work.then(
    (value) => parentPort?.postMessage({ id: request.id, value } satisfies ClientAnswer),
    (err: unknown) => parentPort?.postMessage({ id: request.id, error: String(err) } satisfies ClientAnswer),
  );
});
