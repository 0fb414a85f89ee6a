// Kenyan phone numbers (MSISDNs) in Daraja's 12-digit form: Safaricom prefix rules and masking for human-readable output.

/** Any Kenyan mobile number, 12 digits, no "+". */
export const KENYAN_MSISDN_REGEX = /^254(7\d{8}|1[01]\d{7})$/

/** Safaricom (M-Pesa) numbers by national prefix (0700–0729, 0740–0743, 0745, 0746, 0748, 0757–0759, 0768–0769, 0790–0799, 0110–0115). */
export const SAFARICOM_MSISDN_REGEX = /^254(7(?:[0129]\d|4[0-35-68]|5[7-9]|6[89])|11[0-5])\d{6}$/

/** Source text of the Safaricom pattern, for JSON Schema alternations. */
export const SAFARICOM_MSISDN_PATTERN = SAFARICOM_MSISDN_REGEX.source

function range(from: number, to: number): number[] {
  const out: number[] = []
  for (let n = from; n <= to; n++) out.push(n)
  return out
}

/**
 * The 58 three-digit Safaricom prefixes that follow the country code, e.g. '712' or '110'.
 * Kept in ascending order so index arithmetic in the generator is stable across versions.
 */
export const SAFARICOM_PREFIXES: readonly string[] = Object.freeze(
  [
    ...range(110, 115),
    ...range(700, 729),
    ...range(740, 743),
    745,
    746,
    748,
    ...range(757, 759),
    768,
    769,
    ...range(790, 799)
  ].map(String)
)

export function isSafaricomMsisdn(value: string): boolean {
  return SAFARICOM_MSISDN_REGEX.test(value)
}

/** Masks a phone number for logs and dashboards: '254712345678' becomes '2547****5678'. */
export function maskMsisdn(msisdn: string): string {
  // Anything too short to keep 4 + 4 digits visible is masked entirely rather than leaked.
  if (msisdn.length < 9) return '****'
  return msisdn.slice(0, 4) + '****' + msisdn.slice(-4)
}

// A 12-digit number starting 254 that is not part of a longer digit run.
const MSISDN_IN_TEXT = /(?<!\d)254\d{9}(?!\d)/g

/** Masks every 12-digit 254… number inside free text (log lines, error messages). */
export function maskMsisdnsInText(text: string): string {
  return text.replace(MSISDN_IN_TEXT, maskMsisdn)
}
