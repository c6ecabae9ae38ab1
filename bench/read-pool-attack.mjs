// The attack of issue 15 point 3, measured (not a test): while ATTACKERS clients, each with its own API key,
// send `any` of 64 line conditions `sku contains <255 chars>` back to back, how long does a GET of one order
// take? Starts the built service (npm run build) on a prepared data directory, e.g.
//   DATA_DIR=/tmp/rp-data npm run cli -- demo load --orders 30000 --no-progress
//   node bench/read-pool-attack.mjs --data-dir=/tmp/rp-data --pool-size=2      # the read pool
//   node bench/read-pool-attack.mjs --data-dir=/tmp/rp-data --pool-size=0      # on the request thread (before)
// Prints one JSON line: GET latency alone and during the attack (p50/p99/max), the attack queries' outcomes.
import { spawn, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'pool-size': { type: 'string', default: '2' },
    'budget-ms': { type: 'string', default: '2000' },
    attackers: { type: 'string', default: '4' },
    gets: { type: 'string', default: '300' },
    order: { type: 'string', default: 'demo-1-1' },
  },
});
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('--data-dir is required');
const ADMIN = 'read-pool-attack-admin-key-0123456789';
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };

const attackerKeys = Array.from({ length: Number(values.attackers) }, (_, n) => {
  const name = `attacker-${Date.now().toString(36)}-${n}`;
  const out = execFileSync(
    process.execPath,
    [join(ROOT, 'dist/apps/orders-cli/main.js'), 'keys', 'create', '--name', name, '--scopes', 'segments'],
    { env },
  );
  return out.toString().trim().split('\n').at(-1);
});

const service = spawn(process.execPath, [join(ROOT, 'dist/apps/orders-service/main.js')], {
  env: {
    ...env,
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_API_KEY: ADMIN,
    RATE_LIMIT_PER_SECOND: '0',
    READY_MAX_LAG: '0',
    READ_POOL_SIZE: values['pool-size'],
    SEGMENT_QUERY_BUDGET_MS: values['budget-ms'],
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
const url = await new Promise((done, fail) => {
  service.stderr.on('data', (chunk) => {
    stderr += chunk;
    const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stderr);
    if (match) done(match[1]);
  });
  service.once('exit', (code) => fail(new Error(`service exited ${code}: ${stderr}`)));
});

/** a connection the service dropped (a request waiting past 2 × REQUEST_TIMEOUT_MS) counts as status 'reset' */
const call = async (method, path, key, body) => {
  const started = performance.now();
  try {
    const response = await fetch(url + path, {
      method,
      headers: { apikey: key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, ms: performance.now() - started, body: text };
  } catch (error) {
    return { status: 'reset', ms: performance.now() - started, body: JSON.stringify({ code: String(error.cause?.code ?? error) }) };
  }
};
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (samples) => {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const round = (x) => Math.round(x * 10) / 10;
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)) };
};
const gets = async (n) => {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const answer = await call('GET', `/api/v3/orders/${values.order}`, ADMIN);
    if (answer.status !== 200 && answer.status !== 'reset') throw new Error(`GET answered ${answer.status}: ${answer.body}`);
    samples.push(answer);
  }
  return samples;
};

for (let ready = 0; (await fetch(`${url}/health/ready`)).status !== 200; ready++) {
  if (ready > 600) throw new Error('not ready after 5 min');
  await new Promise((r) => setTimeout(r, 500));
}
const attack = {
  filter: {
    any: Array.from({ length: 64 }, (_, i) => ({
      line: { field: 'sku', op: 'contains', value: String.fromCharCode(97 + (i % 26)).repeat(255) },
    })),
  },
};
await gets(50); // warm-up
const alone = summary(await gets(Number(values.gets)));
const single = await call('POST', '/api/v3/segments/query', attackerKeys[0], attack);

let attacking = true;
const outcomes = [];
const attackers = attackerKeys.map(async (key) => {
  while (attacking) outcomes.push(await call('POST', '/api/v3/segments/query', key, attack));
});
await new Promise((r) => setTimeout(r, 300));
const duringSamples = await gets(Number(values.gets));
const during = { ...summary(duringSamples), resets: duringSamples.filter((sample) => sample.status === 'reset').length };
attacking = false;
await Promise.all(attackers);
const statuses = {};
for (const outcome of outcomes) statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
console.log(
  JSON.stringify({
    poolSize: Number(values['pool-size']),
    budgetMs: Number(values['budget-ms']),
    attackers: attackerKeys.length,
    getAlone: alone,
    singleAttack: { status: single.status, ms: Math.round(single.ms), code: JSON.parse(single.body).code },
    getDuringAttack: during,
    attackQueries: { statuses, ...summary(outcomes) },
  }),
);
service.kill('SIGTERM');
