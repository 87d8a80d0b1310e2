import type { EditAddressInput } from '@vmsp/contracts';
import { checkCompanyVatId, isCountryCode, normalizeVatId } from '@vmsp/domain';
import { invalid } from '../../lib/errors.ts';

/** The rules of a customer's address and VAT-ID, for every way they are entered. */

const vatMessages = {
  required: ['VAT_ID_REQUIRED', 'A VAT-ID is required for companies outside Germany.'],
  format: ['VAT_ID_INVALID', "This is not a valid VAT-ID for the address's country."],
  checksum: ['VAT_ID_INVALID', 'This VAT-ID has a wrong check digit.'],
  'prefix-mismatch': [
    'VAT_ID_COUNTRY_MISMATCH',
    "The VAT-ID's country prefix does not match the address's country.",
  ],
} as const;

/**
 * Applies R-3.7's rule to an address's country and VAT-ID; returns the normalized VAT-ID or throws a field
 * error naming `<prefix>.country` or `vatId`.
 */
export function acceptedVatId(
  country: string,
  vatId: string | null,
  addressField = 'address',
): string | null {
  if (!isCountryCode(country)) {
    throw invalid(`${addressField}.country`, 'Choose a country from the list.', { rule: 'invalid-option' });
  }
  const problem = checkCompanyVatId({ country, vatId });
  if (problem) {
    const [code, message] = vatMessages[problem.reason];
    throw invalid('vatId', message, code);
  }
  return vatId ? normalizeVatId(vatId) : null;
}

/** The columns an address change writes, after the rules of R-3.7 (VAT-ID by country, known countries). */
export function addressPatch(input: EditAddressInput) {
  const vatId = acceptedVatId(input.address.country, input.vatId);
  if (input.billingAddress && !isCountryCode(input.billingAddress.country)) {
    throw invalid('billingAddress.country', 'Choose a country from the list.', { rule: 'invalid-option' });
  }
  return {
    ...input.address,
    vatId,
    billingAddress: input.billingAddress,
    // Left out: kept. The contract has checked the address and made an empty one null (to the main user).
    ...(input.invoiceEmail === undefined ? {} : { invoiceEmail: input.invoiceEmail }),
  };
}
