import type { SavePriceTableInput } from '@vmsp/contracts';
import {
  type ParseMoneyReason,
  type PriceRange,
  type PriceTable,
  type PriceTableRule,
  parseMoney,
  validatePriceTable,
} from '@vmsp/domain';
import { type BrokenRule, invalid } from '../../lib/errors.ts';

const tableRefusals: Record<PriceTableRule, [string, BrokenRule]> = {
  empty: ['Add at least one range.', { rule: 'price-ranges-empty' }],
  'must-start-at-1': ['The first range starts at 1.', { rule: 'price-ranges-start' }],
  gap: ['This range must start right after the previous one ends.', { rule: 'price-ranges-gap' }],
  overlap: ['This range overlaps the previous one.', { rule: 'price-ranges-overlap' }],
  'from-after-to': ['A range ends at or after its start.', { rule: 'price-range-reversed' }],
  'negative-price': ['A price is 0 or more.', { rule: 'too-small', limit: 0 }],
  'not-integer': ['Enter a whole number.', { rule: 'not-whole' }],
  'article-name-required': ['Enter the article name.', { rule: 'required' }],
  'article-number-required': ['Enter the article number.', { rule: 'required' }],
  'too-large': ['This number is too large.', { rule: 'number-too-large' }],
};

/** What to tell a person about an amount parseMoney refused, by reason. */
const moneyMessages = {
  empty: 'Enter the sales price.',
  negative: 'A price is 0 or more.',
  malformed: 'Enter an amount like 1.50 or 1,50.',
  ambiguous: 'Write the amount without thousands separators, e.g. 1234.50.',
  'too-many-decimals': 'A price has at most two decimals.',
  'too-large': 'This amount is too large.',
} as const;

/** The rule of an amount parseMoney refused, by reason, for clients to word it. */
const moneyRules: Record<ParseMoneyReason, BrokenRule> = {
  empty: { rule: 'required' },
  negative: { rule: 'too-small', limit: 0 },
  malformed: { rule: 'amount-format' },
  ambiguous: { rule: 'amount-thousands-separator' },
  'too-many-decimals': { rule: 'too-many-decimals', limit: 2 },
  'too-large': { rule: 'amount-too-large' },
};

/** The refusal of an amount parseMoney refused, at its field. */
export const moneyRefused = (
  field: string,
  reason: ParseMoneyReason,
  message: string = moneyMessages[reason],
) => invalid(field, message, moneyRules[reason]);

/**
 * The table a `Save` request stands for, by the rules both price tables (sales and purchase) share: every
 * price parsed exactly from the text the admin typed, then the whole table checked. Every problem is
 * found; the first is thrown as a 400 naming its field, so nothing is stored. `priceMissing` is the message for
 * an empty price, which names the kind of price.
 */
export function priceTableOf(
  input: SavePriceTableInput,
  priceMissing: string = moneyMessages.empty,
): PriceTable {
  const ranges: PriceRange[] = input.ranges.map((r, i) => {
    const price = parseMoney(r.unitPrice, `ranges.${i}.unitPrice`);
    if (!price.ok) {
      throw moneyRefused(price.field, price.reason, price.reason === 'empty' ? priceMissing : undefined);
    }
    return {
      from: r.from,
      to: r.to,
      articleName: r.articleName,
      articleNumber: r.articleNumber,
      unitPriceMinor: price.minor,
    };
  });
  const table = { currency: input.currency, ranges };
  const [problem] = validatePriceTable(table);
  if (problem) {
    // The request names the typed price 'unitPrice'; the domain names the parsed one 'unitPriceMinor'.
    throw invalid(problem.path.replace(/unitPriceMinor$/, 'unitPrice'), ...tableRefusals[problem.rule]);
  }
  return table;
}
