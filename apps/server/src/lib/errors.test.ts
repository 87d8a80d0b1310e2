import { ApiError } from '@vmsp/contracts';
import { describe, expect, it } from 'vitest';
import { AppError, conflict, invalid } from './errors.ts';

describe('a refused input names the rule it broke, so that every refusal can be worded in any language', () => {
  it('answers VALIDATION_FAILED with the field, the rule and its number, and keeps the English message', () => {
    const error = invalid('internal', 'The key carries 12 IPs: internal and external must add up to them.', {
      rule: 'ips-sum-mismatch',
      limit: 12,
    });
    expect(error.status).toBe(400);
    expect(ApiError.strict().parse(error.toBody())).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The key carries 12 IPs: internal and external must add up to them.',
      field: 'internal',
      rule: 'ips-sum-mismatch',
      limit: 12,
    });
  });

  it('answers a refusal with a code of its own by that code, without a rule', () => {
    const error = invalid('passwordConfirmation', 'The passwords do not match.', 'PASSWORDS_DO_NOT_MATCH');
    expect(error.toBody()).toEqual({
      code: 'PASSWORDS_DO_NOT_MATCH',
      message: 'The passwords do not match.',
      field: 'passwordConfirmation',
    });
  });

  it('does not type-check a VALIDATION_FAILED without a rule', () => {
    // Each line below is a refusal the web app could only show in English; the type check refuses them all
    // (an unused @ts-expect-error fails it too, so loosening the signatures shows up here).
    const refusals = [
      // @ts-expect-error a rule (or a code of its own) is required
      () => invalid('iban', 'This IBAN is not valid.'),
      // @ts-expect-error VALIDATION_FAILED comes with a rule, never as a code
      () => invalid('iban', 'This IBAN is not valid.', 'VALIDATION_FAILED'),
      // @ts-expect-error only known rules
      () => invalid('iban', 'This IBAN is not valid.', { rule: 'iban-odd' }),
      // @ts-expect-error the error type itself takes no VALIDATION_FAILED without a rule
      () => new AppError('VALIDATION_FAILED', 400, 'This IBAN is not valid.', { field: 'iban' }),
      // @ts-expect-error nor does a conflict
      () => conflict('VALIDATION_FAILED', 'This IBAN is not valid.'),
    ];
    expect(refusals).toHaveLength(5);
  });
});
