import { describe, expect, it } from 'vitest';
import { isSecretName, REDACTED, redactText, redactUrl } from './redact';

describe('redactUrl', () => {
  it('replaces the value of apikey and x-api-key, keeps every other parameter as sent', () => {
    expect(redactUrl('/api/v3/orders/S1?apikey=secret123&x=1')).toBe(`/api/v3/orders/S1?apikey=${REDACTED}&x=1`);
    expect(redactUrl('/api/v3/orders?x-api-key=secret123')).toBe(`/api/v3/orders?x-api-key=${REDACTED}`);
    expect(redactUrl('/api/v3/orders?contactId=c%201&count=5')).toBe('/api/v3/orders?contactId=c%201&count=5');
    expect(redactUrl('/api/v3/orders')).toBe('/api/v3/orders');
  });

  it('any parameter named like a key, token, secret, password, auth or signature, in any case or encoding', () => {
    const names = [
      'APIKEY',
      'apiKey',
      'access_token',
      'Token',
      'client_secret',
      'password',
      'passwd',
      'Authorization',
      'auth',
      'signature',
    ];
    for (const name of names) expect(redactUrl(`/x?${name}=s3cr3t&a=b`), name).toBe(`/x?${name}=${REDACTED}&a=b`);
    expect(redactUrl('/x?api%4Bey=s3cr3t')).toBe(`/x?api%4Bey=${REDACTED}`);
    expect(redactUrl('/x?apikey=a&apikey=b&apikey')).toBe(`/x?apikey=${REDACTED}&apikey=${REDACTED}&apikey=${REDACTED}`);
    expect(redactUrl('/x?token=a#frag')).toBe(`/x?token=${REDACTED}#frag`);
  });

  it('drops user:password@ from absolute URLs', () => {
    expect(redactUrl('https://user:pa55@hooks.example.com:8443/in?sig=abc&q=1')).toBe(
      `https://hooks.example.com:8443/in?sig=${REDACTED}&q=1`,
    );
    expect(redactUrl('mongodb://admin:p@ss@db:27017/orders')).toBe('mongodb://db:27017/orders');
    expect(redactUrl('http://host/path?next=a@b')).toBe('http://host/path?next=a@b');
  });

  it('names that are not secrets', () => {
    expect(['contactId', 'count', 'offset', 'versionTag', 'at'].filter(isSecretName)).toEqual([]);
  });
});

describe('redactText', () => {
  it('redacts every URL inside a message and leaves the rest alone', () => {
    expect(redactText('delivery to https://u:p@h.example/x?token=t failed; retry at 12:00?')).toBe(
      `delivery to https://h.example/x?token=${REDACTED} failed; retry at 12:00?`,
    );
    expect(redactText('GET /api/v3/orders?apikey=k done')).toBe(`GET /api/v3/orders?apikey=${REDACTED} done`);
    expect(redactText('nothing to see')).toBe('nothing to see');
  });
});
