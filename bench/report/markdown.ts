import type { BenchResults } from './results';
import { byThread, cpuHeader, loadRow, num, table } from './format';
import { badInputSection, memorySection, openLoopSection, personalDataSection, profileSection, segmentationSection } from './sections';

/** The headline table (also pasted into docs/performance.md): one row per figure this run measured. */
export function headlineTable(r: BenchResults): string {
  const status = (goal: string): string => {
    const found = r.goals.find((g) => g.goal.startsWith(goal));
    return found ? (found.met ? 'met' : 'not met') : '—';
  };
  const half = r.openLoop?.rates.find((x) => x.fraction === 0.5);
  const seg = r.segmentation?.available ? r.segmentation : undefined;
  const worst = r.badInput?.worst;
  const pd = r.personalData;
  const percent = (value: number | null) => (value === null ? 'n/a' : `${num(value * 100)} %`);
  const rows: ((string | number)[] | false | undefined)[] = [
    r.register && [
      'registration throughput',
      `${num(r.registerRps)} req/s`,
      `ceiling ${num(r.ceilingRps)} req/s → ratio **${num(r.registerToCeilingRatio)}**`,
      '≥ 0.25 of ceiling',
      status('registration throughput'),
    ],
    r.register && [
      'CPU per registration, all threads of the service',
      `**${num(r.registerCpuMsPerRequest)}** ms/req`,
      `ceiling ${num(r.ceilingCpuMsPerRequest)} ms/req → ratio ${num(r.registerToCeilingCpuRatio)}`,
      '≤ 0.5 ms',
      status('CPU per registration'),
    ],
    r.register && [
      'registration latency p50 / p99, saturated (50 connections)',
      `${num(r.registerP50Ms)} / ${num(r.registerP99Ms)} ms`,
      `ceiling ${num(r.ceiling?.p50Ms)} / ${num(r.ceiling?.p99Ms)} ms`,
      '—',
      '—',
    ],
    half && [
      'registration latency p50 / p99 at half the max rate, open loop',
      `${num(half.p50Ms)} / **${num(half.p99Ms)}** ms`,
      `${num(half.offeredRps)} req/s offered`,
      'p99 < 25 ms',
      status('registration p99 at half'),
    ],
    r.lag && [
      'command → read-model lag p50 / p99',
      `${num(r.lagP50Ms)} / **${num(r.lagP99Ms)}** ms`,
      `at ${num(r.lag.targetRps)} req/s (half of max)`,
      'p99 < 50 ms',
      status('command → read-model lag'),
    ],
    r.eventStore && [
      'event-store append (sequential / batched ×50)',
      `${num(r.eventStore.sequential.storeEventsPerSecond)} / ${num(r.eventStore.batched.storeEventsPerSecond)} ev/s`,
      `raw insert ${num(r.eventStore.sequential.rawEventsPerSecond)} / ${num(r.eventStore.batched.rawEventsPerSecond)} → min ratio **${num(r.appendRatioToRaw)}**`,
      '≥ 0.5 of raw',
      status('event-store append'),
    ],
    r.rebuild && [
      'projection rebuild',
      `${num(r.rebuild.rebuildEventsPerSecond)} ev/s`,
      `raw scan + JSON.parse ${num(r.rebuild.rawScanEventsPerSecond)} ev/s → ratio **${num(r.rebuildRatioToRaw)}**`,
      '≥ 0.5 of raw',
      status('rebuild'),
    ],
    pd && [
      'personal data: seal / open one order event, CPU (key cache warm)',
      `**${num(r.personalDataSealUsPerEvent)} / ${num(r.personalDataOpenUsPerEvent)}** µs`,
      `JSON.stringify / JSON.parse of the same events ${num(pd.cpuUsPerEvent.stringify)} / ${num(pd.cpuUsPerEvent.parse)} µs`,
      '—',
      '—',
    ],
    pd && [
      'registration CPU growth by sealing + opening personal data',
      `**${percent(r.personalDataRegistrationCpuGrowth)}**`,
      r.personalDataShareOfRegistrationCpu === null
        ? 'needs the register phase in the same run'
        : `seal + open = ${percent(r.personalDataShareOfRegistrationCpu)} of the ${num(r.registerCpuMsPerRequest)} ms CPU per registration`,
      '≤ 10 %',
      status('registration CPU growth'),
    ],
    r.memory && ['service peak RSS under load', `${num(r.peakRssMb)} MB`, '—', '< 256 MB', status('service peak RSS')],
    seg && ['segment queries', `${num(seg.load.rps)} req/s, p99 **${num(seg.load.p99Ms)}** ms`, '8 connections', '—', '—'],
    seg && [
      'GET order p99 while segment queries run',
      `**${num(r.getP99DuringSegmentsMs)}** ms`,
      `idle ${num(seg.getIdle.p99Ms)} ms; during the attacker filter ${num(r.getP99DuringAttackMs)} ms`,
      '< 25 ms',
      status('GET order p99'),
    ],
    worst && [
      'worst 1 MiB invalid body: CPU / extra RSS / answer',
      `**${num(worst.cpuMs)} ms / ${num(worst.rssDeltaMb)} MB / ${num(worst.answerBytes)} B**`,
      worst.name,
      '< 50 ms / < 20 MB / < 64 KiB',
      ['CPU', 'extra RSS', 'answer'].map((part) => status(`worst 1 MiB invalid body: ${part}`)).join(' / '),
    ],
  ];
  return table(
    ['figure', 'this run', 'baseline or detail in the same run', 'goal', 'status'],
    rows.filter((row): row is (string | number)[] => Array.isArray(row)),
  );
}

