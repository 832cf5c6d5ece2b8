import type dns from 'node:dns';
import {
  BlockedAddressLookupError,
  checkLiteralHost,
  classifyAddress,
  createAddressPolicy,
  createGuardedLookup,
  isPublicAddress,
} from '../../../src/feeds/fetch/address-guard';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['169.254.0.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['::7f00:1', 'notGlobalUnicast'],
  ])('refuses %s (%s)', (ip, range) => {
    expect(classifyAddress(ip)).toEqual({ allowed: false, range });
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:192.168.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['::ffff:100.64.0.1', 'carrierGradeNat'],
    ['::ffff:0.0.0.0', 'unspecified'],
  ])('unwraps the IPv4-mapped %s and refuses it (%s)', (ip, range) => {
    expect(classifyAddress(ip)).toEqual({ allowed: false, range });
  });

  it.each(['8.8.8.8', '1.1.1.1', '151.101.1.69', '172.32.0.1', '100.128.0.1', '::ffff:8.8.8.8', '2606:4700::6810:84e5', '2a00:1450:4001::200e'])(
    'allows the public address %s',
    (ip) => {
      expect(classifyAddress(ip).allowed).toBe(true);
      expect(isPublicAddress(ip)).toBe(true);
    },
  );

  it.each(['example.com', '', '1.2.3', '999.1.1.1', '127.0.0.1:80'])('refuses %p, which is not an IP address', (value) => {
    expect(classifyAddress(value)).toEqual({ allowed: false, range: 'invalid' });
  });
});

describe('createAddressPolicy', () => {
  it('allows everything when private hosts are allowed', () => {
    const policy = createAddressPolicy({ allowPrivateHosts: true });
    expect(policy('127.0.0.1')).toBe(true);
    expect(policy('169.254.169.254')).toBe(true);
  });

  it('allows only public unicast by default', () => {
    const policy = createAddressPolicy({ allowPrivateHosts: false });
    expect(policy('127.0.0.1')).toBe(false);
    expect(policy('93.184.215.14')).toBe(true);
  });

  it('lets a test rule replace the default while the guard is on', () => {
    const policy = createAddressPolicy({ allowPrivateHosts: false, isAllowedAddress: (ip) => ip === '127.0.0.1' });
    expect(policy('127.0.0.1')).toBe(true);
    expect(policy('127.0.0.2')).toBe(false);
    expect(policy('169.254.169.254')).toBe(false);
  });
});

describe('checkLiteralHost', () => {
  const policy = createAddressPolicy({ allowPrivateHosts: false });

  it('passes host names through (they are checked at lookup)', () => {
    expect(checkLiteralHost('example.com', policy)).toBeUndefined();
  });

  it('refuses literal private addresses, IPv6 in brackets too', () => {
    expect(checkLiteralHost('169.254.169.254', policy)).toBe('169.254.169.254 is a link-local address (such as a cloud metadata service)');
    expect(checkLiteralHost('0.0.0.0', policy)).toBe('0.0.0.0 is an unspecified address (0.0.0.0 or ::)');
    expect(checkLiteralHost('10.1.2.3', policy)).toBe('10.1.2.3 is a private-network address');
    expect(checkLiteralHost('[::1]', policy)).toMatch(/loopback/);
    expect(checkLiteralHost('[::ffff:7f00:1]', policy)).toMatch(/loopback/);
  });

  it('reads hosts the way the URL parser normalises them (decimal and hex IPv4 forms)', () => {
    expect(checkLiteralHost(new URL('http://2130706433/').hostname, policy)).toMatch(/loopback/);
    expect(checkLiteralHost(new URL('http://0x7f.1/').hostname, policy)).toMatch(/loopback/);
    expect(checkLiteralHost(new URL('http://[::ffff:127.0.0.1]/').hostname, policy)).toMatch(/loopback/);
  });

  it('names every refused range in words, never by its internal name', () => {
    const ranges = ['0.0.0.0', '127.0.0.1', '10.0.0.1', '169.254.1.1', '100.64.0.1', 'fc00::1', '224.0.0.1', '255.255.255.255', '192.0.2.1', '198.18.0.1', '2002::1', '::'];
    for (const ip of ranges) {
      const words = checkLiteralHost(ip.includes(':') ? `[${ip}]` : ip, policy) ?? '';
      expect(words).toMatch(new RegExp(`^${ip.replace(/[.]/g, '\\.')} is (a|an|not) `));
      expect(words).not.toMatch(/[a-z][A-Z]|\ba [aeiou]/);
    }
  });

  it('allows literal public addresses', () => {
    expect(checkLiteralHost('8.8.8.8', policy)).toBeUndefined();
    expect(checkLiteralHost('[2606:4700::1]', policy)).toBeUndefined();
  });
});

describe('createGuardedLookup', () => {
  type Result = { error: NodeJS.ErrnoException | null; value: unknown };
  const resolveTo =
    (...addresses: dns.LookupAddress[]) =>
    async () =>
      addresses;
  const lookupOnce = (lookup: ReturnType<typeof createGuardedLookup>, options: dns.LookupOptions) =>
    new Promise<Result>((resolve) => {
      (lookup as unknown as (h: string, o: dns.LookupOptions, cb: (...args: unknown[]) => void) => void)(
        'feed.example',
        options,
        (error, ...value) => resolve({ error: error as NodeJS.ErrnoException | null, value }),
      );
    });
  const policy = createAddressPolicy({ allowPrivateHosts: false });

  it('refuses a name that resolves to the metadata address', async () => {
    const lookup = createGuardedLookup(policy, resolveTo({ address: '169.254.169.254', family: 4 }));
    const { error } = await lookupOnce(lookup, { all: true });
    expect(error).toBeInstanceOf(BlockedAddressLookupError);
    expect(error?.message).toBe('feed.example resolves to 169.254.169.254, a link-local address (such as a cloud metadata service)');
  });

  it('refuses a name when any of its addresses is private', async () => {
    const lookup = createGuardedLookup(
      policy,
      resolveTo({ address: '93.184.215.14', family: 4 }, { address: '::ffff:10.0.0.1', family: 6 }),
    );
    expect((await lookupOnce(lookup, { all: true })).error).toBeInstanceOf(BlockedAddressLookupError);
  });

  it('answers both lookup forms for a public name', async () => {
    const addresses = [
      { address: '2606:4700::1', family: 6 },
      { address: '93.184.215.14', family: 4 },
    ];
    const lookup = createGuardedLookup(policy, resolveTo(...addresses));
    expect(await lookupOnce(lookup, { all: true })).toEqual({ error: null, value: [addresses] });
    expect(await lookupOnce(lookup, {})).toEqual({ error: null, value: ['2606:4700::1', 6] });
    expect(await lookupOnce(lookup, { family: 4 })).toEqual({ error: null, value: ['93.184.215.14', 4] });
  });

  it('passes resolver errors through', async () => {
    const failing = async (): Promise<dns.LookupAddress[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND feed.example'), { code: 'ENOTFOUND' });
    };
    const { error } = await lookupOnce(createGuardedLookup(policy, failing), { all: true });
    expect(error?.code).toBe('ENOTFOUND');
  });

  it('refuses localhost through the system resolver', async () => {
    const lookup = createGuardedLookup(policy);
    const result = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      (lookup as unknown as (h: string, o: dns.LookupOptions, cb: (e: NodeJS.ErrnoException | null) => void) => void)(
        'localhost',
        { all: true },
        resolve,
      );
    });
    expect(result).toBeInstanceOf(BlockedAddressLookupError);
  });
});
