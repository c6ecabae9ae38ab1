import type { BenchResults } from './results';
import { byThread, num, others, table } from './format';

/** 3b. Open-loop registration latency. */
export function openLoopSection(r: BenchResults): string[] {
  if (!r.openLoop) return [];
  return [
    '## 3b. Registration latency, open loop (fixed offered rates)',
    '',
    `A fixed-rate sender (\`bench/support/open-loop.ts\`, up to 64 keep-alive connections) offers 25 / 50 / 75 % of the saturated rate (${num(r.openLoop.maxRps)} req/s); each request's latency runs from its **intended** send time to the end of its answer, so a stall is charged for every request it held up (no coordinated omission). "sender late p99" is how late the sender itself was (included in the latencies; high values mean the bench machine, not the service, was short of CPU).`,
    '',
    table(
      [
        'offered req/s',
        'achieved (2xx/s)',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'server CPU ms/req (all threads)',
        'by thread',
        'sender late p99 ms',
        'other answers',
      ],
      r.openLoop.rates.map((x) => [
        `${num(x.offeredRps)} (${x.fraction * 100} %)`,
        num(x.achievedRps),
        num(x.p50Ms),
        num(x.p90Ms),
        x.fraction === 0.5 ? `**${num(x.p99Ms)}**` : num(x.p99Ms),
        num(x.maxMs),
        num(x.cpuMsPerRequest),
        byThread(x.cpuMsPerRequestByThread),
        num(x.senderLateP99Ms),
        others(x),
      ]),
    ),
    '',
  ];
}

