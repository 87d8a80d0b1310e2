import type {
  ChangeKind,
  PaidMethod,
  PendingChange,
  SubscriptionOverview,
  SubscriptionPeriod,
} from '@vmsp/contracts';
import {
  addCalendarMonths,
  classifyChange,
  type DistributionField,
  type DistributionRule,
  effectiveAt,
  maxIps,
  validateDistribution,
} from '@vmsp/domain';
import type { Executor, Tx } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { type PricesService, type PriceVersionRecord, priceOf } from '../prices/prices.service.ts';
import type { MonthEndBatches } from './month-end-batches.ts';
import { auditView, methodAfterChange, totalOf } from './period-terms.ts';
import * as repo from './subscriptions.repository.ts';

export type PeriodRecord = repo.PeriodRecord;

/** A change of the IP distribution, as an admin's dialog, the portal, or a project key asks for it. */
export interface ChangeRequest {
  total: number;
  internal: number;
  external: number;
  instant: boolean;
  /** The method a new subscription starts with (default Invoice); a running one keeps its own. */
  paymentMethod?: PaidMethod;
  /** A redeemed project key pays for the new period: its own price and term instead of the price table. */
  projectKey?: { keyId: string; monthlyPriceMinor: number; currency: string; months: number };
}

/** The refusal of an IP distribution's first problem; `max` is the largest total, `total` the one asked for. */
function distributionRefused(
  { field, rule }: { field: DistributionField; rule: DistributionRule },
  max: number,
  total: number,
): AppError {
  switch (rule) {
    case 'not-whole-number':
      return invalid(field, 'Enter a whole number.', { rule: 'not-whole' });
    case 'too-small':
      return field === 'total'
        ? invalid(field, 'The total is at least 1 IP.', { rule: 'too-small', limit: 1 })
        : invalid(field, 'Enter 0 or more.', { rule: 'too-small', limit: 0 });
    case 'too-large':
      return invalid(field, `The price table ends at ${max} IPs.`, {
        rule: 'beyond-price-table',
        limit: max,
      });
    case 'sum-mismatch':
      return invalid(field, 'Internal and external IPs must add up to the total.', {
        rule: 'ips-sum-mismatch',
        limit: total,
      });
  }
}

function toPeriod(p: PeriodRecord): SubscriptionPeriod {
  return {
    id: p.id,
    ipsInternal: p.ipsInternal,
    ipsExternal: p.ipsExternal,
    paymentMethod: p.paymentMethod,
    monthlyPrice: { amountMinor: p.monthlyPriceMinor, currency: p.currency },
    priceVersion: p.priceVersion,
    startedAt: p.startedAt.toISOString(),
    endedAt: p.endedAt?.toISOString() ?? null,
    termEndsAt: p.termEndsAt?.toISOString() ?? null,
  };
}

function toPending(p: repo.PendingRecord): PendingChange {
  return {
    kind: p.kind,
    ipsInternal: p.ipsInternal,
    ipsExternal: p.ipsExternal,
    monthlyPrice: { amountMinor: p.monthlyPriceMinor, currency: p.currency },
    effectiveAt: p.effectiveAt.toISOString(),
    createdAt: p.createdAt.toISOString(),
  };
}

export interface ChangeOutcome {
  kind: ChangeKind;
  applied: boolean;
  effectiveAt: Date;
  /** A project key's term end, counted from effectiveAt. */
  termEndsAt: Date | null;
  /** The running period after the change (undefined after a cancellation). */
  running: PeriodRecord | undefined;
  audit: { before: unknown; after: unknown };
}

/**
 * Subscriptions as periods, and their scheduled changes. Callers hold the customer's row lock
 * (the customers service takes it), which serialises every change of one customer's subscription.
 */
export class SubscriptionsService {
  readonly #clock: Clock;
  readonly #prices: PricesService;
  readonly #timeZone: string;
  readonly #dueChanges: MonthEndBatches;

  constructor(deps: {
    clock: Clock;
    prices: PricesService;
    billingTimeZone: string;
    /** The month end's batches, which also apply a single customer's change that came due before it ran. */
    dueChanges: MonthEndBatches;
  }) {
    this.#clock = deps.clock;
    this.#prices = deps.prices;
    this.#timeZone = deps.billingTimeZone;
    this.#dueChanges = deps.dueChanges;
  }

  async overview(executor: Executor, customerId: string): Promise<SubscriptionOverview> {
    const [periods, pending] = await Promise.all([
      repo.periodsOf(executor, customerId),
      repo.pendingOf(executor, customerId),
    ]);
    const current = periods.find((p) => p.endedAt === null);
    return {
      current: current ? toPeriod(current) : null,
      pending: pending ? toPending(pending) : null,
      past: periods.filter((p) => p.endedAt !== null).map(toPeriod),
    };
  }

  running(executor: Executor, customerId: string): Promise<PeriodRecord | undefined> {
    return repo.runningPeriod(executor, customerId);
  }

  /**
   * Checks a distribution against the newest price table without changing anything (before sending the
   * customer to pay for it) and returns that table.
   */
  async validate(
    tx: Tx,
    input: { total: number; internal: number; external: number },
  ): Promise<PriceVersionRecord> {
    const latest = await this.#prices.latest(tx);
    const max = maxIps(latest);
    const [problem] = validateDistribution({ ...input, max });
    if (problem) throw distributionRefused(problem, max, input.total);
    return latest;
  }

