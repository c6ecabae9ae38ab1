import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type CpuProfile, inclusiveUs } from '../bench/phases/profile';
import { evaluateGoals, type Headline, personalDataCost } from '../bench/report/results';
import { runOpenLoop } from '../bench/support/open-loop';
import { PHASES, parseOptions, USAGE, wantsHelp } from '../bench/support/options';

describe('bench options', () => {
  it('runs every phase by default, and a selection with the registration phase it needs', () => {
    expect(parseOptions([]).complete).toBe(true);
    expect(parseOptions(['--no-profile'])).toMatchObject({ complete: true, profile: false });
    const some = parseOptions(['--quick', '--phases=openloop,badinput']);
    expect([...some.phases].sort()).toEqual(['badinput', 'openloop', 'register']);
    expect(some.complete).toBe(false);
    expect([...parseOptions(['--phases=eventstore']).phases]).toEqual(['eventstore']);
    expect(parseOptions([]).phases.has('personaldata')).toBe(true);
    expect([...parseOptions(['--phases=personaldata']).phases]).toEqual(['personaldata']); // register is not added: without it the share is null
    expect(() => parseOptions(['--phases=nope'])).toThrow(/unknown nope/);
  });

  it('takes --max-rate as the base of the rate-relative phases, writes such a run as partial, and refuses a rate that is not one', () => {
    expect(parseOptions([]).maxRate).toBeUndefined();
    expect(parseOptions(['--max-rate=1200'])).toMatchObject({ maxRate: 1200, complete: false });
    for (const bad of ['--max-rate=', '--max-rate=abc', '--max-rate=12.5', '--max-rate=0', '--max-rate=1e9'])
      expect(() => parseOptions([bad])).toThrow(/--max-rate must be a whole number/);
  });

  it('answers --help with a usage text naming every option and phase; other unknown options are refused', () => {
    expect(wantsHelp(['--quick', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--quick'])).toBe(false);
    for (const option of ['--quick', '--no-build', '--no-profile', '--seed=N', '--phases=', '--max-rate=N'])
      expect(USAGE).toContain(option);
    for (const phase of PHASES) expect(USAGE).toContain(phase);
    expect(() => parseOptions(['--verbose'])).toThrow(/unknown option\(s\) --verbose.*--help/);
  });
});

describe('bench goals', () => {
  it('judges only the figures that were measured', () => {
    const none = Object.fromEntries(
      ['ceilingRps', 'registerRps', 'registerToCeilingRatio', 'registerCpuMsPerRequest', 'peakRssMb', 'badInputWorstCpuMs'].map((k) => [
        k,
        null,
      ]),
    ) as unknown as Headline;
    const goals = evaluateGoals({ ...none, registerCpuMsPerRequest: 0.4, peakRssMb: 300 });
    expect(goals.map((g) => [g.goal, g.met])).toEqual([
      ['CPU per registration, all threads (ms)', true],
      ['service peak RSS under load (MB)', false],
    ]);
  });
});

describe('personal-data cost against registration CPU', () => {
  it('gives the share of seal + open in a registration and the growth over one without them', () => {
    // 40 + 20 µs of a 0.6 ms registration: 10 % of it, and 0.06 / 0.54 = 11.1 % more than without
    expect(personalDataCost(40, 20, 0.6)).toEqual({ share: 0.1, growth: 0.1111 });
    expect(personalDataCost(40, 20, null)).toEqual({ share: null, growth: null }); // the register phase did not run
    expect(personalDataCost(400, 300, 0.5)).toEqual({ share: 1.4, growth: null }); // more than the whole registration: no growth to tell
  });

  it('judges the growth against the 10 % budget of issue 16', () => {
    const none = Object.fromEntries(
      ['registerCpuMsPerRequest', 'personalDataRegistrationCpuGrowth'].map((k) => [k, null]),
    ) as unknown as Headline;
    expect(evaluateGoals({ ...none, personalDataRegistrationCpuGrowth: 0.1111 }).map((g) => [g.goal, g.met])).toEqual([
      ['registration CPU growth by sealing + opening personal data', false],
    ]);
    expect(evaluateGoals({ ...none, personalDataRegistrationCpuGrowth: 0.05 })[0]!.met).toBe(true);
  });
});

describe('CPU profile', () => {
  it('counts the time spent inside a function, its callees included and nothing outside it', () => {
    const frame = (functionName: string) => ({ functionName, url: '', lineNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 5] },
        { id: 2, callFrame: frame('apply'), children: [3] },
        { id: 3, callFrame: frame('applyBatch'), children: [4] },
        { id: 4, callFrame: frame('sqliteTransaction') },
        { id: 5, callFrame: frame('(idle)') },
      ],
      startTime: 0,
      samples: [4, 3, 2, 5, 4, 1],
      timeDeltas: [100, 20, 7, 1000, 30, 3],
    };
    expect(inclusiveUs(profile, 'applyBatch')).toBe(150);
    expect(inclusiveUs(profile, 'apply')).toBe(157);
    expect(inclusiveUs(profile, 'nowhere')).toBe(0);
  });
});

describe('open-loop sender', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('measures from the intended send time: requests held up by a stall are charged for it (no coordinated omission)', async () => {
    let first = true;
    server = createServer((request, response) => {
      request.resume();
      const answer = () => response.writeHead(200).end('{}');
      if (first) {
        first = false;
        setTimeout(answer, 400); // the server stalls on the first request; the single socket holds the rest behind it
      } else answer();
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // 10 requests due 20 ms apart (0 … 180 ms): none can be answered before the stall ends at ≥ 400 ms
    const result = await runOpenLoop({ url, rate: 50, seconds: 0.2, sockets: 1, next: () => ({ method: 'GET', path: '/' }) });

    expect(result).toMatchObject({ sent: 10, ok: 10, errors: 0 });
    // a lower bound, whatever the machine's load: ≥ 400 − 180 ms for the last request; measured from when
    // each request got its socket, all but the first would show about 0 ms
    expect(result.p50Ms).toBeGreaterThanOrEqual(220);
    expect(result.maxMs).toBeGreaterThanOrEqual(400);
  });

  it('spaces the requests evenly (never one before its time, unlike a per-second rate limit) and hands each answer with its headers', async () => {
    const arrivals: number[] = [];
    server = createServer((request, response) => {
      arrivals.push(performance.now());
      request.resume();
      response.writeHead(202, { location: `/jobs/${arrivals.length}` }).end();
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const locations: unknown[] = [];

    const before = performance.now();
    // 10 requests due 25 ms apart: a sender that fires its second's share at once would have them all at ~0 ms
    const result = await runOpenLoop({
      url,
      rate: 40,
      seconds: 0.25,
      next: () => ({ method: 'POST', path: '/', body: '{}' }),
      onResponse: (status, _tag, headers) => locations.push(status === 202 && headers.location),
    });

    expect(result).toMatchObject({ sent: 10, ok: 10 });
    arrivals.sort((a, b) => a - b);
    // a lower bound whatever the machine's load: request i is sent no earlier than i × 25 ms after the start
    arrivals.forEach((arrived, i) => expect(arrived - before).toBeGreaterThanOrEqual(i * 25));
    expect(locations.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `/jobs/${i + 1}`).sort());
  });
});
