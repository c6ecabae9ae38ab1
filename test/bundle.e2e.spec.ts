import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from './support/http';
import { minimalOrder } from './support/orders';
import { MAIN, removeDataDir, type ServiceHandle, startService } from './support/service-process';

const ROOT = resolve(__dirname, '..');
const { escapeNonAscii } = createRequire(__filename)(join(ROOT, 'apps/orders-service/ascii-only-plugin.js')) as {
  escapeNonAscii: (text: string) => string;
};

describe('the service bundle is ASCII only (apps/orders-service/ascii-only-plugin.js)', () => {
  let service: ServiceHandle;
  beforeAll(async () => {
    service = await startService();
  });
  afterAll(async () => {
    await service.stop();
    removeDataDir(service.dataDir);
  });

  it('escapes every character beyond ASCII, so that each thread keeps its source one byte a character', () => {
    const bytes = readFileSync(MAIN);
    const beyond = bytes.findIndex((byte) => byte > 0x7f);
    expect(beyond, beyond < 0 ? '' : `byte ${beyond}: ${bytes.subarray(Math.max(0, beyond - 60), beyond + 20).toString()}`).toBe(-1);
  });

  it('the escapes mean the same in strings, templates, regular expressions and comments', () => {
    const source = "/* – */ [ 'a – b', `≥ ${1 + 1} ’`, /^[–≤]+😀$/.test('–≤😀'), '😀'.length, { 'ключ': 'é' } ]";
    const escaped = escapeNonAscii(source);
    expect(/[\u0080-\uffff]/.test(escaped)).toBe(false);
    expect(escaped).toContain('\\u2013');
    const evaluate = (code: string): unknown => new Function(`return ${code};`)();
    expect(evaluate(escaped)).toEqual(evaluate(source));
    expect(evaluate(escaped)).toEqual(['a – b', '≥ 2 ’', true, 2, { ключ: 'é' }]);
  });

  it('answers carry the characters the escapes stand for: a problem detail and the OpenAPI document', async () => {
    const api = client(service.url);
    const refused = await api.post('/api/v3/orders', minimalOrder(), { 'Idempotency-Key': 'has spaces' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(refused.body.detail).toContain('1–255 visible ASCII characters');
    const document = await api.get('/docs-json');
    expect(JSON.stringify(document.body)).toContain('Amount paid (≥ 0)');
  });
});
