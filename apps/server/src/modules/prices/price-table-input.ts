import type { SavePriceTableInput } from '@vmsp/contracts';
import {
  type PriceRange,
  type PriceTable,
  type PriceTableRule,
  parseMoney,
  validatePriceTable,
} from '@vmsp/domain';
import { invalid } from '../../lib/errors.ts';

const ruleMessages: Record<PriceTableRule, string> = {
  empty: 'Add at least one range.',
  'must-start-at-1': 'The first range starts at 1.',
  gap: 'This range must start right after the previous one ends.',
  overlap: 'This range overlaps the previous one.',
  'from-after-to': 'A range ends at or after its start.',
  'negative-price': 'A price is 0 or more.',
  'not-integer': 'Enter a whole number.',
  'article-name-required': 'Enter the article name.',
  'article-number-required': 'Enter the article number.',
  'too-large': 'This number is too large.',
};

/** What to tell a person about an amount parseMoney refused, by reason. */
export const moneyMessages = {
  empty: 'Enter the sales price.',
  negative: 'A price is 0 or more.',
  malformed: 'Enter an amount like 1.50 or 1,50.',
  ambiguous: 'Write the amount without thousands separators, e.g. 1234.50.',
  'too-many-decimals': 'A price has at most two decimals.',
  'too-large': 'This amount is too large.',
} as const;

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
      throw invalid(price.field, price.reason === 'empty' ? priceMissing : moneyMessages[price.reason]);
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
    throw invalid(problem.path.replace(/unitPriceMinor$/, 'unitPrice'), ruleMessages[problem.rule]);
  }
  return table;
}
