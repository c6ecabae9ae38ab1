/**
 * The customers behind the generated orders: customer `n` has one identity, whichever match key an
 * order uses for it, so that the contact register can link every key type to the same contact.
 */
export type MatchKeyKind = 'ContactId' | 'Email' | 'MemberNumber' | 'MobilePhone';

/** Relative weights of the match-key types an order uses; the bench's default has no phone keys. */
export type MatchKeyWeights = readonly (readonly [MatchKeyKind, number])[];

export const DEFAULT_MATCH_KEY_WEIGHTS: MatchKeyWeights = [
  ['ContactId', 85],
  ['Email', 10],
  ['MemberNumber', 5],
];

export const customerContactId = (n: number): string => `contact-${n}`;
export const customerEmail = (n: number): string => `customer${n}@example.com`;
export const customerMemberNumber = (n: number): string => `M${100_000 + n}`;
/** E.164, as the contact register stores it */
export const customerMobilePhone = (n: number): string => `+4670${String(n).padStart(7, '0')}`;

/** The same number as a person types it (`+46 70-000 00 42`): the register normalises both to E.164. */
function typedPhone(n: number): string {
  const digits = String(n).padStart(7, '0');
  return `+46 70-${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`;
}

/** An order's `contact` for customer `n` with the given key type. */
export function customerMatchKey(kind: MatchKeyKind, n: number): { matchKey: string; matchKeyType: MatchKeyKind } {
  switch (kind) {
    case 'ContactId':
      return { matchKey: customerContactId(n), matchKeyType: kind };
    case 'Email':
      return { matchKey: customerEmail(n), matchKeyType: kind };
    case 'MemberNumber':
      return { matchKey: customerMemberNumber(n), matchKeyType: kind };
    case 'MobilePhone':
      return { matchKey: typedPhone(n), matchKeyType: kind };
  }
}
