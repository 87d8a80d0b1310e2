import { type PriceVersion, SavePriceTableRequest } from '@vmsp/contracts';
import {
  decimalOfMinor,
  type ParseMoneyReason,
  type PriceRange,
  type PriceTable,
  type PriceTableRule,
  parseMoney,
  validatePriceTable,
} from '@vmsp/domain';

/**
 * The price table as the editor holds it. A range has no `from` of its own: the first range starts at 1
 * and every other one right after the previous range ends (fromOf), so the ranges are contiguous by
 * construction and the admin moves a bound by editing a To. `to` is null while its input holds no number; the
 * price is the text as typed, which the server parses itself.
 */
export interface RangeDraft {
  to: number | null;
  articleName: string;
  articleNumber: string;
  unitPrice: string;
}

export interface PriceTableDraft {
  currency: string;
  ranges: RangeDraft[];
}

type RangeInput = 'to' | 'articleName' | 'articleNumber' | 'unitPrice';

/** Where the editor shows a problem: an input of a range, the currency, or the table as a whole. */
export type DraftInput = 'currency' | 'ranges' | `ranges.${number}.${RangeInput}`;

export type DraftProblem =
  | { kind: 'currency' }
  | { kind: 'money'; reason: ParseMoneyReason }
  | { kind: 'table'; rule: PriceTableRule };

const isWhole = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/** The provider's currency until the first table is saved (R-4.3 decision: default EUR). */
const DEFAULT_CURRENCY = 'EUR';

/** Minor units as the price input shows them: 200 → "2.00". Digits only, no float arithmetic. */
export function editableAmount(minor: number): string {
  return decimalOfMinor(minor);
}

/** The editor starts from the newest version, or with one empty range 1–100 when there is no table yet. */
export function initialDraft(current: PriceVersion | null): PriceTableDraft {
  if (!current) {
    return {
      currency: DEFAULT_CURRENCY,
      ranges: [{ to: 100, articleName: '', articleNumber: '', unitPrice: '' }],
    };
  }
  return {
    currency: current.currency,
    ranges: current.ranges.map((range) => ({
      to: range.to,
      articleName: range.articleName,
      articleNumber: range.articleNumber,
      unitPrice: editableAmount(range.unitPriceMinor),
    })),
  };
}

/** Whether the admin changed anything: `Save` is offered only then. */
export function sameDraft(a: PriceTableDraft, b: PriceTableDraft): boolean {
  return (
    a.currency === b.currency &&
    a.ranges.length === b.ranges.length &&
    a.ranges.every((range, i) => {
      const other = b.ranges[i];
      return (
        other !== undefined &&
        range.to === other.to &&
        range.articleName === other.articleName &&
        range.articleNumber === other.articleNumber &&
        range.unitPrice === other.unitPrice
      );
    })
  );
}

/** Where range `index` starts: 1 for the first, else right after the previous To (null while that is no number). */
export function fromOf(ranges: readonly RangeDraft[], index: number): number | null {
  if (index === 0) return 1;
  const previousTo = ranges[index - 1]?.to;
  return isWhole(previousTo) ? previousTo + 1 : null;
}

/** How many IPs range `index` holds, when its bounds are whole numbers. */
function sizeOf(ranges: readonly RangeDraft[], index: number): number | null {
  const from = fromOf(ranges, index);
  const to = ranges[index]?.to;
  return from !== null && isWhole(to) ? to - from + 1 : null;
}

export function updateRange(
  draft: PriceTableDraft,
  index: number,
  change: Partial<RangeDraft>,
): PriceTableDraft {
  return {
    ...draft,
    ranges: draft.ranges.map((range, i) => (i === index ? { ...range, ...change } : range)),
  };
}

/**
 * `Add range`: a new range after the last one, as wide as the last one, so that it is valid but for its
 * article and price. When the last To is no number yet, the new To stays empty too.
 */
export function addRange(draft: PriceTableDraft): PriceTableDraft {
  const count = draft.ranges.length;
  const from = fromOf(draft.ranges, count);
  const lastSize = sizeOf(draft.ranges, count - 1);
  const to = from !== null && lastSize !== null && lastSize >= 1 ? from + lastSize - 1 : null;
  return { ...draft, ranges: [...draft.ranges, { to, articleName: '', articleNumber: '', unitPrice: '' }] };
}

/** A range can be split when it holds at least two IPs. */
export function canSplit(draft: PriceTableDraft, index: number): boolean {
  const size = sizeOf(draft.ranges, index);
  return size !== null && size >= 2;
}

