import Stripe from 'stripe';

/**
 * What a failed Stripe call means for the portal: Stripe refused (final; its message is shown or recorded), or
 * Stripe could not be reached (try again later). The gateway translates every SDK error into one of them, so
 * callers decide by these types and never look at the SDK's own error classes.
 */

/** Stripe answered and refused (a wrong key, a bad parameter, a declined card): Stripe's own message. */
export class StripeRejected extends Error {
  override readonly name = 'StripeRejected';
  readonly statusCode: number;
  /** Stripe's error type, e.g. 'invalid_request_error', 'card_error'. */
  readonly type: string;
  readonly code: string | undefined;
  /** The request parameter Stripe names, if any. */
  readonly param: string | undefined;

  constructor(error: Stripe.errors.StripeError, statusCode: number) {
    super(error.message, { cause: error });
    this.statusCode = statusCode;
    this.type = error.rawType ?? error.type;
    this.code = error.code;
    this.param = error.param;
  }
}

/** Stripe could not be reached or failed on its side (network, 5xx, rate limit, lock conflict): try again later. */
export class StripeUnavailable extends Error {
  override readonly name = 'StripeUnavailable';
  constructor(error: Stripe.errors.StripeError) {
    super(`Stripe could not be reached: ${error.message}`, { cause: error });
  }
}

/** A webhook whose `Stripe-Signature` does not match its raw body, or whose timestamp is too old. */
export class WebhookSignatureInvalid extends Error {
  override readonly name = 'WebhookSignatureInvalid';
}

/** Runs one SDK request, its failure translated into the portal's terms. */
export async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw translate(error);
  }
}

function translate(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  if (error instanceof Stripe.errors.StripeConnectionError) return new StripeUnavailable(error);
  const { statusCode } = error;
  // No status: the SDK refused the call itself (a programming error), not Stripe.
  if (statusCode === undefined) return error;
  if (statusCode >= 500 || statusCode === 409 || statusCode === 429) return new StripeUnavailable(error);
  return new StripeRejected(error, statusCode);
}
