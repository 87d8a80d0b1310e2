import { z } from 'zod';

/**
 * Every error the API returns has one of these stable codes. The web app translates them;
 * clients may branch on them. Add new codes here, never reuse one for another meaning.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'NOT_AUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CROSS_ORIGIN_REFUSED',
  'RATE_LIMITED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'ACCOUNT_DELETING',
  'TOKEN_INVALID',
  'SETUP_ALREADY_DONE',
  'WEAK_PASSWORD',
  'PASSWORDS_DO_NOT_MATCH',
  'EMAIL_TAKEN',
  'LAST_ADMIN',
  'CANNOT_REMOVE_SELF',
  'MAIL_NOT_CONFIGURED',
  'MAIL_NOT_RETRYABLE',
  'ACTION_NOT_APPLICABLE',
  'VAT_ID_REQUIRED',
  'VAT_ID_INVALID',
  'VAT_ID_COUNTRY_MISMATCH',
  'REGISTRATION_CLOSED',
  'SELF_SERVICE_DISABLED',
  'EMAIL_NOT_VERIFIED',
  'PRICE_TABLE_MISSING',
  'NO_ACTIVE_SUBSCRIPTION',
  'MANAGED_BY_PROVIDER',
  'NOT_MAIN_USER',
  'MAIN_USER_NOT_ACTIVE',
  'DELETE_NOT_CONFIRMED',
  'PAYMENT_METHOD_INACTIVE',
  'STRIPE_NOT_CONFIGURED',
  'STRIPE_REJECTED',
  'STRIPE_UNAVAILABLE',
  'WEBHOOK_SIGNATURE_INVALID',
  'PROJECT_KEY_MALFORMED',
  'PROJECT_KEY_BAD_SIGNATURE',
  'PROJECT_KEY_UNKNOWN_SIGNER',
  'PROJECT_KEY_EXPIRED',
  'PROJECT_KEY_REDEEMED',
  'INVOICING_NOT_CONFIGURED',
  'INVOICE_NOT_PAYABLE',
  'INVOICE_NOT_CREDITABLE',
  'CREDIT_EXCEEDS_INVOICE',
  'INVOICE_DOCUMENTS_PENDING',
  // Requests the portal cannot read at all (each with its own HTTP status):
  'BAD_REQUEST', // 400: anything else malformed, e.g. a body shorter than its Content-Length
  'BAD_URL', // 400: a malformed percent-escape in the path
  'MALFORMED_JSON', // 400: a body that is not JSON although sent as application/json
  'METHOD_NOT_ALLOWED', // 405: the path exists, but not for this method (the Allow header lists those that do)
  'PAYLOAD_TOO_LARGE', // 413: a body over 1 MB
  'URI_TOO_LONG', // 414: a path parameter over 512 characters
  'UNSUPPORTED_MEDIA_TYPE', // 415: a body of a content type the route does not take
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * The rule an input broke, with every VALIDATION_FAILED (from the request's schema or from the portal's own
 * rules), so that a client can word it in its user's language; `limit` is the rule's number (characters, items,
 * the bound of a number). Add new rules here, never reuse one for another meaning.
 */
export const validationRules = [
  // The request's schema
  'required',
  'too-short',
  'too-long',
  'too-few',
  'too-many',
  'too-small',
  'too-big',
  'not-whole',
  'invalid-email',
  'invalid-format',
  'invalid-option',
  'invalid-type',
  'unstorable-text',
  // Dates and billing months
  'date-range-reversed',
  'date-in-future',
  'before-issue-date',
  'month-not-ended',
  'month-in-future',
  // Settings → Company
  'not-eu-country',
  'vat-rate-zero',
  'vat-id-needs-country',
  'vat-id-format',
  'vat-id-prefix',
  'iban-format',
  'iban-checksum',
  'bic-format',
  'number-pattern-characters',
  'number-pattern-no-sequence',
  'number-pattern-no-year',
  'number-pattern-too-long',
  'logo-not-image',
  // Invoices
  'unknown-invoice-line',
  // Amounts and price tables
  'amount-format',
  'amount-thousands-separator',
  'too-many-decimals',
  'amount-too-large',
  'number-too-large',
  'price-ranges-empty',
  'price-ranges-start',
  'price-ranges-gap',
  'price-ranges-overlap',
  'price-range-reversed',
  // IP distributions and subscriptions
  'ips-sum-mismatch',
  'beyond-price-table',
  'card-subscription-running',
  // Project keys and their signers
  'key-currency-mismatch',
  'not-a-jwk',
  'private-key',
  'not-ed25519-key',
  // Team
  'main-user-cannot-be-disabled',
  'already-main-user',
  // Mail and Stripe settings
  'username-for-password',
  'stripe-key-mode-mismatch',
] as const;

export const ValidationRule = z.enum(validationRules);
export type ValidationRule = z.infer<typeof ValidationRule>;

/**
 * The one error shape of every 4xx and 5xx response. `field` names the offending input (dot path); with
 * VALIDATION_FAILED, `rule` and `limit` say which of the known rules it broke (a client older than the rule
 * shows the message, in English).
 */
export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  field: z.string().optional(),
  rule: ValidationRule.optional(),
  limit: z.number().optional(),
});
export type ApiError = z.infer<typeof ApiError>;
