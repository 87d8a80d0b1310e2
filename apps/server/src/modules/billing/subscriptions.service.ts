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
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { type PricesService, type PriceVersionRecord, priceOf } from '../prices/prices.service.ts';
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

/** A new subscription is billed by invoice until the payments feature offers more methods. */
const DEFAULT_PAYMENT_METHOD: PaidMethod = 'invoice';

const totalOf = (p: { ipsInternal: number; ipsExternal: number }) => p.ipsInternal + p.ipsExternal;

function distributionMessage(field: DistributionField, rule: DistributionRule, max: number): string {
  switch (rule) {
    case 'not-whole-number':
      return 'Enter a whole number.';
    case 'too-small':
      return field === 'total' ? 'The total is at least 1 IP.' : 'Enter 0 or more.';
    case 'too-large':
      return `The price table ends at ${max} IPs.`;
    case 'sum-mismatch':
      return 'Internal and external IPs must add up to the total.';
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

/** What the audit log keeps of a subscription: its numbers and price, before and after. */
const auditView = (p: {
  ipsInternal: number;
  ipsExternal: number;
  monthlyPriceMinor: number;
  currency: string;
}) => ({
  ipsInternal: p.ipsInternal,
  ipsExternal: p.ipsExternal,
  monthlyPriceMinor: p.monthlyPriceMinor,
  currency: p.currency,
});

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
  readonly #audit: AuditService;
  readonly #timeZone: string;

  constructor(deps: { clock: Clock; prices: PricesService; audit: AuditService; billingTimeZone: string }) {
    this.#clock = deps.clock;
    this.#prices = deps.prices;
    this.#audit = deps.audit;
    this.#timeZone = deps.billingTimeZone;
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
    if (problem) throw invalid(problem.field, distributionMessage(problem.field, problem.rule, max));
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
    await this.#applyDue(tx, now, 1, customerId);
    const key = input.projectKey;
    // A project key carries its own IP count and price; everything else is priced by the newest table.
    const latest = key ? undefined : await this.validate(tx, input);
    if (key) {
      const [problem] = validateDistribution({ ...input, max: input.total });
      if (problem)
        throw invalid(problem.field, distributionMessage(problem.field, problem.rule, input.total));
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

  /** One batch of the month end: due changes applied. Returns the customers whose running period changed. */
  applyDueBatch(tx: Tx, now: Date, limit: number): Promise<string[]> {
    return this.#applyDue(tx, now, limit);
  }

  /**
   * One batch of moving running periods to the newest price version that applies to them by `now`:
   * the old period ends where the version starts to apply, the new one is priced by it.
   */
  async repriceBatch(tx: Tx, now: Date, limit: number): Promise<string[]> {
    const target = await this.#prices.versionRunningAt(tx, now);
    if (!target) return [];
    const stale = await repo.lockRunningBefore(tx, target.version, limit);
    if (!stale.length) return [];
    const replacements = stale.map((p) => {
      const at = new Date(Math.max(target.runningFrom.getTime(), p.startedAt.getTime()));
      const { id: _, ...rest } = p;
      return {
        old: p,
        at,
        next: {
          ...rest,
          priceVersion: target.version,
          monthlyPriceMinor: priceOf(target, totalOf(p)).totalMinor,
          currency: target.currency,
          startedAt: at,
          endedAt: null,
        },
      };
    });
    await repo.endPeriods(
      tx,
      replacements.map((r) => ({ id: r.old.id, at: r.at })),
    );
    await repo.addPeriods(
      tx,
      replacements.map((r) => r.next),
    );
    await this.#recordSystemChanges(
      tx,
      'subscription.repriced',
      replacements.map((r) => ({ customerId: r.old.customerId, before: r.old, after: r.next })),
    );
    return stale.map((p) => p.customerId);
  }

  /**
   * One batch of fixed terms (project keys) that have ended: the subscription ends at the term's end and a
   * pending change is dropped, as a cancellation would. The customer becomes inactive.
   */
  async expireBatch(tx: Tx, now: Date, limit: number): Promise<string[]> {
    const ended = await repo.lockTermEnded(tx, now, limit);
    if (!ended.length) return [];
    const ids = ended.map((p) => p.customerId);
    await repo.endPeriods(
      tx,
      ended.map((p) => ({ id: p.id, at: p.termEndsAt ?? now })),
    );
    await repo.deletePending(tx, ids);
    await this.#audit.recordMany(
      tx,
      ended.map((p) => ({
        actor: null,
        action: 'subscription.term-ended',
        objectType: 'customer',
        objectId: p.customerId,
        before: { running: auditView(p) },
        after: { running: null },
      })),
    );
    return ids;
  }

  async #applyDue(tx: Tx, now: Date, limit: number, customerId?: string): Promise<string[]> {
    const due = await repo.lockDueChanges(tx, now, limit, customerId);
    if (!due.length) return [];
    const ids = due.map((d) => d.customerId);
    const running = new Map((await repo.lockRunningOf(tx, ids)).map((p) => [p.customerId, p]));
    const versions = await this.#prices.all(tx);
    const applied = due.flatMap((change) => {
      const old = running.get(change.customerId);
      // Cancelling drops the pending change, so every pending change has a running period; be safe anyway.
      if (!old) return [];
      return [
        {
          old,
          at: change.effectiveAt,
          next: {
            customerId: change.customerId,
            ipsInternal: change.ipsInternal,
            ipsExternal: change.ipsExternal,
            ...pricedAtApply(versions, change),
            paymentMethod: change.paymentMethod ?? methodAfterChange(old),
            projectKeyId: change.projectKeyId,
            termEndsAt: change.termEndsAt,
            startedAt: change.effectiveAt,
          },
        },
      ];
    });
    await repo.endPeriods(
      tx,
      applied.map((a) => ({ id: a.old.id, at: a.at })),
    );
    await repo.addPeriods(
      tx,
      applied.map((a) => a.next),
    );
    await repo.deletePending(tx, ids);
    await this.#recordSystemChanges(
      tx,
      'subscription.change-applied',
      applied.map((a) => ({ customerId: a.old.customerId, before: a.old, after: a.next })),
    );
    return applied.map((a) => a.old.customerId);
  }

  async #recordSystemChanges(
    tx: Tx,
    action: string,
    changes: {
      customerId: string;
      before: Parameters<typeof auditView>[0];
      after: Parameters<typeof auditView>[0];
    }[],
  ): Promise<void> {
    const actor: Actor | null = null;
    await this.#audit.recordMany(
      tx,
      changes.map((c) => ({
        actor,
        action,
        objectType: 'customer',
        objectId: c.customerId,
        before: { running: auditView(c.before) },
        after: { running: auditView(c.after) },
      })),
    );
  }
}

