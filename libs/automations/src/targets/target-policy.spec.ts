import { describe, expect, it, vi } from 'vitest';
import { addressKind, embeddedIPv4 } from './address-ranges';
import { type AllowedHosts, parseAllowedHosts, type Resolver, TargetPolicy, type TargetPolicyOptions } from './target-policy';

const allowed = (text = ''): AllowedHosts => parseAllowedHosts(text) as AllowedHosts;

/** names in the reserved .test TLD, answered by this table (never the system resolver: nothing is contacted) */
const DNS: Record<string, string[]> = {
  'public.test': ['93.184.216.34'],
  'mixed.test': ['93.184.216.34', '10.1.2.3'],
  'metadata.test': ['169.254.169.254'],
  'v6-private.test': ['2606:4700::1', 'fd12::1'],
  'internal.test': ['10.9.9.9'],
};
const resolver: Resolver = async (host) => {
  const addresses = DNS[host.toLowerCase().replace(/\.$/, '')];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const policy = (options: Partial<TargetPolicyOptions> = {}) =>
  new TargetPolicy({ allowLocalNetwork: false, allowedHosts: allowed(), resolve: resolver, ...options });

describe('address ranges', () => {
  it('classifies loopback, private, link-local, shared, unspecified, multicast and broadcast, v4 and v6', () => {
    const kinds = Object.fromEntries(
      [
        '127.0.0.1',
        '127.255.0.9',
        '10.255.255.1',
        '172.16.0.1',
        '172.31.255.255',
        '192.168.1.1',
        '169.254.169.254',
        '100.64.0.1',
        '0.0.0.0',
        '224.0.0.1',
        '255.255.255.255',
        '::1',
        '::',
        'fd00::1',
        'fe80::1%eth0',
        'ff02::1',
        '93.184.216.34',
        '172.32.0.1',
        '2606:4700::1',
      ].map((a) => [a, addressKind(a)]),
    );
    expect(kinds).toEqual({
      '127.0.0.1': 'loopback',
      '127.255.0.9': 'loopback',
      '10.255.255.1': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '192.168.1.1': 'private',
      '169.254.169.254': 'link-local',
      '100.64.0.1': 'shared',
      '0.0.0.0': 'unspecified',
      '224.0.0.1': 'multicast',
      '255.255.255.255': 'broadcast',
      '::1': 'loopback',
      '::': 'unspecified',
      'fd00::1': 'private',
      'fe80::1%eth0': 'link-local',
      'ff02::1': 'multicast',
      '93.184.216.34': null,
      '172.32.0.1': null,
      '2606:4700::1': null,
    });
  });

  it('judges IPv4-mapped, NAT64 and IPv4-compatible IPv6 addresses as the IPv4 address they carry', () => {
    expect(embeddedIPv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIPv4('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(embeddedIPv4('64:ff9b::a9fe:a9fe')).toBe('169.254.169.254');
    expect(embeddedIPv4('::a00:1')).toBe('10.0.0.1');
    expect(embeddedIPv4('::1')).toBeNull();
    expect(embeddedIPv4('2606:4700::1')).toBeNull();
    expect(addressKind('::ffff:7f00:1')).toBe('loopback');
    expect(addressKind('64:ff9b::a00:1')).toBe('private');
    expect(addressKind('::ffff:5db8:d822')).toBeNull();
  });
});

describe('automation target policy', () => {
  it.each([
    ['http://127.0.0.1:19999/x', 'loopback'],
    ['http://localhost:3000/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://10.255.255.1/', 'private'],
    ['http://[fd00::1]/', 'private'],
    ['http://100.64.1.1/', 'shared'],
    ['http://metadata.test/', 'link-local'],
    ['http://mixed.test/', 'private'],
    ['http://v6-private.test/', 'private'],
  ])('refuses %s (%s)', async (url, kind) => {
    const check = await policy({ resolve: url.includes('localhost') ? async () => [{ address: '127.0.0.1', family: 4 }] : resolver }).check(
      url,
    );
    expect(check).toMatchObject({ allowed: false, reason: 'target not allowed' });
    expect(check.allowed ? '' : check.detail).toContain(`a ${kind} address`);
  });

  it('allows public addresses and names that resolve only to public addresses, and pins what it checked', async () => {
    expect(await policy().check('https://public.test/hook')).toMatchObject({
      allowed: true,
      host: 'public.test',
      port: 443,
      addresses: [{ address: '93.184.216.34', family: 4 }],
    });
    expect(await policy().check('http://[2606:4700::1]:8080/')).toMatchObject({ allowed: true, host: '2606:4700::1', port: 8080 });
  });

  it('refuses credentials, other schemes and unresolvable names without resolving anything', async () => {
    const resolve = vi.fn(resolver);
    const p = policy({ resolve });
    expect(await p.check('http://user:pass@public.test/x')).toMatchObject({ allowed: false, detail: expect.stringContaining('password') });
    expect(await p.check('http://user@public.test/x')).toMatchObject({ allowed: false, detail: expect.stringContaining('user name') });
    expect(await p.check('ftp://public.test/x')).toMatchObject({ allowed: false, detail: 'url must use http or https' });
    expect(resolve).not.toHaveBeenCalled();
    expect(await p.check('http://nowhere.invalid/')).toEqual({
      allowed: false,
      reason: 'dns',
      detail: "url's host 'nowhere.invalid' does not resolve",
    });
  });

  it('AUTOMATION_ALLOW_LOCAL_NETWORK allows the local network, never unspecified, multicast or the service itself', async () => {
    const listeners = () => [{ address: '127.0.0.1', port: 3000 }];
    const p = policy({ allowLocalNetwork: true, listeners });
    expect((await p.check('http://127.0.0.1:4000/')).allowed).toBe(true);
    expect((await p.check('http://169.254.169.254/')).allowed).toBe(true);
    expect(await p.check('http://0.0.0.0:4000/')).toMatchObject({ allowed: false, detail: expect.stringContaining('unspecified') });
    expect(await p.check('http://224.0.0.1/')).toMatchObject({ allowed: false, detail: expect.stringContaining('multicast') });
    for (const self of ['http://127.0.0.1:3000/x', 'http://[::1]:3000/', 'http://[::ffff:127.0.0.1]:3000/', 'http://127.0.0.2:3000/']) {
      expect(await p.check(self)).toMatchObject({ allowed: false, detail: 'url points to this service itself' });
    }
    // a listener on a public address: that address and port is the service too
    const publicListener = policy({ allowLocalNetwork: true, listeners: () => [{ address: '93.184.216.34', port: 443 }] });
    expect(await publicListener.check('https://public.test/')).toMatchObject({
      allowed: false,
      detail: 'url points to this service itself',
    });
    expect((await publicListener.check('http://public.test/')).allowed).toBe(true);
  });

  it('AUTOMATION_ALLOWED_HOSTS: named hosts and networks bypass the local-network check, nothing else does', async () => {
    const hosts = allowed(' internal.test , 10.255.0.0/16,fd00::/8 ');
    expect(hosts.names).toEqual(new Set(['internal.test']));
    const p = policy({ allowedHosts: hosts });
    expect((await p.check('http://internal.test/')).allowed).toBe(true);
    expect((await p.check('http://INTERNAL.test./')).allowed).toBe(true);
    expect((await p.check('http://10.255.255.1/')).allowed).toBe(true);
    expect((await p.check('http://[::ffff:10.255.1.1]/')).allowed).toBe(true);
    expect((await p.check('http://[fd00::1]/')).allowed).toBe(true);
    expect((await p.check('http://10.1.2.3/')).allowed).toBe(false);
    expect((await p.check('http://mixed.test/')).allowed).toBe(false);
    expect((await p.check('http://127.0.0.1/')).allowed).toBe(false);
    expect(parseAllowedHosts('good.example, bad host')).toBe("'bad host' is neither a host name, an IP address nor a CIDR");
    expect(parseAllowedHosts('10.0.0.0/33')).toBe("'10.0.0.0/33' is neither a host name, an IP address nor a CIDR");
    expect(parseAllowedHosts(undefined)).toEqual({ names: new Set(), networks: [] });
  });
});
