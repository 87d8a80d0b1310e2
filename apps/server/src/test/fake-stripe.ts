import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { type Clock, systemClock } from '../lib/clock.ts';

/**
 * A local fake of the few Stripe API endpoints the portal's StripeGateway calls, for tests: Stripe cannot be
 * reached from here, and the real SDK should still do the talking (encoding, headers, errors, retries).
 * State is in memory. Responses carry the fields Stripe documents for each object that the portal could read;
 * requests are checked the way Stripe checks them (key, required and unknown parameters, ids, idempotency
 * keys), so a wrong call fails here as it would there. Time comes from `clock` (unix seconds in every object).
 */

export type FormValue = string | FormValue[] | FormObject;
export type FormObject = { [key: string]: FormValue };

export interface RecordedRequest {
  method: string;
  path: string;
  params: FormObject;
  idempotencyKey: string | undefined;
  status: number;
}

export interface FakeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: { id: string; object: string } };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
}

export interface FakeStripe {
  /** e.g. `http://127.0.0.1:41234`: the gateway's `apiBase`. */
  apiBase: string;
  state: FakeStripeState;
  /** Every request received, in order (replays of an idempotency key included). */
  requests: RecordedRequest[];
  /** The customer paid in Checkout: an active subscription and its paid first invoice. */
  completeCheckout(sessionId: string): [checkoutCompleted: FakeEvent, invoicePaid: FakeEvent];
  /** The next invoice of a subscription fails to be paid: the subscription becomes past_due. */
  failInvoice(subscriptionId: string): FakeEvent;
  /** The body and `Stripe-Signature` header Stripe would post; `timestamp` in unix seconds, default now. */
  signedEvent(
    event: FakeEvent,
    webhookSecret: string,
    timestamp?: number,
  ): { payload: string; header: string };
  stop(): Promise<void>;
}

export type FakeStripeState = ReturnType<typeof emptyState>;

export async function startFakeStripe(options: {
  validSecretKey: string;
  clock?: Clock;
}): Promise<FakeStripe> {
  const clock = options.clock ?? systemClock;
  const now = () => Math.floor(clock.now().getTime() / 1000);
  const state = emptyState(now());
  const requests: RecordedRequest[] = [];
  const replies = new Map<string, { path: string; body: string; status: number; response: object }>();
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
    signedEvent(event, webhookSecret, timestamp = now()) {
      const payload = JSON.stringify(event, null, 2);
      return {
        payload,
        header: Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret, timestamp }),
      };
    },
    async stop() {
      // The SDK keeps connections alive: close them, or close() waits for them.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Requests: form bodies, parameters, errors

/**
 * Parses `application/x-www-form-urlencoded` with Stripe's bracket notation: `line_items[0][price]=p`
 * → `{ line_items: [{ price: 'p' }] }`; `expand[]=a` appends. Objects whose keys are all indexes become arrays.
 */
export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const name = /^[^[]+/.exec(key)?.[0];
    if (!name) continue;
    const path = [name, ...Array.from(key.slice(name.length).matchAll(/\[([^\]]*)\]/g), (m) => m[1] ?? '')];
    let node = root;
    path.forEach((segment, i) => {
      const slot = segment === '' ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) {
        node[slot] = value;
        return;
      }
      const child = node[slot];
      if (child === undefined || typeof child === 'string' || Array.isArray(child)) {
        const created: FormObject = {};
        node[slot] = created;
        node = created;
      } else {
        node = child;
      }
    });
  }
  return withArrays(root) as FormObject;
}

