import { describe, expect, it } from 'vitest';
import { decodeJobId, encodeJobId } from './job-id';

describe('job ids', () => {
  it('round-trip order and revision, including unusual order ids', () => {
    for (const orderId of ['A-1', 'with:colon', 'ünïcødé 🙂', 'x'.repeat(100)]) {
      expect(decodeJobId(encodeJobId(orderId, 42))).toEqual({ orderId, revision: 42 });
    }
  });

  it('reject malformed, non-canonical and oversized ids', () => {
    expect(decodeJobId('')).toBeNull();
    expect(decodeJobId('not base64!')).toBeNull();
    expect(decodeJobId(Buffer.from('abc').toString('base64url'))).toBeNull();
    expect(decodeJobId(Buffer.from('01:x').toString('base64url'))).toBeNull();
    expect(decodeJobId(Buffer.from(`1:${'x'.repeat(101)}`).toString('base64url'))).toBeNull();
    expect(decodeJobId(`${encodeJobId('A', 1)}=`)).toBeNull();
  });
});
