import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { type Clock, systemClock } from '../lib/clock.ts';
import { FakeApi } from './fake-stripe/api.ts';
import { emptyState, type FakeEvent, type FakeStripeState, randomId } from './fake-stripe/objects.ts';
import {
  ApiError,
  authenticate,
  type FormObject,
  header,
  Params,
  parseForm,
} from './fake-stripe/requests.ts';

/**
 * A local fake of the few Stripe API endpoints the portal's StripeGateway calls, for tests: Stripe cannot be
 * reached from here, and the real SDK should still do the talking (encoding, headers, errors, retries).
 * State is in memory. Responses carry the fields Stripe documents for each object that the portal could read;
 * requests are checked the way Stripe checks them (key, required and unknown parameters, ids, idempotency
 * keys), so a wrong call fails here as it would there. Time comes from `clock` (unix seconds in every object).
 */

export interface RecordedRequest {
  method: string;
  path: string;
  params: FormObject;
  idempotencyKey: string | undefined;
  status: number;
}

export interface FakeStripe {
  /** e.g. `http://127.0.0.1:41234`: the gateway's `apiBase`. */
  apiBase: string;
  state: FakeStripeState;
  /** Every request received, in order (replays of an idempotency key included). */
  requests: RecordedRequest[];
  /**
   * Holds the answer to the next request that `matches` until `release()`: Stripe being slow, for as long as a
   * test needs to look at what the portal does meanwhile. The request changes nothing before it is released.
   */
  hold(matches: (request: { method: string; path: string }) => boolean): HeldAnswer;
  /** The customer paid in Checkout: an active subscription and its paid first invoice. */
  completeCheckout(sessionId: string): [checkoutCompleted: FakeEvent, invoicePaid: FakeEvent];
  /** The next invoice of a subscription fails to be paid: the subscription becomes past_due. */
  failInvoice(subscriptionId: string): FakeEvent;
  /** The next invoice of a subscription as a draft (`invoice.created`): no number, hosted page or PDF yet. */
  draftInvoice(subscriptionId: string): FakeEvent;
  /** A draft's total changes before it is finalized (`invoice.updated`). */
  updateDraftInvoice(invoiceId: string, amount: number): FakeEvent;
  /** A draft is finalized (`invoice.finalized`): numbered, with its hosted page and PDF, open. */
  finalizeInvoice(invoiceId: string): FakeEvent;
  /** An open invoice is paid, voided or marked uncollectible (`invoice.paid`, `.voided`, `.marked_uncollectible`). */
  settleInvoice(invoiceId: string, outcome: 'paid' | 'void' | 'uncollectible'): FakeEvent;
  /** The body and `Stripe-Signature` header Stripe would post; `timestamp` in unix seconds, default now. */
  signedEvent(
    event: FakeEvent,
    webhookSecret: string,
    timestamp?: number,
  ): { payload: string; header: string };
  stop(): Promise<void>;
}

export interface HeldAnswer {
  /** Resolves once a matching request has arrived and waits for its answer. */
  arrived: Promise<{ method: string; path: string }>;
  /** Lets the held request be answered (and any later hold of it be skipped). */
  release(): void;
}

interface Hold {
  matches(request: { method: string; path: string }): boolean;
  claimed: boolean;
  arrive(request: { method: string; path: string }): void;
  released: Promise<void>;
  release(): void;
}

export async function startFakeStripe(options: {
  validSecretKey: string;
  clock?: Clock;
}): Promise<FakeStripe> {
  const clock = options.clock ?? systemClock;
  const now = () => Math.floor(clock.now().getTime() / 1000);
  const state = emptyState(now());
  const requests: RecordedRequest[] = [];
  const replies = new Map<string, { path: string; body: string; status: number; response: object }>();
  const holds: Hold[] = [];
  let apiBase = '';

  const api = new FakeApi(state, now, () => apiBase);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.destroy(error instanceof Error ? error : undefined));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', apiBase);
    const method = req.method ?? 'GET';
    const page = /^\/c\/pay\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && page) {
      // Where Checkout's `url` leads a browser: enough for a journey to see it arrived.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Fake Stripe Checkout</title><h1>Checkout ${page[1]}</h1>`);
      return;
    }
    const hold = holds.find((h) => !h.claimed && h.matches({ method, path: url.pathname }));
    if (hold) {
      hold.claimed = true;
      hold.arrive({ method, path: url.pathname });
      await hold.released;
    }
    const params = parseForm([url.search.slice(1), body].filter(Boolean).join('&'));
    const idempotencyKey = header(req, 'idempotency-key');
    const send = (status: number, response: object, replayed = false) => {
      requests.push({ method, path: url.pathname, params, idempotencyKey, status });
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_${randomId(14)}`,
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      });
      res.end(JSON.stringify(response, null, 2));
    };

    try {
      authenticate(header(req, 'authorization'), options.validSecretKey);
      // Stripe honours keys on POST only, and stores an answer only once the endpoint began its work, so a
      // request refused by validation can be sent again with the same key.
      const stored = method === 'POST' && idempotencyKey ? replies.get(idempotencyKey) : undefined;
      if (stored) {
        if (stored.path !== url.pathname || stored.body !== body) {
          throw new ApiError(
            400,
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            { type: 'idempotency_error' },
          );
        }
        send(stored.status, stored.response, true);
        return;
      }
      const response = api.route(method, url.pathname, new Params(params));
      if (method === 'POST' && idempotencyKey) {
        replies.set(idempotencyKey, { path: url.pathname, body, status: 200, response });
      }
      send(200, response);
    } catch (error) {
      if (error instanceof ApiError) send(error.status, { error: error.body });
      // A bug in the fake: answered like Stripe's own failures, so the test shows the message.
      else send(500, { error: { type: 'api_error', message: `Fake Stripe failed: ${String(error)}` } });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiBase,
    state,
    requests,
    completeCheckout: (sessionId) => api.completeCheckout(sessionId),
    failInvoice: (subscriptionId) => api.failInvoice(subscriptionId),
    draftInvoice: (subscriptionId) => api.draftInvoice(subscriptionId),
    updateDraftInvoice: (invoiceId, amount) => api.updateDraftInvoice(invoiceId, amount),
    finalizeInvoice: (invoiceId) => api.finalizeInvoice(invoiceId),
    settleInvoice: (invoiceId, outcome) => api.settleInvoice(invoiceId, outcome),
    hold(matches) {
      let arrive: Hold['arrive'] = () => {};
      let release = () => {};
      const arrived = new Promise<{ method: string; path: string }>((resolve) => {
        arrive = resolve;
      });
      const hold: Hold = {
        matches,
        claimed: false,
        arrive: (request) => arrive(request),
        released: new Promise<void>((resolve) => {
          release = resolve;
        }),
        release: () => {
          hold.claimed = true;
          release();
        },
      };
      holds.push(hold);
      return { arrived, release: hold.release };
    },
    signedEvent(event, webhookSecret, timestamp = now()) {
      const payload = JSON.stringify(event, null, 2);
      return {
        payload,
        header: Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret, timestamp }),
      };
    },
    async stop() {
      for (const hold of holds) hold.release();
      // The SDK keeps connections alive: close them, or close() waits for them.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type { FakeEvent, FakeStripeState } from './fake-stripe/objects.ts';
export { type FormObject, type FormValue, parseForm } from './fake-stripe/requests.ts';