/** 7. Segmentation, with GETs during it and the attacker filter. */
export function segmentationSection(r: BenchResults): string[] {
  const s = r.segmentation;
  if (!s) return [];
  if (!s.available) return ['## 7. Segmentation', '', s.reason, ''];
  const get = (name: string, g: typeof s.getIdle) => [
    name,
    num(g.achievedRps),
    num(g.p50Ms),
    num(g.p90Ms),
    num(g.p99Ms),
    num(g.maxMs),
    others(g),
  ];
  return [
    '## 7. Segmentation',
    '',
    `${s.filters} representative segment queries in rotation (matching ${s.orderCounts.join(' / ')} orders), ${s.connections} connections, closed loop. Meanwhile a GET of one order (\`GET /api/v3/orders/{id}\`) is sent open loop at 20 req/s, measured from its intended send time; then ${s.attack.clients} clients send the attacker filter of issue 15 point 3 back to back (\`any\` of 64 line conditions \`sku contains <255 chars>\`, matching nothing) while the GETs go on. A larger-scale, in-process segmentation benchmark (up to 10⁶ orders) is \`bench/segmentation-bench.ts\`.`,
    '',
    table(
      ['run', 'req/s (2xx)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'other answers'],
      [
        [
          'segment query (8 connections)',
          num(s.load.rps),
          num(s.load.p50Ms),
          num(s.load.p90Ms),
          `**${num(s.load.p99Ms)}**`,
          num(s.load.maxMs),
          others(s.load),
        ],
        get('GET order, idle service', s.getIdle),
        get('GET order while segment queries run', s.getDuringSegments),
        get('GET order during the attacker filter', s.attack.get),
      ],
    ),
    '',
    `Attacker queries: ${s.attack.queries} answered (${Object.entries(s.attack.statuses)
      .map(([code, n]) => `${n}× ${code === '0' ? 'client timeout (10 s)' : code}`)
      .join(', ')}), p50 ${num(s.attack.p50Ms)} ms, max ${num(s.attack.maxMs)} ms.`,
    '',
  ];
}

/** 9. Bad input. */
export function badInputSection(r: BenchResults): string[] {
  if (!r.badInput) return [];
  return [
    '## 9. Bad input (~1 MiB invalid bodies)',
    '',
    'Each body once, each on a fresh service (after 100 valid registrations as warm-up), just under the 1 MiB body limit; CPU of the service process (all threads) while the request was under way, RSS growth (peak sampled every 5 ms minus before), the answer size, and the latency of a `GET /health/live` sent 20 ms after the body.',
    '',
    table(
      ['body', 'bytes', 'status', 'CPU ms', 'extra RSS MB', 'answer bytes', 'wall ms', '/health/live ms'],
      r.badInput.variants.map((v) => [
        v.name === r.badInput!.worst.name ? `**${v.name}** (worst)` : v.name,
        num(v.bodyBytes),
        v.status,
        num(v.cpuMs),
        num(v.rssDeltaMb),
        num(v.answerBytes),
        num(v.wallMs),
        num(v.healthLiveMs),
      ]),
    ),
    '',
  ];
}

/** 8. Memory. */
export function memorySection(r: BenchResults): string[] {
  if (!r.memory) return [];
  return [
    '## 8. Memory (service process RSS, sampled every 100 ms; overall peak = VmHWM)',
    '',
    table(
      ['phase', 'peak RSS MB'],
      [...Object.entries(r.memory.peakRssMbByPhase).map(([phase, mb]) => [phase, mb]), ['**overall peak**', r.memory.peakRssMb]],
    ),
    '',
  ];
}

/** The CPU profile. */
export function profileSection(r: BenchResults): string[] {
  const profile = 'skipped' in r.profile ? null : r.profile;
  return [
    '## CPU profile of the service under registration load',
    '',
    ...(profile
      ? [
          `\`node --cpu-prof\` at the default LOG_LEVEL (one JSON log line per request), ${num(profile.registerRps)} req/s while profiled; ${num(profile.busyMs)} ms of non-idle samples in the ${num(profile.windowMs)} ms of measured load (start-up and warm-up left out). Profile: \`${profile.file}\` (open in Chrome DevTools). Self time in the logging and metrics packages (pino and its helpers, prom-client): **${num(profile.loggingAndMetricsPercent)} %** of busy time.`,
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
          ...(profile.projector
            ? [
                '',
                `The projector's worker thread (\`orders-proj\`) in the same window: ${num(profile.projector.busyMs)} ms of non-idle samples in ${num(profile.projector.windowMs)} ms (a sample counts while the thread runs or waits in a system call, such as a checkpoint's fsync). **${num(profile.projector.transactionPercent)} %** of its busy time is the self time of better-sqlite3's transaction wrapper: \`BEGIN\`, and the \`COMMIT\` that writes the batch's dirty pages to the WAL and runs the checkpoints; the statements of the read-model parts are counted in their callers. Profile: \`${profile.projector.file}\`.`,
                '',
                table(
                  ['projector: top self-time functions', 'where', 'ms', '% of busy'],
                  profile.projector.topFunctions.map((f) => [`\`${f.name}\``, f.where, num(f.selfMs), num(f.percent)]),
                ),
              ]
            : []),
        ]
      : [(r.profile as { skipped: string }).skipped]),
    '',
  ];
}

/** 5b. Crypto-shredding: sealing and opening personal fields, in the bench process. */
export function personalDataSection(r: BenchResults): string[] {
  const pd = r.personalData;
  if (!pd) return [];
  const cpu = pd.cpuUsPerEvent;
  return [
    '## 5b. Personal data: sealing and opening order events (issue 16 point 5)',
    '',
    `In the bench process: the real \`PersonalDataCodec\` over a \`SqliteSubjectKeyStore\` in a temp dir; ${num(pd.events)} OrderRegistered events of the bench's order generator keyed by e-mail or phone (normalised as the service stores them; ${num(pd.sealedFieldsPerEvent)} sealed fields per event on average, ${num(pd.subjects)} data subjects), sealed one at a time as the append path does and opened one at a time as the projector does. After a warm-up pass, ${pd.rounds} rounds (the four runs rotated); medians. The key cache is warm (every subject seen in the last second). Of the registration phase's own orders (mostly keyed by contact id), ${num(pd.registerOrdersWithPersonalFields * 100)} % have personal fields to seal.`,
    '',
    table(
      ['per event', 'seal', 'open', 'JSON.stringify', 'JSON.parse'],
      [
        ['CPU µs (process user + system)', `**${num(cpu.seal)}**`, `**${num(cpu.open)}**`, num(cpu.stringify), num(cpu.parse)],
        [
          'wall µs',
          num(pd.wallUsPerEvent.seal),
          num(pd.wallUsPerEvent.open),
          num(pd.wallUsPerEvent.stringify),
          num(pd.wallUsPerEvent.parse),
        ],
      ],
    ),
    '',
    `Cold key cache, one pass each (CPU µs per event): sealing for data subjects the key store does not know yet (${num(pd.events / 4)} other orders; each creates its subject: an INSERT with an fsync in the key store) ${num(pd.coldCpuUsPerEvent.sealNewSubjects)} (wall ${num(pd.sealNewSubjectsWallUs)}); seal after the 1 s cache expired (HMAC lookup + SELECT) ${num(pd.coldCpuUsPerEvent.sealCacheExpired)}; open after it expired ${num(pd.coldCpuUsPerEvent.openCacheExpired)}. A registration that names a new or long-unseen data subject pays these instead of the warm figures; the budget row uses the warm ones.`,
    '',
    r.personalDataShareOfRegistrationCpu === null
      ? 'The register phase did not run: no share of the CPU per registration.'
      : `One registration seals once and is opened once (projector): ${num(cpu.seal + cpu.open)} µs = **${num(r.personalDataShareOfRegistrationCpu * 100)} %** of the ${num(r.registerCpuMsPerRequest)} ms CPU per registration measured in this run, i.e. registration CPU grows by **${num((r.personalDataRegistrationCpuGrowth ?? Number.NaN) * 100)} %** (budget 10 %). Against the 0.5 ms per registration that issue 15 aims for, the same cost would be ${num((cpu.seal + cpu.open) / 5)} %.`,
    '',
  ];
}
