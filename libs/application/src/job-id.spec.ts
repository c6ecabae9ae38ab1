import { describe, expect, it } from 'vitest';
import { decodeJobId, encodeJobId, MAX_JOB_ID_LENGTH } from './job-id';

describe('job ids', () => {
  it('round-trip order and revision, including unusual order ids', () => {
    for (const orderId of ['A-1', 'with:colon', 'ünïcødé 🙂', 'x'.repeat(100)]) {
      expect(decodeJobId(encodeJobId(orderId, 42))).toEqual({ orderId, revision: 42 });
    }
  });

  it('round-trip every orderId of up to 100 characters, however many UTF-8 bytes, at any revision', () => {
    const longest = ['日'.repeat(50), 'é'.repeat(75), '😀'.repeat(60), '日'.repeat(100), '😀'.repeat(100), 'a\u{FE0F}'.repeat(50)];
    for (const orderId of longest) {
      for (const revision of [0, 10, 123_456, Number.MAX_SAFE_INTEGER]) {
        const jobId = encodeJobId(orderId, revision);
        expect(jobId.length).toBeLessThanOrEqual(MAX_JOB_ID_LENGTH);
        expect(decodeJobId(jobId)).toEqual({ orderId, revision });
      }
    }
  });

  it('reject malformed, non-canonical and oversized ids', () => {
    expect(decodeJobId('')).toBeNull();
    expect(decodeJobId('not base64!')).toBeNull();
    expect(decodeJobId(Buffer.from('abc').toString('base64url'))).toBeNull();
    expect(decodeJobId(Buffer.from('01:x').toString('base64url'))).toBeNull();
    expect(decodeJobId(Buffer.from(`1:${'x'.repeat(101)}`).toString('base64url'))).toBeNull();
    expect(decodeJobId(Buffer.from(`1:${'😀'.repeat(101)}`).toString('base64url'))).toBeNull();
    expect(decodeJobId(Buffer.from(`${Number.MAX_SAFE_INTEGER + 2}:x`).toString('base64url'))).toBeNull();
    expect(decodeJobId('A'.repeat(MAX_JOB_ID_LENGTH + 1))).toBeNull();
    expect(decodeJobId(`${encodeJobId('A', 1)}=`)).toBeNull();
  });
});