  /**
   * A new IP distribution: validated against the newest price table, classified against the running
   * period, then applied now or stored as the customer's one pending change (replacing an older one).
   * Without a running period it starts a subscription (reactivation).
   */
  async change(tx: Tx, customerId: string, input: ChangeRequest): Promise<ChangeOutcome> {
    const now = this.#clock.now();
    // A change that came due while the month-end job had not run yet belongs to the past: apply it first.
    // The caller mirrors the customer's list columns after the whole change.
    await this.#dueChanges.applyDue(tx, now, 1, customerId);
    const key = input.projectKey;
    // A project key carries its own IP count and price; everything else is priced by the newest table.
    const latest = key ? undefined : await this.validate(tx, input);
    if (key) {
      const [problem] = validateDistribution({ ...input, max: input.total });
      if (problem) throw distributionRefused(problem, input.total, input.total);
    }

    const running = await repo.runningPeriod(tx, customerId);
    const pendingBefore = await repo.pendingOf(tx, customerId);
    const kind = classifyChange(running ? totalOf(running) : null, input.total);
    // A change of payment method is a new agreement and takes effect at once, whatever the numbers do.
    const switching = running && input.paymentMethod && input.paymentMethod !== running.paymentMethod;
    const at = switching ? now : effectiveAt({ kind, instant: input.instant, now, timeZone: this.#timeZone });
    const termEndsAt = key ? addCalendarMonths(at, key.months, this.#timeZone) : null;
    const before = {
      running: running ? auditView(running) : null,
      pending: pendingBefore ? { ...auditView(pendingBefore), effectiveAt: pendingBefore.effectiveAt } : null,
    };
    // Any newer change replaces the pending one, also one that applies at once.
    await repo.deletePending(tx, [customerId]);

    const numbers = { ipsInternal: input.internal, ipsExternal: input.external };
    const priced = key
      ? { priceVersion: null, monthlyPriceMinor: key.monthlyPriceMinor, currency: key.currency }
      : {
          priceVersion: latest?.version ?? null,
          monthlyPriceMinor: latest ? priceOf(latest, input.total).totalMinor : 0,
          currency: latest?.currency ?? '',
        };
    const paymentMethod = key ? ('project-key' as const) : (input.paymentMethod ?? null);
    if (at.getTime() > now.getTime()) {
      const pending = {
        customerId,
        kind: kind === 'downgrade' ? ('downgrade' as const) : ('upgrade' as const),
        ...numbers,
        ...priced,
        paymentMethod,
        projectKeyId: key?.keyId ?? null,
        termEndsAt,
        effectiveAt: at,
        createdAt: now,
      };
      await repo.upsertPending(tx, pending);
      return {
        kind,
        applied: false,
        effectiveAt: at,
        termEndsAt,
        running,
        audit: {
          before,
          after: { running: before.running, pending: { ...auditView(pending), effectiveAt: at } },
        },
      };
    }

    // A redistribution changes neither price nor method: it keeps the period's version, price and term.
    const keepsPeriod = running && kind === 'redistribution' && !key && !input.paymentMethod;
    let next = running;
    if (!keepsPeriod || running.ipsInternal !== input.internal) {
      const terms = keepsPeriod
        ? {
            priceVersion: running.priceVersion,
            monthlyPriceMinor: running.monthlyPriceMinor,
            currency: running.currency,
            paymentMethod: running.paymentMethod,
            termEndsAt: running.termEndsAt,
            projectKeyId: running.projectKeyId,
          }
        : {
            ...priced,
            paymentMethod: paymentMethod ?? methodAfterChange(running),
            termEndsAt,
            projectKeyId: key?.keyId ?? null,
          };
      if (running) await repo.endPeriods(tx, [{ id: running.id, at: now }]);
      [next] = await repo.insertPeriods(tx, [{ customerId, ...numbers, ...terms, startedAt: now }]);
    }
    return {
      kind,
      applied: true,
      effectiveAt: at,
      termEndsAt,
      running: next,
      audit: { before, after: { running: next ? auditView(next) : null, pending: null } },
    };
  }

  /**
   * `Cancel Active Subscription`: the running period ends now and the pending change is dropped. The
   * current billing month is still billed (decision in ): the ended period says until when.
   */
  async cancel(tx: Tx, customerId: string): Promise<ChangeOutcome> {
    const now = this.#clock.now();
    const running = await repo.runningPeriod(tx, customerId);
    if (!running) {
      throw new AppError('NO_ACTIVE_SUBSCRIPTION', 409, 'This customer has no active subscription.');
    }
    const pending = await repo.pendingOf(tx, customerId);
    await repo.endPeriods(tx, [{ id: running.id, at: now }]);
    await repo.deletePending(tx, [customerId]);
    return {
      kind: 'downgrade',
      applied: true,
      effectiveAt: now,
      termEndsAt: null,
      running: undefined,
      audit: {
        before: { running: auditView(running), pending: pending ? auditView(pending) : null },
        after: { running: null, pending: null },
      },
    };
  }
}