/**
 * The method a period keeps when its IPs change by the price table: its own, except that a project key pays
 * only for the IPs it carries, so other numbers are billed by invoice from then on.
 */
function methodAfterChange(running: PeriodRecord | undefined): PaidMethod {
  if (!running || running.paymentMethod === 'project-key') return DEFAULT_PAYMENT_METHOD;
  return running.paymentMethod;
}

/**
 * The price of a due change: a project key's stays what the key set. Otherwise the version it was made with,
 * unless a newer one already applies to running subscriptions at the change's instant (a change never goes back
 * to an older price).
 */
function pricedAtApply(
  versions: PriceVersionRecord[],
  change: repo.PendingRecord,
): { priceVersion: number | null; monthlyPriceMinor: number; currency: string } {
  const made = change.priceVersion;
  const kept = { priceVersion: made, monthlyPriceMinor: change.monthlyPriceMinor, currency: change.currency };
  if (made === null) return kept;
  let best: PriceVersionRecord | undefined;
  for (const v of versions) {
    const usable = v.version === made || v.runningFrom.getTime() <= change.effectiveAt.getTime();
    if (usable && v.version >= made && (!best || v.version > best.version)) best = v;
  }
  if (!best) throw new Error(`price version ${made} vanished`);
  if (best.version === made) return kept;
  return {
    priceVersion: best.version,
    monthlyPriceMinor: priceOf(best, totalOf(change)).totalMinor,
    currency: best.currency,
  };
}