function withArrays(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, withArrays(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

class ApiError extends Error {
  readonly status: number;
  readonly body: { type: string; message: string; code?: string; param?: string };
  constructor(status: number, message: string, extra: { type?: string; code?: string; param?: string } = {}) {
    super(message);
    this.status = status;
    this.body = {
      type: extra.type ?? 'invalid_request_error',
      message,
      code: extra.code,
      param: extra.param,
    };
  }
}

const missing = (param: string) =>
  new ApiError(400, `Missing required param: ${param}.`, { code: 'parameter_missing', param });
const invalid = (param: string, message: string) =>
  new ApiError(400, message, { code: 'parameter_invalid', param });
const noSuch = (kind: string, id: string, param?: string) =>
  new ApiError(404, `No such ${kind}: '${id}'`, { code: 'resource_missing', param });

function authenticate(authorization: string | undefined, validKey: string): void {
  const key = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!key) {
    throw new ApiError(
      401,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (key !== validKey) {
    const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
    throw new ApiError(401, `Invalid API Key provided: ${prefix}****${key.slice(-4)}`);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A request's parameters at one level (`prefix` names them in errors as Stripe does: `tiers[1][up_to]`). */
class Params {
  readonly values: FormObject;
  readonly prefix: string;
  constructor(values: FormObject, prefix = '') {
    this.values = values;
    this.prefix = prefix;
  }

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  /** Stripe refuses parameters it does not know. These lists are what the fake implements; add as needed. */
  allowOnly(...keys: string[]): this {
    for (const key of Object.keys(this.values)) {
      if (!keys.includes(key) && !(this.prefix === '' && key === 'expand')) {
        throw new ApiError(400, `Received unknown parameter: ${this.name(key)}`, {
          code: 'parameter_unknown',
          param: this.name(key),
        });
      }
    }
    return this;
  }

  has(key: string): boolean {
    return this.values[key] !== undefined;
  }

  text(key: string): string | undefined {
    const value = this.values[key];
    if (value !== undefined && typeof value !== 'string') {
      throw invalid(this.name(key), `Invalid string: ${key}`);
    }
    return value;
  }

  required(key: string): string {
    const value = this.text(key);
    if (value === undefined || value === '') throw missing(this.name(key));
    return value;
  }

  int(key: string): number | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      throw new ApiError(400, `Invalid integer: ${value}`, {
        code: 'parameter_invalid_integer',
        param: this.name(key),
      });
    }
    return Number(value);
  }

  bool(key: string): boolean | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw invalid(this.name(key), `Invalid boolean: ${value}`);
    return value === 'true';
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalid(this.name(key), `Invalid ${key}: must be one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  object(key: string): Params | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' || Array.isArray(value)) throw invalid(this.name(key), 'Invalid object');
    return new Params(value, this.name(key));
  }

  list(key: string): Params[] {
    const value = this.values[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw invalid(this.name(key), 'Invalid array');
    return value.map((element, i) => {
      if (typeof element === 'string' || Array.isArray(element)) {
        throw invalid(`${this.name(key)}[${i}]`, 'Invalid object');
      }
      return new Params(element, `${this.name(key)}[${i}]`);
    });
  }

  strings(key: string): string[] {
    const value = this.values[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw invalid(this.name(key), 'Invalid array');
    }
    return value as string[];
  }

  metadata(): Record<string, string> {
    // `metadata=` (empty) is how Stripe's callers clear it.
    const metadata = this.values.metadata === '' ? undefined : this.object('metadata');
    if (!metadata) return {};
    return Object.fromEntries(Object.keys(metadata.values).map((k) => [k, metadata.text(k) ?? '']));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Objects as Stripe documents them (the fields the portal could read)

const randomId = (length = 24) =>
  randomBytes(length).toString('base64url').replace(/[-_]/g, '0').slice(0, length);
const list = <T>(data: T[], url: string) => ({ object: 'list' as const, data, has_more: false, url });

function addMonths(seconds: number, months: number): number {
  const date = new Date(seconds * 1000);
  date.setUTCMonth(date.getUTCMonth() + months);
  return Math.floor(date.getTime() / 1000);
}

interface Tier {
  up_to: number | null;
  unit_amount: number | null;
  flat_amount: number | null;
}

function emptyState(created: number) {
  return {
    account: {
      id: `acct_${randomId(16)}`,
      object: 'account' as const,
      business_profile: { name: 'Fake Provider GmbH', url: null, support_email: null },
      charges_enabled: true,
      country: 'DE',
      created,
      default_currency: 'eur',
      details_submitted: true,
      email: 'billing@provider.test',
      payouts_enabled: true,
      type: 'standard' as const,
    },
    customers: new Map<string, ReturnType<typeof newCustomer>>(),
    products: new Map<string, ReturnType<typeof newProduct>>(),
    prices: new Map<string, FakePrice>(),
    checkoutSessions: new Map<string, FakeCheckoutSession>(),
    subscriptions: new Map<string, FakeSubscription>(),
    subscriptionSchedules: new Map<string, FakeSchedule>(),
    invoices: new Map<string, FakeInvoice>(),
  };
}

function newCustomer(p: Params, created: number) {
  return {
    id: `cus_${randomId(14)}`,
    object: 'customer' as const,
    address: null,
    balance: 0,
    created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.text('description') ?? null,
    email: p.text('email') ?? null,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null },
    livemode: false as const,
    metadata: p.metadata(),
    name: p.text('name') ?? null,
    phone: null,
    preferred_locales: [] as string[],
    shipping: null,
    tax_exempt: 'none' as const,
    test_clock: null,
  };
}

function newProduct(p: Params, created: number) {
  return {
    id: `prod_${randomId(14)}`,
    object: 'product' as const,
    active: true,
    created,
    default_price: null,
    description: p.text('description') ?? null,
    images: [] as string[],
    livemode: false as const,
    marketing_features: [] as never[],
    metadata: p.metadata(),
    name: p.required('name'),
    package_dimensions: null,
    shippable: null,
    type: 'service' as const,
    unit_label: null,
    updated: created,
    url: null,
  };
}

type FakePrice = ReturnType<typeof newPrice>;
function newPrice(
  p: Params,
  created: number,
  fields: {
    product: string;
    currency: string;
    recurring: { interval: string; interval_count: number } | null;
  },
  tiers: Tier[] | null,
) {
  const unitAmount = p.int('unit_amount') ?? null;
  return {
    id: `price_${randomId(14)}`,
    object: 'price' as const,
    active: true,
    billing_scheme: tiers ? ('tiered' as const) : ('per_unit' as const),
    created,
    currency: fields.currency,
    custom_unit_amount: null,
    livemode: false as const,
    lookup_key: p.text('lookup_key') ?? null,
    metadata: p.metadata(),
    nickname: p.text('nickname') ?? null,
    product: fields.product,
    recurring: fields.recurring && {
      ...fields.recurring,
      meter: null,
      trial_period_days: null,
      usage_type: 'licensed' as const,
    },
    tax_behavior: 'unspecified' as const,
    // Stripe includes `tiers` only when asked for (expand[]=tiers); publicPrice() drops it otherwise.
    tiers,
    tiers_mode: tiers ? (p.text('tiers_mode') ?? null) : null,
    transform_quantity: null,
    type: fields.recurring ? ('recurring' as const) : ('one_time' as const),
    unit_amount: unitAmount,
    unit_amount_decimal: unitAmount === null ? null : String(unitAmount),
  };
}

function publicPrice(price: FakePrice, expand: string[] = []) {
  const { tiers, ...rest } = price;
  return expand.includes('tiers') ? price : rest;
}

function amountFor(price: FakePrice, quantity: number): number {
  if (!price.tiers) return (price.unit_amount ?? 0) * quantity;
  let total = 0;
  let below = 0;
  for (const tier of price.tiers) {
    const upTo = tier.up_to ?? Number.POSITIVE_INFINITY;
    const count = Math.min(quantity, upTo) - below;
    if (count <= 0) break;
    total += count * (tier.unit_amount ?? 0) + (tier.flat_amount ?? 0);
    below = upTo;
  }
  return total;
}

type FakeCheckoutSession = ReturnType<typeof newCheckoutSession>;
function newCheckoutSession(p: Params, created: number, apiBase: string, amount: number, currency: string) {
  const id = `cs_test_${randomId(58)}`;
  return {
    id,
    object: 'checkout.session' as const,
    amount_subtotal: amount,
    amount_total: amount,
    cancel_url: p.text('cancel_url') ?? null,
    client_reference_id: p.text('client_reference_id') ?? null,
    created,
    currency,
    customer: p.text('customer') ?? null,
    customer_details: null as { email: string | null } | null,
    customer_email: p.text('customer_email') ?? null,
    expires_at: created + 24 * 3600,
    invoice: null as string | null,
    livemode: false as const,
    metadata: p.metadata(),
    mode: p.required('mode'),
    payment_method_types: ['card'],
    payment_status: 'unpaid' as 'unpaid' | 'paid',
    status: 'open' as 'open' | 'complete' | 'expired',
    subscription: null as string | null,
    success_url: p.text('success_url') ?? null,
    ui_mode: 'hosted' as const,
    url: `${apiBase}/c/pay/${id}`,
  };
}

interface CheckoutLine {
  price: FakePrice;
  quantity: number;
  /** subscription_data's billing_cycle_anchor and metadata. */
  anchor: number | undefined;
  metadata: Record<string, string>;
}

type FakeSubscription = ReturnType<typeof newSubscription>;
function newSubscription(customer: string, line: CheckoutLine, now: number) {
  const id = `sub_${randomId(14)}`;
  const periodEnd = line.anchor ?? addMonths(now, 1);
  const item = {
    id: `si_${randomId(14)}`,
    object: 'subscription_item' as const,
    created: now,
    current_period_end: periodEnd,
    current_period_start: now,
    discounts: [] as string[],
    metadata: {},
    price: publicPrice(line.price),
    quantity: line.quantity,
    subscription: id,
    tax_rates: [] as never[],
  };
  return {
    id,
    object: 'subscription' as const,
    billing_cycle_anchor: periodEnd,
    cancel_at: null as number | null,
    cancel_at_period_end: false,
    canceled_at: null as number | null,
    collection_method: 'charge_automatically' as const,
    created: now,
    currency: line.price.currency,
    // Stripe moved the period to the items (API 2025-03-31); kept here too for readers of older shapes.
    current_period_end: periodEnd,
    current_period_start: now,
    customer,
    default_payment_method: `pm_${randomId(14)}`,
    ended_at: null as number | null,
    items: list([item], `/v1/subscription_items?subscription=${id}`),
    latest_invoice: null as string | null,
    livemode: false as const,
    metadata: line.metadata,
    schedule: null as string | null,
    start_date: now,
    status: 'active' as 'active' | 'past_due' | 'canceled',
    trial_end: null,
    trial_start: null,
  };
}

type FakeInvoice = ReturnType<typeof newInvoice>;
function newInvoice(
  subscription: FakeSubscription,
  fields: { amount: number; paid: boolean; reason: string; periodStart: number; periodEnd: number },
  now: number,
) {
  const id = `in_${randomId(14)}`;
  const [item] = subscription.items.data;
  return {
    id,
    object: 'invoice' as const,
    account_country: 'DE',
    amount_due: fields.amount,
    amount_paid: fields.paid ? fields.amount : 0,
    amount_remaining: fields.paid ? 0 : fields.amount,
    attempt_count: 1,
    attempted: true,
    billing_reason: fields.reason,
    collection_method: 'charge_automatically' as const,
    created: now,
    currency: subscription.currency,
    customer: subscription.customer,
    hosted_invoice_url: `https://invoice.stripe.test/${id}`,
    lines: list(
      [
        {
          id: `il_${randomId(14)}`,
          object: 'line_item' as const,
          amount: fields.amount,
          currency: subscription.currency,
          description: `${item?.quantity ?? 0} × ${item?.price.nickname ?? 'IPs'}`,
          period: { start: fields.periodStart, end: fields.periodEnd },
          quantity: item?.quantity ?? 0,
        },
      ],
      `/v1/invoices/${id}/lines`,
    ),
    livemode: false as const,
    metadata: {},
    next_payment_attempt: fields.paid ? null : now + 3 * 24 * 3600,
    number: `FAKE-${randomId(6).toUpperCase()}`,
    parent: {
      type: 'subscription_details' as const,
      quote_details: null,
      subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
    },
    period_end: fields.periodEnd,
    period_start: fields.periodStart,
    status: fields.paid ? ('paid' as const) : ('open' as const),
    status_transitions: {
      finalized_at: now,
      marked_uncollectible_at: null,
      paid_at: fields.paid ? now : null,
      voided_at: null,
    },
    subtotal: fields.amount,
    total: fields.amount,
  };
}

interface Phase {
  start_date: number;
  end_date: number;
  items: { price: string; quantity: number; metadata: Record<string, string> }[];
  proration_behavior: string;
  metadata: Record<string, string>;
}

type FakeSchedule = ReturnType<typeof newSchedule>;
function newSchedule(subscription: FakeSubscription, now: number) {
  const [item] = subscription.items.data;
  const phase: Phase = {
    start_date: item?.current_period_start ?? now,
    end_date: item?.current_period_end ?? now,
    items: item ? [{ price: item.price.id, quantity: item.quantity, metadata: {} }] : [],
    proration_behavior: 'create_prorations',
    metadata: {},
  };
  return {
    id: `sub_sched_${randomId(14)}`,
    object: 'subscription_schedule' as const,
    canceled_at: null as number | null,
    completed_at: null,
    created: now,
    current_phase: { start_date: phase.start_date, end_date: phase.end_date },
    customer: subscription.customer,
    end_behavior: 'release',
    livemode: false as const,
    metadata: {} as Record<string, string>,
    phases: [phase],
    released_at: null as number | null,
    released_subscription: null as string | null,
    status: 'active' as 'active' | 'released' | 'canceled',
    subscription: subscription.id as string | null,
  };
}

function event(type: string, object: { id: string; object: string }, created: number): FakeEvent {
  return {
    id: `evt_${randomId(24)}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Endpoints

class FakeApi {
  readonly #state: FakeStripeState;
  readonly #now: () => number;
  readonly #apiBase: () => string;
  /** What a Checkout Session will subscribe to: Stripe keeps it, but shows it only through other endpoints. */
  readonly #checkoutLines = new Map<string, CheckoutLine>();

  constructor(state: FakeStripeState, now: () => number, apiBase: () => string) {
    this.#state = state;
    this.#now = now;
    this.#apiBase = apiBase;
  }

  route(method: string, path: string, p: Params): object {
    const expand = p.strings('expand');
    // Stripe's reads take nothing but `expand`.
    if (method === 'GET') p.allowOnly();
    for (const [verb, pattern, handler] of this.#routes) {
      const match = verb === method ? pattern.exec(path) : null;
      if (match) return handler(p, match[1] ?? '', expand);
    }
    throw new ApiError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  readonly #routes: [string, RegExp, (p: Params, id: string, expand: string[]) => object][] = [
    ['GET', /^\/v1\/account$/, () => this.#state.account],
    ['POST', /^\/v1\/customers$/, (p) => this.#createCustomer(p)],
    ['POST', /^\/v1\/products$/, (p) => this.#createProduct(p)],
    ['POST', /^\/v1\/prices$/, (p, _, expand) => publicPrice(this.#createPrice(p), expand)],
    ['POST', /^\/v1\/checkout\/sessions$/, (p, _, expand) => this.#expand(this.#createCheckout(p), expand)],
    [
      'GET',
      /^\/v1\/checkout\/sessions\/([^/]+)$/,
      (_, id, expand) =>
        this.#expand(this.#get(this.#state.checkoutSessions, 'checkout.session', id), expand),
    ],
    [
      'GET',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (_, id, expand) => this.#expand(this.#subscription(id), expand),
    ],
    [
      'POST',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (p, id, expand) => this.#expand(this.#updateSubscription(this.#subscription(id), p), expand),
    ],
    [
      'DELETE',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (p, id, expand) => this.#expand(this.#cancelSubscription(this.#subscription(id), p), expand),
    ],
    ['POST', /^\/v1\/subscription_schedules$/, (p) => this.#createSchedule(p)],
    [
      'POST',
      /^\/v1\/subscription_schedules\/([^/]+)$/,
      (p, id) => this.#updateSchedule(this.#schedule(id), p),
    ],
    [
      'POST',
      /^\/v1\/subscription_schedules\/([^/]+)\/release$/,
      (p, id) => this.#releaseSchedule(this.#schedule(id), p),
    ],
    [
      'GET',
      /^\/v1\/invoices\/([^/]+)$/,
      (_, id, expand) => this.#expand(this.#get(this.#state.invoices, 'invoice', id), expand),
    ],
  ];

  completeCheckout(sessionId: string): [FakeEvent, FakeEvent] {
    const session = this.#state.checkoutSessions.get(sessionId);
    const line = this.#checkoutLines.get(sessionId);
    if (!session || !line || session.status !== 'open') {
      throw new Error(`No open Checkout Session ${sessionId}`);
    }
    const now = this.#now();
    // Checkout makes a customer when it was given none.
    const customer =
      (session.customer && this.#state.customers.get(session.customer)) ||
      this.#createCustomer(new Params(session.customer_email ? { email: session.customer_email } : {}));
    const subscription = newSubscription(customer.id, line, now);
    // The first invoice charges the days until the billing anchor, prorated against a whole month.
    const periodEnd = subscription.current_period_end;
    const share = line.anchor ? (periodEnd - now) / (periodEnd - addMonths(periodEnd, -1)) : 1;
    const invoice = newInvoice(
      subscription,
      {
        amount: Math.round(amountFor(line.price, line.quantity) * share),
        paid: true,
        reason: 'subscription_create',
        periodStart: now,
        periodEnd: now,
      },
      now,
    );
    subscription.latest_invoice = invoice.id;
    this.#state.subscriptions.set(subscription.id, subscription);
    this.#state.invoices.set(invoice.id, invoice);
    Object.assign(session, {
      status: 'complete',
      payment_status: 'paid',
      customer: customer.id,
      subscription: subscription.id,
      invoice: invoice.id,
      customer_details: { email: customer.email },
    });
    return [event('checkout.session.completed', session, now), event('invoice.paid', invoice, now)];
  }

  failInvoice(subscriptionId: string): FakeEvent {
    const subscription = this.#state.subscriptions.get(subscriptionId);
    const item = subscription?.items.data[0];
    if (!subscription || !item) throw new Error(`No subscription ${subscriptionId}`);
    const amount = amountFor(this.#price(item.price.id, 'price'), item.quantity);
    const now = this.#now();
    const invoice = newInvoice(
      subscription,
      {
        amount,
        paid: false,
        reason: 'subscription_cycle',
        periodStart: subscription.current_period_start,
        periodEnd: subscription.current_period_end,
      },
      now,
    );
    this.#state.invoices.set(invoice.id, invoice);
    subscription.latest_invoice = invoice.id;
    subscription.status = 'past_due';
    return event('invoice.payment_failed', invoice, now);
  }

  #get<T>(map: Map<string, T>, kind: string, id: string): T {
    const found = map.get(id);
    if (!found) throw noSuch(kind, id, 'id');
    return found;
  }

  /** Replaces ids by their objects along `expand` paths (`subscription`, `subscription.latest_invoice`). */
  #expand(object: object, expand: string[]): object {
    const copy = structuredClone(object) as Record<string, unknown>;
    for (const path of expand) {
      const cannot = new ApiError(400, `This property cannot be expanded (${path}).`, { param: 'expand' });
      let node: Record<string, unknown> | undefined = copy;
      for (const field of path.split('.')) {
        if (!node) break;
        const value = node[field];
        if (value === undefined) throw cannot;
        if (typeof value === 'string') {
          const found = this.#find(value);
          if (!found) throw cannot;
          node[field] = structuredClone(found);
        }
        const next: unknown = node[field];
        node = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : undefined;
      }
    }
    return copy;
  }

  #find(id: string): object | undefined {
    const s = this.#state;
    const price = s.prices.get(id);
    return (
      s.customers.get(id) ??
      s.products.get(id) ??
      (price && publicPrice(price)) ??
      s.checkoutSessions.get(id) ??
      s.subscriptions.get(id) ??
      s.subscriptionSchedules.get(id) ??
      s.invoices.get(id)
    );
  }

  #subscription(id: string): FakeSubscription {
    return this.#get(this.#state.subscriptions, 'subscription', id);
  }

  #schedule(id: string): FakeSchedule {
    return this.#get(this.#state.subscriptionSchedules, 'subscription schedule', id);
  }

  #price(id: string, param: string): FakePrice {
    const price = this.#state.prices.get(id);
    if (!price) throw noSuch('price', id, param);
    return price;
  }

  #createCustomer(p: Params) {
    p.allowOnly('email', 'name', 'description', 'metadata', 'phone', 'preferred_locales');
    const customer = newCustomer(p, this.#now());
    this.#state.customers.set(customer.id, customer);
    return customer;
  }

  #createProduct(p: Params) {
    p.allowOnly('name', 'description', 'metadata', 'active', 'tax_code', 'unit_label');
    const product = newProduct(p, this.#now());
    this.#state.products.set(product.id, product);
    return product;
  }

  #createPrice(p: Params): FakePrice {
    p.allowOnly(
      'product',
      'currency',
      'unit_amount',
      'recurring',
      'billing_scheme',
      'tiers',
      'tiers_mode',
      'nickname',
      'lookup_key',
      'metadata',
      'tax_behavior',
      'active',
    );
    const currency = p.required('currency');
    if (!/^[a-z]{3}$/i.test(currency)) throw invalid('currency', `Invalid currency: ${currency}`);
    const product = p.required('product');
    if (!this.#state.products.has(product)) throw noSuch('product', product, 'product');
    const recurring = p.object('recurring')?.allowOnly('interval', 'interval_count', 'usage_type');
    const interval = recurring?.oneOf('interval', ['day', 'week', 'month', 'year']);
    if (recurring && !interval) throw missing('recurring[interval]');
    recurring?.oneOf('usage_type', ['licensed']);
    const scheme = p.oneOf('billing_scheme', ['per_unit', 'tiered']) ?? 'per_unit';
    const tiers = scheme === 'tiered' ? this.#tiers(p) : null;
    if (!tiers && p.int('unit_amount') === undefined) throw missing('unit_amount');
    if (!tiers && p.has('tiers')) {
      throw invalid('tiers', 'Tiers may only be given when billing_scheme is tiered.');
    }
    const price = newPrice(
      p,
      this.#now(),
      {
        product,
        currency: currency.toLowerCase(),
        recurring:
          recurring && interval ? { interval, interval_count: recurring.int('interval_count') ?? 1 } : null,
      },
      tiers,
    );
    this.#state.prices.set(price.id, price);
    return price;
  }

  #tiers(p: Params): Tier[] {
    if (!p.oneOf('tiers_mode', ['graduated', 'volume'])) throw missing('tiers_mode');
    if (p.has('unit_amount')) {
      throw invalid('unit_amount', 'You may only specify one of these parameters: unit_amount, tiers.');
    }
    const tiers = p.list('tiers');
    if (tiers.length === 0) throw missing('tiers');
    let previous = 0;
    return tiers.map((tier, i) => {
      tier.allowOnly('up_to', 'unit_amount', 'flat_amount');
      const last = i === tiers.length - 1;
      const upTo = tier.required('up_to');
      if (last !== (upTo === 'inf')) {
        throw invalid(
          tier.name('up_to'),
          'The last tier must have `up_to` set to `inf`, and only the last tier may.',
        );
      }
      const bound = last ? null : tier.int('up_to');
      if (bound !== null && bound !== undefined && bound <= previous) {
        throw invalid(tier.name('up_to'), 'Each tier must have an `up_to` greater than the previous tier.');
      }
      previous = bound ?? previous;
      const unitAmount = tier.int('unit_amount') ?? null;
      const flatAmount = tier.int('flat_amount') ?? null;
      if (unitAmount === null && flatAmount === null) throw missing(tier.name('unit_amount'));
      return { up_to: bound ?? null, unit_amount: unitAmount, flat_amount: flatAmount };
    });
  }

  #createCheckout(p: Params) {
    p.allowOnly(
      'mode',
      'customer',
      'customer_email',
      'client_reference_id',
      'line_items',
      'success_url',
      'cancel_url',
      'metadata',
      'subscription_data',
      'payment_method_types',
      'locale',
    );
    const mode = p.oneOf('mode', ['payment', 'setup', 'subscription']);
    if (!mode) throw missing('mode');
    p.required('success_url');
    const customer = p.text('customer');
    if (customer !== undefined && !this.#state.customers.has(customer)) {
      throw noSuch('customer', customer, 'customer');
    }
    const lines = p.list('line_items').map((l) => {
      l.allowOnly('price', 'quantity');
      const price = this.#price(l.required('price'), l.name('price'));
      const quantity = l.int('quantity');
      if (quantity === undefined) throw missing(l.name('quantity'));
      if (quantity < 1) throw invalid(l.name('quantity'), 'This value must be greater than or equal to 1.');
      return { price, quantity };
    });
    if (mode !== 'setup' && lines.length === 0) throw missing('line_items');
    if (mode === 'subscription' && !lines.some((l) => l.price.recurring)) {
      throw invalid(
        'line_items',
        'You must provide at least one recurring price in `subscription` mode when using prices.',
      );
    }
    const data = p
      .object('subscription_data')
      ?.allowOnly('billing_cycle_anchor', 'proration_behavior', 'metadata');
    const anchor = data?.int('billing_cycle_anchor');
    if (anchor !== undefined && anchor <= this.#now()) {
      throw invalid(
        'subscription_data[billing_cycle_anchor]',
        'billing_cycle_anchor must be a timestamp in the future.',
      );
    }
    data?.oneOf('proration_behavior', ['create_prorations', 'none']);
    const [line, ...more] = lines;
    // The portal's subscriptions have one item; Checkout without one (setup mode) it never uses.
    if (!line || more.length > 0) throw new ApiError(400, 'The fake implements Checkout with one line item.');
    const amount = amountFor(line.price, line.quantity);
    const session = newCheckoutSession(p, this.#now(), this.#apiBase(), amount, line.price.currency);
    this.#state.checkoutSessions.set(session.id, session);
    this.#checkoutLines.set(session.id, { ...line, anchor, metadata: data?.metadata() ?? {} });
    return session;
  }

  #updateSubscription(subscription: FakeSubscription, p: Params): FakeSubscription {
    p.allowOnly('items', 'proration_behavior', 'cancel_at_period_end', 'metadata', 'payment_behavior');
    if (subscription.status === 'canceled') {
      throw new ApiError(
        400,
        'A canceled subscription can only update its cancellation_details and metadata.',
      );
    }
    const proration = p.oneOf('proration_behavior', ['always_invoice', 'create_prorations', 'none']);
    const cancelAtPeriodEnd = p.bool('cancel_at_period_end');
    if (cancelAtPeriodEnd !== undefined) {
      if (subscription.schedule) {
        throw new ApiError(
          400,
          `The subscription is managed by the subscription schedule \`${subscription.schedule}\`, and updating any cancelation behavior directly is not allowed. Please update the schedule instead.`,
        );
      }
      subscription.cancel_at_period_end = cancelAtPeriodEnd;
      subscription.cancel_at = cancelAtPeriodEnd ? subscription.current_period_end : null;
    }
    for (const change of p.list('items')) {
      change.allowOnly('id', 'price', 'quantity');
      const itemId = change.required('id');
      const item = subscription.items.data.find((i) => i.id === itemId);
      if (!item) throw noSuch('subscription item', itemId, change.name('id'));
      const current = this.#price(item.price.id, 'price');
      const priceId = change.text('price');
      const price = priceId ? this.#price(priceId, change.name('price')) : current;
      const quantity = change.int('quantity') ?? item.quantity;
      const before = amountFor(current, item.quantity);
      item.price = publicPrice(price);
      item.quantity = quantity;
      const now = this.#now();
      const rest = (item.current_period_end - now) / (item.current_period_end - item.current_period_start);
      const due = Math.round((amountFor(price, quantity) - before) * rest);
      if (proration === 'always_invoice' && due > 0) {
        const invoice = newInvoice(
          subscription,
          { amount: due, paid: true, reason: 'subscription_update', periodStart: now, periodEnd: now },
          now,
        );
        this.#state.invoices.set(invoice.id, invoice);
        subscription.latest_invoice = invoice.id;
      }
    }
    return subscription;
  }

  #cancelSubscription(subscription: FakeSubscription, p: Params): FakeSubscription {
    p.allowOnly('invoice_now', 'prorate', 'cancellation_details');
    if (subscription.status === 'canceled') throw noSuch('subscription', subscription.id, 'id');
    const now = this.#now();
    Object.assign(subscription, { status: 'canceled', canceled_at: now, ended_at: now });
    const schedule = subscription.schedule && this.#state.subscriptionSchedules.get(subscription.schedule);
    if (schedule) Object.assign(schedule, { status: 'canceled', canceled_at: now });
    return subscription;
  }

  /** Only `from_subscription`: the one way the portal makes schedules. */
  #createSchedule(p: Params) {
    if (p.has('phases') && p.has('from_subscription')) {
      throw invalid('phases', 'You can not specify `phases` when `from_subscription` is specified.');
    }
    p.allowOnly('from_subscription', 'metadata');
    const subscriptionId = p.required('from_subscription');
    const subscription = this.#get(this.#state.subscriptions, 'subscription', subscriptionId);
    if (subscription.schedule) {
      throw invalid(
        'from_subscription',
        `You cannot migrate a subscription that is already attached to a schedule: \`${subscription.schedule}\`.`,
      );
    }
    if (subscription.status === 'canceled') {
      throw invalid('from_subscription', 'You cannot create a schedule from a canceled subscription.');
    }
    const schedule = newSchedule(subscription, this.#now());
    schedule.metadata = p.metadata();
    subscription.schedule = schedule.id;
    this.#state.subscriptionSchedules.set(schedule.id, schedule);
    return schedule;
  }

  #updateSchedule(schedule: FakeSchedule, p: Params) {
    p.allowOnly('phases', 'end_behavior', 'proration_behavior', 'metadata');
    this.#assertSchedulable(schedule, 'update');
    const endBehavior = p.oneOf('end_behavior', ['release', 'cancel']);
    p.oneOf('proration_behavior', ['always_invoice', 'create_prorations', 'none']);
    const phases = p.list('phases');
    if (p.has('phases') && phases.length === 0) throw missing('phases');
    let start = schedule.current_phase.start_date;
    const updated = phases.map((phase, i): Phase => {
      phase.allowOnly('items', 'start_date', 'end_date', 'duration', 'proration_behavior', 'metadata');
      const startDate = phase.int('start_date');
      if (i === 0 && startDate !== undefined && startDate !== start) {
        throw invalid(phase.name('start_date'), 'You can not modify the start date of the current phase.');
      }
      if (i > 0 && startDate !== undefined && startDate !== start) {
        throw invalid(
          phase.name('start_date'),
          'The start_date of a phase must equal the end_date of the one before.',
        );
      }
      const items = phase.list('items').map((item) => {
        item.allowOnly('price', 'quantity', 'metadata');
        const price = this.#price(item.required('price'), item.name('price'));
        return { price: price.id, quantity: item.int('quantity') ?? 1, metadata: item.metadata() };
      });
      if (items.length === 0) throw missing(phase.name('items'));
      const endDate = phase.int('end_date');
      const duration = phase.object('duration')?.allowOnly('interval', 'interval_count');
      if (endDate !== undefined && duration) {
        throw invalid(
          phase.name('duration'),
          'You may only specify one of these parameters: end_date, duration.',
        );
      }
      if (duration && duration.oneOf('interval', ['day', 'week', 'month', 'year']) !== 'month') {
        throw invalid(phase.name('duration[interval]'), 'The fake implements durations in months only.');
      }
      // A phase without an end lasts one interval of its price (all monthly here), as Stripe's last phase does.
      const end = endDate ?? addMonths(start, duration?.int('interval_count') ?? 1);
      if (end <= start) throw invalid(phase.name('end_date'), 'The end_date must be after the start_date.');
      const result: Phase = {
        start_date: start,
        end_date: end,
        items,
        proration_behavior: phase.text('proration_behavior') ?? 'create_prorations',
        metadata: phase.metadata(),
      };
      start = end;
      return result;
    });
    if (updated.length > 0) {
      schedule.phases = updated;
      const first = updated[0];
      if (first) schedule.current_phase = { start_date: first.start_date, end_date: first.end_date };
    }
    if (endBehavior) schedule.end_behavior = endBehavior;
    if (p.has('metadata')) schedule.metadata = p.metadata();
    return schedule;
  }

  #releaseSchedule(schedule: FakeSchedule, p: Params) {
    p.allowOnly('preserve_cancel_date');
    this.#assertSchedulable(schedule, 'release');
    const subscription = schedule.subscription
      ? this.#state.subscriptions.get(schedule.subscription)
      : undefined;
    if (subscription) subscription.schedule = null;
    Object.assign(schedule, {
      status: 'released',
      released_at: this.#now(),
      released_subscription: schedule.subscription,
      subscription: null,
    });
    return schedule;
  }

  #assertSchedulable(schedule: FakeSchedule, verb: string): void {
    if (schedule.status !== 'active') {
      throw new ApiError(
        400,
        `You cannot ${verb} a subscription schedule that is currently in the \`${schedule.status}\` status. It must be in the \`not_started\` or \`active\` status.`,
      );
    }
  }
}