function registrationSection(r: BenchResults): string[] {
  if (!r.register || !r.ceiling || !r.rounds) return [];
  return [
    `## 1–2. Registration vs the ceiling (${r.register.ordersAccepted} orders accepted, ${r.register.orderLines.min}–${r.register.orderLines.max} lines, mean ${num(r.register.orderLines.mean)})`,
    '',
    `autocannon, 50 connections on 127.0.0.1, every request a unique orderId. Ceiling: bare Fastify parsing the same JSON bodies and answering 202. Measured in ${r.rounds.length} interleaved rounds of ${num(r.register.seconds / r.rounds.length)} s per side (req/s per round, ceiling / service: ${r.rounds.map((x) => `${num(x.ceilingRps)} / ${num(x.registerRps)}`).join(' · ')}).`,
    '',
    table(cpuHeader, [
      loadRow('ceiling (bare Fastify)', r.ceiling, null, r.cpuMsPerRequest.ceiling),
      loadRow('register (service)', r.register, r.ceilingRps, r.cpuMsPerRequest.register),
    ]),
    '',
    "Server CPU ms/req: user + system CPU time of the server process per 2xx answer, from `/proc/<pid>/stat` — the process-wide figure, which sums **every thread** of the process (the event loop, libuv's pool, V8's GC and compiler threads, worker threads, including threads that have exited). It moves much less than throughput when other work shares the machine (contention inflates it somewhat too), so the ratio of the two is the steadier estimate of the throughput ratio with a core each.",
    '',
    `The service's CPU ms per registration by thread (\`/proc/<pid>/task/*/stat\`; each worker role's thread carries its role's name, THREAD_NAMES in libs/backend/src/threads/launch.ts; threads that exited during a round are missing here): ${byThread(r.registerCpuMsPerRequestByThread)}.`,
    '',
  ];
}

function lagSection(r: BenchResults): string[] {
  if (!r.lag) return [];
  return [
    '## 3. Command → read-model lag',
    '',
    `Registrations at ${num(r.lag.targetRps)} req/s offered, evenly spaced by the open-loop sender (${num(r.lag.load.achievedRps)} achieved, p99 ${num(r.lag.load.p99Ms)} ms). Whenever one of 4 pollers is free, the next 202 is sampled and its job polled back-to-back until 302 (${num(r.lag.pollsPerSecond)} polls/s; median poll ${num(r.lag.pollP50Ms)} ms = the resolution). Lag = first 302 − the 202; ${num(r.lag.completedOnFirstPoll * 100)}% of jobs were already complete at the first poll.`,
    '',
    table(
      ['samples', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'timed out'],
      [[r.lag.samples, num(r.lag.lagP50Ms), num(r.lag.lagP90Ms), num(r.lag.lagP99Ms), num(r.lag.lagMaxMs), r.lag.timedOut]],
    ),
    '',
  ];
}

function updatesSection(r: BenchResults): string[] {
  if (!r.updates) return [];
  return [
    '## 4. Updates on existing orders',
    '',
    'Contended: every 10th request goes to one hot order (its commands queue per order); the rest to distinct orders.',
    '',
    table(
      cpuHeader,
      r.updates!.map((u) =>
        loadRow(
          `${u.kind}${u.contention > 0 ? `, ${u.contention * 100}% same order` : ', distinct orders'}`,
          u,
          r.ceilingRps,
          u.cpuMsPerRequest,
        ),
      ),
    ),
    '',
  ];
}