/**
 * `Split`: range `index` becomes two halves (the first takes the odd IP). The second half starts as a copy of
 * the article and price, so that the table stays valid; the admin then changes what differs.
 */
export function splitRange(draft: PriceTableDraft, index: number): PriceTableDraft {
  const range = draft.ranges[index];
  const from = fromOf(draft.ranges, index);
  const size = sizeOf(draft.ranges, index);
  if (!range || from === null || size === null || size < 2) return draft;
  const firstHalf = { ...range, to: from + Math.ceil(size / 2) - 1 };
  return {
    ...draft,
    ranges: [...draft.ranges.slice(0, index), firstHalf, range, ...draft.ranges.slice(index + 1)],
  };
}

/** A table keeps at least one range. */
export function canRemove(draft: PriceTableDraft): boolean {
  return draft.ranges.length > 1;
}

/**
 * `Remove`: the range goes, and the next one starts where it started (its From follows the previous To), so no
 * gap opens; removing the last range shortens the table.
 */
export function removeRange(draft: PriceTableDraft, index: number): PriceTableDraft {
  if (!canRemove(draft)) return draft;
  return { ...draft, ranges: draft.ranges.filter((_, i) => i !== index) };
}

/**
 * The editor input a problem path belongs to, for the domain's paths ('ranges.2.unitPriceMinor') and the
 * server's field errors ('ranges.2.unitPrice'). A From is no input: it follows the previous To, so a problem with
 * it is shown at that To. Paths the editor has no input for belong to the table ('ranges') or to none (null).
 */
export function inputOf(path: string): DraftInput | null {
  if (path === 'currency') return 'currency';
  const match = /^ranges\.(\d+)\.(\w+)$/.exec(path);
  if (match) {
    const index = Number(match[1]);
    const field = match[2];
    switch (field) {
      case 'to':
      case 'articleName':
      case 'articleNumber':
      case 'unitPrice':
        return `ranges.${index}.${field}`;
      case 'unitPriceMinor':
        return `ranges.${index}.unitPrice`;
      case 'from':
        if (index > 0) return `ranges.${index - 1}.to`;
    }
  }
  return path === 'ranges' || path.startsWith('ranges.') ? 'ranges' : null;
}

export interface DraftCheck {
  /** At most one problem per input: the first, which is the one to fix first. */
  problems: Map<DraftInput, DraftProblem>;
  /** The table the draft stands for, when it has no problem. */
  table: PriceTable | null;
}

/**
 * Checks the draft by the server's rules before `Save`: the currency by the request's own schema, each price
 * with parseMoney, then the whole table with validatePriceTable.
 */
export function checkDraft(draft: PriceTableDraft): DraftCheck {
  const problems = new Map<DraftInput, DraftProblem>();
  const report = (input: DraftInput | null, problem: DraftProblem) => {
    const at = input ?? 'ranges';
    if (!problems.has(at)) problems.set(at, problem);
  };

  const currency = SavePriceTableRequest.shape.currency.safeParse(draft.currency);
  if (!currency.success) report('currency', { kind: 'currency' });

  const ranges: PriceRange[] = draft.ranges.map((range, i) => {
    const price = parseMoney(range.unitPrice, `ranges.${i}.unitPrice` as const);
    if (!price.ok) report(price.field, { kind: 'money', reason: price.reason });
    return {
      // An empty To is not a whole number: the domain says so at that input (and at the next From, which maps to it).
      from: fromOf(draft.ranges, i) ?? Number.NaN,
      to: range.to ?? Number.NaN,
      articleName: range.articleName,
      articleNumber: range.articleNumber,
      // An unreadable price is reported above; 0 lets the table's other rules still be checked.
      unitPriceMinor: price.ok ? price.minor : 0,
    };
  });
  for (const problem of validatePriceTable({ currency: draft.currency, ranges })) {
    report(inputOf(problem.path), { kind: 'table', rule: problem.rule });
  }

  const table = problems.size === 0 && currency.success ? { currency: currency.data, ranges } : null;
  return { problems, table };
}

/** What `Save` sends for a draft without problems: the checked table, each price as the admin typed it. */
export function saveRequest(
  draft: PriceTableDraft,
  table: PriceTable,
  basedOnVersion: number | null,
): SavePriceTableRequest {
  return {
    currency: table.currency,
    ranges: table.ranges.map(({ from, to, articleName, articleNumber }, i) => ({
      from,
      to,
      articleName,
      articleNumber,
      unitPrice: draft.ranges[i]?.unitPrice ?? '',
    })),
    basedOnVersion,
  };
}
