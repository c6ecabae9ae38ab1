import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { measureEventStore } from './phases/event-store';
import { measureLag } from './phases/lag';
import { profileRegistration } from './phases/profile';
import { measureRebuild } from './phases/rebuild';
import { measureRegistration } from './phases/registration';
import { measureSegmentation } from './phases/segmentation';
import { measureUpdates } from './phases/updates';
import { renderMarkdown } from './report/markdown';
import { type BenchResults, evaluateGoals, machineInfo } from './report/results';
import type { HttpChild } from './support/child-process';
import { parseOptions } from './support/options';
import { orderTemplates } from '@orders/demo-data';
import { RssSampler } from './support/rss-sampler';
import { newTempDir, prepareServiceBinary, ROOT, startCeilingServer, startOrdersService } from './support/service';
import { ratio, round } from './support/stats';

const log = (message: string): void => void process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const command = `npm run bench${options.quick ? ' -- --quick' : ''}`;
  const started = Date.now();
  const loadAverageStart = round(loadavg()[0]!);
  log(`${options.quick ? 'quick' : 'full'} mode, seed ${options.seed}`);
  const binary = prepareServiceBinary(options.build);
  const templates = orderTemplates(options.seed, 1000);
  const lines = templates.map((t) => t.lines);

  const dataDir = newTempDir('data');
  let service: HttpChild | undefined;
  let ceiling: HttpChild | undefined;
  try {
    service = await startOrdersService(binary, dataDir);
    ceiling = await startCeilingServer();
    const memory = new RssSampler(service.pid);
    log(`1–2. ceiling (bare Fastify) and registration through the service, ${options.rounds} interleaved rounds`);
    memory.enter('register');
    const registration = await measureRegistration(service, ceiling, options, templates);
    await ceiling.stop();
    ceiling = undefined;
    log(`   ceiling ${registration.ceiling.rps} req/s; service ${registration.register.rps} req/s, p99 ${registration.register.p99Ms} ms`);
    log('3. command → read-model lag at half the max throughput');
    memory.enter('lag');
    const lag = await measureLag(service, options, templates, registration.register.rps);
    log(`   lag p50 ${lag.lagP50Ms} ms, p99 ${lag.lagP99Ms} ms (${lag.samples} samples)`);
    log('4. updates: replace and change-status');
    const updates = await measureUpdates(service, options, templates, registration.accepted, (name) => memory.enter(`update: ${name}`));
    log('7. segmentation queries');
    memory.enter('segmentation');
    const segmentation = await measureSegmentation(service, options);
    await service.stop();
    service = undefined;
    const rss = memory.stop();

    log('5. event store vs raw inserts');
    const eventStore = await measureEventStore(options, templates);
    log('6. projection rebuild vs raw scan');
    const rebuild = await measureRebuild(join(dataDir, 'events.sqlite'), options.quick ? 1 : 2);
    let profile: BenchResults['profile'] = { skipped: 'skipped (--no-profile)' };
    if (options.profile) {
      log('profile: node --cpu-prof under registration load');
      profile = await profileRegistration(binary, options, templates);
    }

    const { ceiling: ceilingLoad, register } = registration;
    const headline = {
      ceilingRps: ceilingLoad.rps,
      registerRps: register.rps,
      registerToCeilingRatio: ratio(register.rps, ceilingLoad.rps),
      registerP50Ms: register.p50Ms,
      registerP99Ms: register.p99Ms,
      lagP50Ms: lag.lagP50Ms,
      lagP99Ms: lag.lagP99Ms,
      appendRatioToRaw: Math.min(eventStore.sequential.ratioToRaw, eventStore.batched.ratioToRaw),
      rebuildRatioToRaw: rebuild.ratioToRaw,
      peakRssMb: rss.peakMb,
    };
    const results: BenchResults = {
      date: new Date().toISOString(),
      mode: options.quick ? 'quick' : 'full',
      seed: options.seed,
      runSeconds: Math.round((Date.now() - started) / 1000),
      machine: machineInfo(loadAverageStart),
      ...headline,
      registerToCeilingCpuRatio:
        registration.ceilingCpuMsPerRequest && registration.registerCpuMsPerRequest
          ? ratio(registration.ceilingCpuMsPerRequest, registration.registerCpuMsPerRequest)
          : null,
      cpuMsPerRequest: { ceiling: registration.ceilingCpuMsPerRequest, register: registration.registerCpuMsPerRequest },
      goals: evaluateGoals(headline),
      ceiling: ceilingLoad,
      rounds: registration.rounds,
      register: {
        ...register,
        ordersAccepted: registration.accepted.length,
        orderLines: { min: Math.min(...lines), max: Math.max(...lines), mean: round(lines.reduce((a, b) => a + b, 0) / lines.length) },
      },
      lag,
      updates,
      eventStore,
      rebuild,
      segmentation,
      memory: { peakRssMb: rss.peakMb, peakRssMbByPhase: rss.byPhase },
      profile,
    };
    const out = join(ROOT, 'bench/results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(out, 'latest.md'), renderMarkdown(results, command));
    log(`done in ${results.runSeconds} s: bench/results/latest.md and latest.json`);
    for (const goal of results.goals) log(`   ${goal.met ? 'met    ' : 'not met'} ${goal.goal}: ${goal.value} (goal ${goal.target})`);
  } finally {
    await ceiling?.stop();
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