function eventStoreSection(r: BenchResults): string[] {
  if (!r.eventStore) return [];
  return [
    '## 5. Event store append (SqliteEventStore vs raw better-sqlite3, WAL + synchronous=FULL, same schema)',
    '',
    `Realistic OrderRegistered events (~${num(r.eventStore!.eventBytes)} bytes of JSON each); raw = prepared INSERT incl. JSON.stringify.`,
    '',
    table(
      ['mode', 'store ev/s', 'raw ev/s', 'ratio'],
      [
        [
          'sequential: one awaited single-event append = one transaction',
          num(r.eventStore!.sequential.storeEventsPerSecond),
          num(r.eventStore!.sequential.rawEventsPerSecond),
          num(r.eventStore!.sequential.ratioToRaw),
        ],
        [
          `batched: ${r.eventStore!.batched.batch} concurrent appends (group commit) vs ${r.eventStore!.batched.batch} inserts in one transaction`,
          num(r.eventStore!.batched.storeEventsPerSecond),
          num(r.eventStore!.batched.rawEventsPerSecond),
          num(r.eventStore!.batched.ratioToRaw),
        ],
      ],
    ),
    '',
  ];
}

function rebuildSection(r: BenchResults): string[] {
  if (!r.rebuild) return [];
  return [
    '## 6. Projection rebuild',
    '',
    `${num(r.rebuild!.events)} events written by the service phases; \`rebuildProjections\` (what \`npm run cli -- projections rebuild\` runs: batches of ${num(r.rebuild!.batchSize)}, query indexes built at the swap) into an empty file (${num(r.rebuild!.orderViewRows)} order rows; ${r.rebuild!.rounds} run(s), each bracketed by raw scans) vs one SELECT + JSON.parse over the same table. For comparison, the live projector catching up over the same log (batches of ${r.rebuild!.catchUp?.batchSize ?? 500}, every index kept up to date).`,
    '',
    table(
      ['', 'rebuild', 'raw scan', 'ratio'],
      [
        ['events/s', num(r.rebuild!.rebuildEventsPerSecond), num(r.rebuild!.rawScanEventsPerSecond), num(r.rebuild!.ratioToRaw)],
        [
          'CPU µs/event (steadier under noise)',
          num(r.rebuild!.cpuUsPerEvent.rebuild),
          num(r.rebuild!.cpuUsPerEvent.rawScan),
          num(r.rebuild!.cpuRatioToRaw),
        ],
        ...(r.rebuild!.catchUp
          ? [
              [
                'live projector catch-up, events/s',
                num(r.rebuild!.catchUp.eventsPerSecond),
                num(r.rebuild!.rawScanEventsPerSecond),
                num(r.rebuild!.catchUp.ratioToRaw),
              ],
            ]
          : []),
      ],
    ),
    '',
    ...(r.rebuild!.floor
      ? [
          `Floor, same run: \`JSON.stringify\` of the ${num(r.rebuild!.orderViewRows)} rebuilt order documents ${num(r.rebuild!.floor.stringifySeconds)} s + inserting them into an empty order_view table ${num(r.rebuild!.floor.insertSeconds)} s = ${num(r.rebuild!.floor.timesRawScan)} × one raw scan. A single-threaded rebuild that read the log at exactly the raw-scan cost and wrote nothing but these documents would reach **${num(r.rebuild!.floor.bestRatioToRaw)}** of the raw rate.`,
          '',
        ]
      : []),
  ];
}

export function renderMarkdown(r: BenchResults, command: string): string {
  const m = r.machine;
  return [
    '# Benchmark results',
    '',
    `${r.date} · **${r.mode}** mode (\`${command}\`) · ${r.runSeconds} s · seed ${r.seed} · phases ${r.phases.join(', ')}${r.maxRate === undefined ? '' : ` · lag and open-loop rates from --max-rate=${r.maxRate}, not the measured maximum`}`,
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.totalMemoryMb} MB, Node ${m.nodeVersion}, ${m.platform}; 1-min load average ${m.loadAverageStart} at start, ${m.loadAverageEnd} at end (other work on the machine shows here).`,
    '',
    'Every figure has a baseline measured in the same run on the same machine; compare ratios, not absolute numbers, between runs.',
    '',
    headlineTable(r),
    '',
    ...registrationSection(r),
    ...lagSection(r),
    ...openLoopSection(r),
    ...updatesSection(r),
    ...eventStoreSection(r),
    ...personalDataSection(r),
    ...rebuildSection(r),
    ...segmentationSection(r),
    ...memorySection(r),
    ...badInputSection(r),
    ...profileSection(r),
  ].join('\n');
}
