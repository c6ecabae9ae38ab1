import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { orderTemplates } from '@orders/demo-data';
import { measureBadInput } from './phases/bad-input';
import { measureEventStore } from './phases/event-store';
import { measureLag } from './phases/lag';
import { measureOpenLoop } from './phases/open-loop';
import { measurePersonalData } from './phases/personal-data';
import { profileRegistration } from './phases/profile';
import { measureRebuild } from './phases/rebuild';
import { measureRegistration } from './phases/registration';
import { measureSegmentation } from './phases/segmentation';
import { measureUpdates } from './phases/updates';
import { renderMarkdown } from './report/markdown';
import { type BenchResults, evaluateGoals, type Headline, machineInfo, personalDataCost } from './report/results';
import type { HttpChild } from './support/child-process';
import { parseOptions, USAGE, wantsHelp } from './support/options';
import { RssSampler } from './support/rss-sampler';
import { newTempDir, prepareServiceBinary, ROOT, startCeilingServer, startOrdersService } from './support/service';
import { ratio, round } from './support/stats';

const log = (message: string): void => void process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** Results of the phases that ran; the headline and the report are made from whatever is here. */
type Measured = Omit<BenchResults, keyof Headline | 'date' | 'mode' | 'phases' | 'seed' | 'runSeconds' | 'machine' | 'goals'>;

