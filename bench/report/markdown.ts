import type { LoadResult } from '../support/load';
import type { BenchResults } from './results';

const table = (header: string[], rows: (string | number)[][]): string =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const num = (value: number): string => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : 'n/a');

const others = (load: LoadResult): string => {
  const odd = Object.entries(load.statuses).filter(([code]) => !code.startsWith('2'));
  const parts = odd.map(([code, n]) => `${n}× ${code}`);
  if (load.errors > 0) parts.push(`${load.errors} errors`);
  if (load.timeouts > 0) parts.push(`${load.timeouts} timeouts`);
  return parts.length > 0 ? parts.join(', ') : 'none';
};

/** The headline table (also pasted into README "Performance"). */
export function headlineTable(r: BenchResults): string {
  const t = (value: number, unit = ''): string => `${num(value)}${unit}`;
  return table(
    ['figure', 'this run', 'baseline in the same run', 'goal', 'status'],
    [
      [
        'registration throughput',
        t(r.registerRps, ' req/s'),
        `ceiling ${t(r.ceilingRps, ' req/s')} → ratio **${num(r.registerToCeilingRatio)}**`,
        '≥ 0.5 of ceiling',
        r.goals[0]!.met ? 'met' : 'not met',
      ],
      [
        'CPU per registration (noise-robust)',
        `${t(r.cpuMsPerRequest.register ?? Number.NaN)} ms/req`,
        `ceiling ${t(r.cpuMsPerRequest.ceiling ?? Number.NaN)} ms/req → ratio ${num(r.registerToCeilingCpuRatio ?? Number.NaN)}`,
        '(estimate of the ratio on a quiet machine)',
        '—',
      ],
      [
        'registration latency p50 / p99',
        `${t(r.registerP50Ms)} / **${t(r.registerP99Ms)}** ms`,
        `ceiling ${t(r.ceiling.p50Ms)} / ${t(r.ceiling.p99Ms)} ms`,
        'p99 < 25 ms',
        r.goals[1]!.met ? 'met' : 'not met',
      ],
      [
        'command → read-model lag p50 / p99',
        `${t(r.lagP50Ms)} / **${t(r.lagP99Ms)}** ms`,
        `at ${t(r.lag.targetRps)} req/s (half of max)`,
        'p99 < 50 ms',
        r.goals[2]!.met ? 'met' : 'not met',
      ],
      [
        'event-store append (sequential / batched ×50)',
        `${t(r.eventStore.sequential.storeEventsPerSecond)} / ${t(r.eventStore.batched.storeEventsPerSecond)} ev/s`,
        `raw insert ${t(r.eventStore.sequential.rawEventsPerSecond)} / ${t(r.eventStore.batched.rawEventsPerSecond)} → ratio ${num(r.eventStore.sequential.ratioToRaw)} / ${num(r.eventStore.batched.ratioToRaw)} (min **${num(r.appendRatioToRaw)}**)`,
        '≥ 0.5 of raw',
        r.goals[3]!.met ? 'met' : 'not met',
      ],
      [
        'projection rebuild',
        t(r.rebuild.rebuildEventsPerSecond, ' ev/s'),
        `raw scan + JSON.parse ${t(r.rebuild.rawScanEventsPerSecond, ' ev/s')} → ratio **${num(r.rebuildRatioToRaw)}**`,
        '≥ 0.5 of raw',
        r.goals[4]!.met ? 'met' : 'not met',
      ],
      ['service peak RSS under load', t(r.peakRssMb, ' MB'), '—', '< 256 MB', r.goals[5]!.met ? 'met' : 'not met'],
      r.segmentation.available
        ? [
            'segment queries',
            `${t(r.segmentation.load.rps, ' req/s')}, p99 ${t(r.segmentation.load.p99Ms)} ms`,
            `ceiling ${t(r.ceilingRps, ' req/s')}`,
            '—',
            '—',
          ]
        : ['segmentation', 'not available', '—', '—', '—'],
    ],
  );
}

function loadRow(name: string, load: LoadResult, ceiling: number, cpuMs?: number | null): (string | number)[] {
  const cpu = cpuMs === undefined ? [] : [cpuMs === null ? 'n/a' : num(cpuMs)];
  return [
    name,
    num(load.rps),
    num(load.p50Ms),
    num(load.p90Ms),
    num(load.p99Ms),
    num(load.maxMs),
    ceiling > 0 ? num(load.rps / ceiling) : '—',
    ...cpu,
    others(load),
  ];
}

