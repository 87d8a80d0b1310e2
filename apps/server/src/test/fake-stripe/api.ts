import {
  addMonths,
  amountFor,
  type CheckoutLine,
  event,
  type FakeEvent,
  type FakePrice,
  type FakeSchedule,
  type FakeStripeState,
  type FakeSubscription,
  newCheckoutSession,
  newCustomer,
  newInvoice,
  newPrice,
  newProduct,
  newSchedule,
  newSubscription,
  type Phase,
  publicPrice,
  type Tier,
} from './objects.ts';
import { ApiError, invalid, missing, noSuch, Params } from './requests.ts';

// The fake Stripe API's endpoints: what each call the gateway makes does to the in-memory state.

export class FakeApi {
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

  /**
   * The next invoice of a subscription as Stripe first makes it: a draft, without a number, hosted page or PDF
   * (Stripe finalizes it about an hour later).
   */
  draftInvoice(subscriptionId: string): FakeEvent {
    const subscription = this.#get(this.#state.subscriptions, 'subscription', subscriptionId);
    const item = subscription.items.data[0];
    if (!item) throw new Error(`Subscription ${subscriptionId} has no item`);
    const now = this.#now();
    const invoice = newInvoice(
      subscription,
      {
        amount: amountFor(this.#price(item.price.id, 'price'), item.quantity),
        paid: false,
        reason: 'subscription_cycle',
        periodStart: item.current_period_start,
        periodEnd: item.current_period_end,
      },
      now,
    );
    Object.assign(invoice, {
      status: 'draft',
      number: null,
      hosted_invoice_url: null,
      invoice_pdf: null,
      attempted: false,
      attempt_count: 0,
      next_payment_attempt: null,
    });
    invoice.status_transitions.finalized_at = null;
    this.#state.invoices.set(invoice.id, invoice);
    return event('invoice.created', invoice, now);
  }

  /** A draft's amount changes before it is finalized (an invoice item was added). */
  updateDraftInvoice(invoiceId: string, amount: number): FakeEvent {
    const invoice = this.#get(this.#state.invoices, 'invoice', invoiceId);
    if (invoice.status !== 'draft') throw new Error(`Invoice ${invoiceId} is not a draft`);
    Object.assign(invoice, { amount_due: amount, amount_remaining: amount, subtotal: amount, total: amount });
    return event('invoice.updated', invoice, this.#now());
  }

  /** Stripe finalizes a draft: it gets its number, hosted page and PDF, and is open for payment. */
  finalizeInvoice(invoiceId: string): FakeEvent {
    const invoice = this.#get(this.#state.invoices, 'invoice', invoiceId);
    if (invoice.status !== 'draft') throw new Error(`Invoice ${invoiceId} is not a draft`);
    const now = this.#now();
    Object.assign(invoice, {
      status: 'open',
      number: `FAKE-${invoiceId.slice(-6).toUpperCase()}`,
      hosted_invoice_url: `https://invoice.stripe.test/${invoiceId}`,
      invoice_pdf: `https://pay.stripe.test/invoice/${invoiceId}/pdf`,
    });
    invoice.status_transitions.finalized_at = now;
    return event('invoice.finalized', invoice, now);
  }

  /** An open (or uncollectible) invoice is paid, voided, or marked uncollectible. */
  settleInvoice(invoiceId: string, outcome: 'paid' | 'void' | 'uncollectible'): FakeEvent {
    const invoice = this.#get(this.#state.invoices, 'invoice', invoiceId);
    if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
      throw new Error(`Invoice ${invoiceId} is ${invoice.status}`);
    }
    const now = this.#now();
    invoice.status = outcome;
    if (outcome === 'paid') {
      Object.assign(invoice, {
        amount_paid: invoice.amount_due,
        amount_remaining: 0,
        next_payment_attempt: null,
      });
      invoice.status_transitions.paid_at = now;
      return event('invoice.paid', invoice, now);
    }
    invoice.next_payment_attempt = null;
    if (outcome === 'void') {
      invoice.status_transitions.voided_at = now;
      return event('invoice.voided', invoice, now);
    }
    invoice.status_transitions.marked_uncollectible_at = now;
    return event('invoice.marked_uncollectible', invoice, now);
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