async function main(): Promise<void> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(USAGE);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  const { phases } = options;
  const args = process.argv.slice(2).filter((a) => a !== '--no-build');
  const command = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
  const started = Date.now();
  const loadAverageStart = round(loadavg()[0]!);
  log(`${options.quick ? 'quick' : 'full'} mode, seed ${options.seed}, phases ${[...phases].join(',')}`);
  const binary = prepareServiceBinary(options.build);
  const templates = orderTemplates(options.seed, 1000);
  const lines = templates.map((t) => t.lines);
  const m: Measured = {
    registerToCeilingCpuRatio: null,
    cpuMsPerRequest: { ceiling: null, register: null },
    registerCpuMsPerRequestByThread: null,
    profile: { skipped: phases.has('profile') ? 'not run' : 'skipped (--no-profile or not in --phases)' },
  };

  const dataDir = newTempDir('data');
  let service: HttpChild | undefined;
  let ceiling: HttpChild | undefined;
  try {
    if (phases.has('register')) {
      service = await startOrdersService(binary, dataDir);
      ceiling = await startCeilingServer();
      const memory = new RssSampler(service.pid);
      log(`1–2. ceiling (bare Fastify) and registration through the service, ${options.rounds} interleaved rounds`);
      memory.enter('register');
      const registration = await measureRegistration(service, ceiling, options, templates);
      await ceiling.stop();
      ceiling = undefined;
      const { register } = registration;
      log(`   ceiling ${registration.ceiling.rps} req/s; service ${register.rps} req/s, p99 ${register.p99Ms} ms`);
      Object.assign(m, {
        ceiling: registration.ceiling,
        rounds: registration.rounds,
        register: {
          ...register,
          ordersAccepted: registration.accepted.length,
          orderLines: { min: Math.min(...lines), max: Math.max(...lines), mean: round(lines.reduce((a, b) => a + b, 0) / lines.length) },
        },
        cpuMsPerRequest: { ceiling: registration.ceilingCpuMsPerRequest, register: registration.registerCpuMsPerRequest },
        registerCpuMsPerRequestByThread: registration.registerCpuMsPerRequestByThread,
        registerToCeilingCpuRatio:
          registration.ceilingCpuMsPerRequest && registration.registerCpuMsPerRequest
            ? ratio(registration.ceilingCpuMsPerRequest, registration.registerCpuMsPerRequest)
            : null,
      });
      // the rate the lag and open-loop phases offer shares of: the measured maximum, or --max-rate to compare builds
      const baseRps = options.maxRate ?? register.rps;
      if (options.maxRate !== undefined) log(`   --max-rate: the lag and open-loop phases offer shares of ${baseRps} req/s`);
      if (phases.has('lag')) {
        log('3. command → read-model lag at half the max throughput');
        memory.enter('lag');
        m.lag = await measureLag(service, options, templates, baseRps);
        log(`   lag p50 ${m.lag.lagP50Ms} ms, p99 ${m.lag.lagP99Ms} ms (${m.lag.samples} samples)`);
      }
      if (phases.has('openloop')) {
        log('3b. registration latency open loop at 25 / 50 / 75 % of the max rate');
        memory.enter('open loop');
        m.openLoop = await measureOpenLoop(service, options, templates, baseRps);
        for (const rate of m.openLoop.rates) log(`   ${rate.offeredRps} req/s offered: p50 ${rate.p50Ms} ms, p99 ${rate.p99Ms} ms`);
      }
      if (phases.has('updates')) {
        log('4. updates: replace and change-status');
        m.updates = await measureUpdates(service, options, templates, registration.accepted, (name) => memory.enter(`update: ${name}`));
      }
      if (phases.has('segments')) {
        log('7. segmentation queries, GETs during them, the attacker filter');
        memory.enter('segmentation');
        m.segmentation = await measureSegmentation(service, options, registration.accepted);
      }
      await service.stop();
      service = undefined;
      const rss = memory.stop();
      m.memory = { peakRssMb: rss.peakMb, peakRssMbByPhase: rss.byPhase };
    }
    if (phases.has('eventstore')) {
      log('5. event store vs raw inserts');
      m.eventStore = await measureEventStore(options, templates);
    }
    if (phases.has('personaldata')) {
      log('5b. personal data: sealing and opening order events in this process (real codec, SQLite key store)');
      m.personalData = await measurePersonalData(options, templates);
      const { cpuUsPerEvent: cpu } = m.personalData;
      log(`   seal ${cpu.seal} µs, open ${cpu.open} µs per event (JSON.stringify ${cpu.stringify}, JSON.parse ${cpu.parse})`);
    }
    if (phases.has('rebuild')) {
      log('6. projection rebuild vs raw scan');
      m.rebuild = await measureRebuild(join(dataDir, 'events.sqlite'), options.quick ? 1 : 2);
    }
    if (phases.has('badinput')) {
      log('9. bad input: ~1 MiB invalid bodies, one at a time, on a fresh service');
      m.badInput = await measureBadInput(binary, templates);
      for (const v of m.badInput.variants)
        log(`   ${v.name}: ${v.status}, ${v.cpuMs} ms CPU, +${v.rssDeltaMb} MB, ${v.answerBytes} B answer`);
    }
    if (phases.has('profile')) {
      log('profile: node --cpu-prof under registration load');
      m.profile = await profileRegistration(binary, options, templates);
    }
    const results = assemble(m, options, loadAverageStart, started);
    const out = join(ROOT, 'bench/results');
    const name = options.complete ? 'latest' : 'latest-partial';
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(out, `${name}.md`), renderMarkdown(results, command));
    log(`done in ${results.runSeconds} s: bench/results/${name}.md and ${name}.json`);
    for (const goal of results.goals) log(`   ${goal.met ? 'met    ' : 'not met'} ${goal.goal}: ${goal.value} (goal ${goal.target})`);
  } finally {
    await ceiling?.stop();
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function assemble(m: Measured, options: ReturnType<typeof parseOptions>, loadAverageStart: number, started: number): BenchResults {
  const segments = m.segmentation?.available ? m.segmentation : undefined;
  const half = m.openLoop?.rates.find((rate) => rate.fraction === 0.5);
  const worst = m.badInput?.worst;
  const pd = m.personalData?.cpuUsPerEvent;
  const pdCost = pd ? personalDataCost(pd.seal, pd.open, m.cpuMsPerRequest.register) : undefined;
  const headline: Headline = {
    ceilingRps: m.ceiling?.rps ?? null,
    registerRps: m.register?.rps ?? null,
    registerToCeilingRatio: m.register && m.ceiling ? ratio(m.register.rps, m.ceiling.rps) : null,
    registerCpuMsPerRequest: m.cpuMsPerRequest.register,
    ceilingCpuMsPerRequest: m.cpuMsPerRequest.ceiling,
    registerP50Ms: m.register?.p50Ms ?? null,
    registerP99Ms: m.register?.p99Ms ?? null,
    registerP99AtHalfMs: half?.p99Ms ?? null,
    lagP50Ms: m.lag?.lagP50Ms ?? null,
    lagP99Ms: m.lag?.lagP99Ms ?? null,
    appendRatioToRaw: m.eventStore ? Math.min(m.eventStore.sequential.ratioToRaw, m.eventStore.batched.ratioToRaw) : null,
    rebuildRatioToRaw: m.rebuild?.ratioToRaw ?? null,
    peakRssMb: m.memory?.peakRssMb ?? null,
    segmentQueryP99Ms: segments?.load.p99Ms ?? null,
    getP99DuringSegmentsMs: segments?.getDuringSegments.p99Ms ?? null,
    getP99DuringAttackMs: segments?.attack.get.p99Ms ?? null,
    badInputWorstCpuMs: worst?.cpuMs ?? null,
    badInputWorstRssDeltaMb: worst?.rssDeltaMb ?? null,
    badInputWorstAnswerBytes: worst?.answerBytes ?? null,
    personalDataSealUsPerEvent: pd?.seal ?? null,
    personalDataOpenUsPerEvent: pd?.open ?? null,
    personalDataShareOfRegistrationCpu: pdCost?.share ?? null,
    personalDataRegistrationCpuGrowth: pdCost?.growth ?? null,
  };
  return {
    date: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    phases: [...options.phases],
    seed: options.seed,
    ...(options.maxRate === undefined ? {} : { maxRate: options.maxRate }),
    runSeconds: Math.round((Date.now() - started) / 1000),
    machine: machineInfo(loadAverageStart),
    ...headline,
    goals: evaluateGoals(headline),
    ...m,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
