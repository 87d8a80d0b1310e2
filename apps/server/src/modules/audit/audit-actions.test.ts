import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTIONS } from '@vmsp/contracts';
import { describe, expect, it } from 'vitest';

/*
 * The contract's AUDIT_ACTIONS is the one list of what the audit log can say: the filter's choices and the
 * web app's sentences (its own test checks one in each language for every action). Every dotted name in the
 * server's modules is either such an action or one of the other dotted names listed here; a new one fails
 * this test until it is put in one of the two lists.
 */

const MODULES = join(import.meta.dirname, '..');

/** Dotted names that are no audit actions: job names, Stripe's event and object types, a file name. */
const NOT_ACTIONS = new Set([
  'checkout.session',
  'customers.purge',
  'factur-x.xml',
  'invoice.created',
  'invoice.finalized',
  'invoice.updated',
  'invoice.voided',
  'invoices.mark-overdue',
  'invoices.render',
  'mail.deliver',
  'stripe.event',
  'stripe.subscription-sync',
  'subscriptions.month-end',
]);

/** A change of subscription is audited as `subscription.<kind>`, the domain's ChangeKind. */
const CHANGE_KINDS = ['start', 'upgrade', 'downgrade', 'redistribution'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function dottedNamesInSources(): Set<string> {
  const names = new Set(CHANGE_KINDS.map((kind) => `subscription.${kind}`));
  for (const file of sourceFiles(MODULES)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*(\*|\/\/|\/\*)/.test(line)) continue;
      for (const m of line.matchAll(/'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'/g)) names.add(m[1] ?? '');
    }
  }
  return names;
}

describe('AUDIT_ACTIONS', () => {
  const inSources = dottedNamesInSources();

  it('holds every action the server writes', () => {
    const known = new Set<string>(AUDIT_ACTIONS);
    const unlisted = [...inSources].filter((name) => !known.has(name) && !NOT_ACTIONS.has(name));
    expect(
      unlisted,
      'new dotted names: add an audit action to AUDIT_ACTIONS (packages/contracts/src/audit.ts) and its sentences (apps/web/src/features/audit-log), or another name to NOT_ACTIONS here',
    ).toEqual([]);
  });

  it('holds no action the server no longer writes', () => {
    expect(AUDIT_ACTIONS.filter((action) => !inSources.has(action))).toEqual([]);
  });

  it('is sorted and has no repeats, so that a merge finds its place', () => {
    expect([...new Set(AUDIT_ACTIONS)].sort()).toEqual([...AUDIT_ACTIONS]);
  });
});
