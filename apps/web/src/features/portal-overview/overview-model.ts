import type {
  InvoiceListItem,
  Money,
  PendingChange,
  PortalSubscription,
  StripeInvoiceItem,
  TeamMember,
} from '@vmsp/contracts';
import { graduatedPrice, maxIps } from '@vmsp/domain';

/** An article the running subscription is billed with: one per price range its IPs reach. */
export interface Article {
  name: string;
  number: string;
}

/** The running subscription as the overview shows it. */
export interface RunningSubscription {
  internal: number;
  external: number;
  total: number;
  monthlyPrice: Money;
  /** Empty when the articles are not known: a project key prices it, or the period runs on older prices. */
  articles: Article[];
}

export interface SubscriptionGlance {
  /** Null when no subscription runs (yet). */
  running: RunningSubscription | null;
  pending: PendingChange | null;
}

/**
 * The subscription at a glance. The articles come from the price table the page gets (the newest); the running
 * period is billed by the version it started with, so they are only named when both are the same version: a
 * newer table may have renamed its articles, and a project key's price has none.
 */
export function subscriptionGlance(subscription: PortalSubscription): SubscriptionGlance {
  const { current, pending } = subscription.subscriptions;
  if (!current) return { running: null, pending };
  const total = current.ipsInternal + current.ipsExternal;
  const table = subscription.priceTable;
  const articles: Article[] = [];
  if (table && current.priceVersion === table.version && total >= 1 && total <= maxIps(table)) {
    for (const line of graduatedPrice(table, total).lines) {
      if (!articles.some((a) => a.number === line.articleNumber)) {
        articles.push({ name: line.articleName, number: line.articleNumber });
      }
    }
  }
  return {
    running: {
      internal: current.ipsInternal,
      external: current.ipsExternal,
      total,
      monthlyPrice: current.monthlyPrice,
      articles,
    },
    pending,
  };
}

/** The newest `count` invoices and credit notes: by issue date, then by number (both newest first). */
export function latestInvoices(invoices: readonly InvoiceListItem[], count = 3): InvoiceListItem[] {
  return [...invoices]
    .sort((a, b) =>
      a.issueDate === b.issueDate ? b.number.localeCompare(a.number) : b.issueDate.localeCompare(a.issueDate),
    )
    .slice(0, count);
}

/** A card customer's newest `count` invoices at Stripe, newest first. */
export function latestStripeInvoices(invoices: readonly StripeInvoiceItem[], count = 3): StripeInvoiceItem[] {
  return [...invoices].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, count);
}

export interface TeamCounts {
  active: number;
  /** Invitations sent and not accepted yet. */
  invited: number;
}

export function teamCounts(members: readonly Pick<TeamMember, 'status'>[]): TeamCounts {
  return {
    active: members.filter((m) => m.status === 'active').length,
    invited: members.filter((m) => m.status === 'invited').length,
  };
}

export type NextStep = 'change-subscription' | 'invite-member' | 'see-invoices';

/**
 * What the signed-in user may do next. Every user of a self-service customer may change the subscription (a
 * managed customer's provider does it); only the main user manages the team; every user sees the invoices.
 * The server decides the same on each request: this only spares links that would end in a refusal.
 */
export function nextSteps({
  subscriptionEditable,
  canManageTeam,
}: {
  subscriptionEditable: boolean;
  canManageTeam: boolean;
}): NextStep[] {
  const steps: NextStep[] = [];
  if (subscriptionEditable) steps.push('change-subscription');
  if (canManageTeam) steps.push('invite-member');
  steps.push('see-invoices');
  return steps;
}