export function renderMarkdown(r: BenchResults, command: string): string {
  const m = r.machine;
  const loadHeader = ['run', 'req/s (2xx)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'ratio to ceiling', 'other answers'];
  const cpuHeader = [
    'run',
    'req/s (2xx)',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'ratio to ceiling',
    'server CPU ms/req',
    'other answers',
  ];
  const profile = 'skipped' in r.profile ? null : r.profile;
  return [
    '# Benchmark results',
    '',
    `${r.date} · **${r.mode}** mode (\`${command}\`) · ${r.runSeconds} s · seed ${r.seed}`,
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.totalMemoryMb} MB, Node ${m.nodeVersion}, ${m.platform}; 1-min load average ${m.loadAverageStart} at start, ${m.loadAverageEnd} at end (other work on the machine shows here).`,
    '',
    'Every figure has a baseline measured in the same run on the same machine; compare ratios, not absolute numbers, between runs.',
    '',
    headlineTable(r),
    '',
    `## 1–2. Registration vs the ceiling (${r.register.ordersAccepted} orders accepted, ${r.register.orderLines.min}–${r.register.orderLines.max} lines, mean ${num(r.register.orderLines.mean)})`,
    '',
    `autocannon, 50 connections on 127.0.0.1, every request a unique orderId. Ceiling: bare Fastify parsing the same JSON bodies and answering 202. Measured in ${r.rounds.length} interleaved rounds of ${num(r.register.seconds / r.rounds.length)} s per side (req/s per round, ceiling / service: ${r.rounds.map((x) => `${num(x.ceilingRps)} / ${num(x.registerRps)}`).join(' · ')}).`,
    '',
    table(cpuHeader, [
      loadRow('ceiling (bare Fastify)', r.ceiling, 0, r.cpuMsPerRequest.ceiling),
      loadRow('register (service)', r.register, r.ceilingRps, r.cpuMsPerRequest.register),
    ]),
    '',
    'Server CPU ms/req: user + system CPU time of the server process (from /proc) per 2xx answer. It moves much less than throughput when other work shares the machine (contention inflates it somewhat too), so the ratio of the two is the steadier estimate of the throughput ratio with a core each.',
    '',
    '## 3. Command → read-model lag',
    '',
    `Registrations at ${num(r.lag.targetRps)} req/s asked (${num(r.lag.load.rps)} achieved, p99 ${num(r.lag.load.p99Ms)} ms). Whenever one of 4 pollers is free, the next 202 is sampled and its job polled back-to-back until 302 (${num(r.lag.pollsPerSecond)} polls/s; median poll ${num(r.lag.pollP50Ms)} ms = the resolution). Lag = first 302 − the 202; ${num(r.lag.completedOnFirstPoll * 100)}% of jobs were already complete at the first poll.`,
    '',
    table(
      ['samples', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'timed out'],
      [[r.lag.samples, num(r.lag.lagP50Ms), num(r.lag.lagP90Ms), num(r.lag.lagP99Ms), num(r.lag.lagMaxMs), r.lag.timedOut]],
    ),
    '',
    '## 4. Updates on existing orders',
    '',
    'Contended: every 10th request goes to one hot order (its commands queue per order); the rest to distinct orders.',
    '',
    table(
      cpuHeader,
      r.updates.map((u) =>
        loadRow(
          `${u.kind}${u.contention > 0 ? `, ${u.contention * 100}% same order` : ', distinct orders'}`,
          u,
          r.ceilingRps,
          u.cpuMsPerRequest,
        ),
      ),
    ),
    '',
    '## 5. Event store append (SqliteEventStore vs raw better-sqlite3, WAL + synchronous=FULL, same schema)',
    '',
    `Realistic OrderRegistered events (~${num(r.eventStore.eventBytes)} bytes of JSON each); raw = prepared INSERT incl. JSON.stringify.`,
    '',
    table(
      ['mode', 'store ev/s', 'raw ev/s', 'ratio'],
      [
        [
          'sequential: one awaited single-event append = one transaction',
          num(r.eventStore.sequential.storeEventsPerSecond),
          num(r.eventStore.sequential.rawEventsPerSecond),
          num(r.eventStore.sequential.ratioToRaw),
        ],
        [
          `batched: ${r.eventStore.batched.batch} concurrent appends (group commit) vs ${r.eventStore.batched.batch} inserts in one transaction`,
          num(r.eventStore.batched.storeEventsPerSecond),
          num(r.eventStore.batched.rawEventsPerSecond),
          num(r.eventStore.batched.ratioToRaw),
        ],
      ],
    ),
    '',
    '## 6. Projection rebuild',
    '',
    `${num(r.rebuild.events)} events written by the service phases; \`rebuildProjections\` (what \`npm run cli -- projections rebuild\` runs: batches of ${num(r.rebuild.batchSize)}, query indexes built at the swap) into an empty file (${num(r.rebuild.orderViewRows)} order rows; ${r.rebuild.rounds} run(s), each bracketed by raw scans) vs one SELECT + JSON.parse over the same table. For comparison, the live projector catching up over the same log (batches of ${r.rebuild.catchUp?.batchSize ?? 500}, every index kept up to date).`,
    '',
    table(
      ['', 'rebuild', 'raw scan', 'ratio'],
      [
        ['events/s', num(r.rebuild.rebuildEventsPerSecond), num(r.rebuild.rawScanEventsPerSecond), num(r.rebuild.ratioToRaw)],
        [
          'CPU µs/event (steadier under noise)',
          num(r.rebuild.cpuUsPerEvent.rebuild),
          num(r.rebuild.cpuUsPerEvent.rawScan),
          num(r.rebuild.cpuRatioToRaw),
        ],
        ...(r.rebuild.catchUp
          ? [
              [
                'live projector catch-up, events/s',
                num(r.rebuild.catchUp.eventsPerSecond),
                num(r.rebuild.rawScanEventsPerSecond),
                num(r.rebuild.catchUp.ratioToRaw),
              ],
            ]
          : []),
      ],
    ),
    '',
    ...(r.rebuild.floor
      ? [
          `Floor, same run: \`JSON.stringify\` of the ${num(r.rebuild.orderViewRows)} rebuilt order documents ${num(r.rebuild.floor.stringifySeconds)} s + inserting them into an empty order_view table ${num(r.rebuild.floor.insertSeconds)} s = ${num(r.rebuild.floor.timesRawScan)} × one raw scan. A single-threaded rebuild that read the log at exactly the raw-scan cost and wrote nothing but these documents would reach **${num(r.rebuild.floor.bestRatioToRaw)}** of the raw rate.`,
          '',
        ]
      : []),
    '## 7. Segmentation',
    '',
    ...(r.segmentation.available
      ? [
          `${r.segmentation.filters} representative segment queries in rotation (matching ${r.segmentation.orderCounts.join(' / ')} orders), ${r.segmentation.connections} connections. A larger-scale, in-process segmentation benchmark (up to 10⁶ orders) is \`bench/segmentation-bench.ts\`.`,
          '',
          table(loadHeader, [loadRow('segment query', r.segmentation.load, r.ceilingRps)]),
        ]
      : [r.segmentation.reason]),
    '',
    '## 8. Memory (service process RSS, sampled every 100 ms; overall peak = VmHWM)',
    '',
    table(
      ['phase', 'peak RSS MB'],
      [...Object.entries(r.memory.peakRssMbByPhase).map(([phase, mb]) => [phase, mb]), ['**overall peak**', r.memory.peakRssMb]],
    ),
    '',
    '## CPU profile of the service under registration load',
    '',
    ...(profile
      ? [
          `\`node --cpu-prof\`, ${num(profile.registerRps)} req/s while profiled; ${num(profile.busyMs)} ms of non-idle samples in the ${num(profile.windowMs)} ms of measured load (start-up and warm-up left out). Profile: \`${profile.file}\` (open in Chrome DevTools).`,
          '',
          table(
            ['self time by origin', 'ms', '% of busy'],
            profile.byOrigin.slice(0, 12).map((o) => [o.origin, num(o.selfMs), num(o.percent)]),
          ),
          '',
          table(
            ['top self-time functions', 'where', 'ms', '% of busy'],
            profile.topFunctions.map((f) => [`\`${f.name}\``, f.where, num(f.selfMs), num(f.percent)]),
          ),
        ]
      : [(r.profile as { skipped: string }).skipped]),
    '',
  ].join('\n');
}
