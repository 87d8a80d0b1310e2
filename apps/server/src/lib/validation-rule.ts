import { ValidationRule } from '@vmsp/contracts';

/** What the zod type provider passes on of a zod issue: its code as `keyword`, the rest in `params`. */
interface SchemaIssue {
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

const number = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : undefined;

/** The rules below and above a bound, by what the bound is on: a length, a count of items, else a number. */
const BOUNDS: Record<string, readonly [ValidationRule, ValidationRule]> = {
  string: ['too-short', 'too-long'],
  array: ['too-few', 'too-many'],
  set: ['too-few', 'too-many'],
};
const NUMBER_BOUNDS = ['too-small', 'too-big'] as const;

/**
 * The known rule a request's input broke, for the web app to word in its user's language. A refinement of a
 * schema names its rule in its params (`{ params: { rule } }`); undefined for one that does not.
 */
export function validationRuleOf(issue: SchemaIssue): { rule: ValidationRule; limit?: number } | undefined {
  const params = issue.params ?? {};
  switch (issue.keyword) {
    case 'too_small':
    case 'too_big': {
      const small = issue.keyword === 'too_small';
      const limit = number(small ? params.minimum : params.maximum);
      const origin = String(params.origin);
      if (small && origin === 'string' && limit === 1) return { rule: 'required' };
      const [below, above] = BOUNDS[origin] ?? NUMBER_BOUNDS;
      const rule = small ? below : above;
      return limit === undefined ? { rule } : { rule, limit };
    }
    case 'invalid_format':
      return { rule: params.format === 'email' ? 'invalid-email' : 'invalid-format' };
    case 'invalid_value':
      return { rule: 'invalid-option' };
    case 'invalid_union':
      // A discriminated union (the mail transport) refuses an unknown kind.
      return typeof params.discriminator === 'string' ? { rule: 'invalid-option' } : undefined;
    case 'invalid_type':
      // A finalised zod issue no longer carries its input: only the message tells a missing value.
      if (issue.message?.endsWith('received undefined')) return { rule: 'required' };
      return { rule: params.expected === 'int' ? 'not-whole' : 'invalid-type' };
    case 'custom': {
      const own = ValidationRule.safeParse((params.params as { rule?: unknown } | undefined)?.rule);
      return own.success ? { rule: own.data } : undefined;
    }
    default:
      return undefined;
  }
}
