#!/usr/bin/env node
// Issue 15 point 4: what the worst bodies of at most 1 MiB cost the service. Starts the built service
// (dist/apps/orders-service/main.js, or --main <file>) on an empty data directory, sends each body
// `--repeat` times (default 10) one after another, and prints per body: the answer's status, code and
// size, the service process's CPU per request (all threads: utime + stime of /proc/<pid>/stat), and how
// much its peak RSS (VmHWM) grew. A bench phase can call measureBadInput({ url, pid }) itself.
//
//   node scripts/measure-bad-input.mjs [--main dist/apps/orders-service/main.js] [--repeat 10] [--json]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ADMIN_KEY = 'measure-bad-input-key-0123456789';
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

const empties = (count) => Array.from({ length: count }, () => '{}').join(',');
const keys = (count) => Array.from({ length: count }, (_, i) => `"k${i}":0`).join(',');
const order = (extra) =>
  `{"orderId":"bad-1","contact":{"matchKey":"c-1","matchKeyType":"ContactId"},"status":"InProgress","currencyCode":"SEK",` +
  `"totalPrice":1,"lineItems":{"items":[{"quantity":1,"article":{"sku":"S"},"totalPrice":1}]}${extra}}`;
const line = '{"quantity":1,"article":{"sku":"S"},"totalPrice":1';

/** The worst bodies (each ≤ 1 MiB), by name, as JSON text; `valid order` is the yardstick. */
export function badBodies() {
  return {
    'valid order (yardstick)': order(''),
    '250,000 empty line items': order('').replace(/"lineItems":\{.*\]\}/, `"lineItems":{"items":[${empties(250_000)}]}`),
    '250,000 empty payments': order(`,"payments":{"items":[${empties(250_000)}]}`),
    "250,000 empty taxes in a line's taxes.items": order('').replace(
      /"lineItems":\{.*\]\}/,
      `"lineItems":{"items":[${line},"taxes":{"items":[${empties(250_000)}]}}]}`,
    ),
    '10,000 empty line items': order('').replace(/"lineItems":\{.*\]\}/, `"lineItems":{"items":[${empties(10_000)}]}`),
    '60,000 unknown keys': `{${keys(60_000)}}`,
    '60,000 keys in orderAction.data': order(`,"orderAction":{"action":"ConfirmOrder","data":{${keys(60_000)}}}`),
    '1,000 unknown keys in each of 60 payments': order(
      `,"payments":{"items":[${Array.from({ length: 60 }, () => `{${keys(1000)}}`).join(',')}]}`,
    ),
    '1,000 empty lines (3,000 failures)': order('').replace(/"lineItems":\{.*\]\}/, `"lineItems":{"items":[${empties(1000)}]}`),
    '200,000 levels of nesting': '['.repeat(200_000) + ']'.repeat(200_000),
  };
}

const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND; // utime, stime
};
const statusKb = (pid, key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

async function send(url, text, apiKey) {
  const response = await fetch(`${url}/api/v3/orders`, {
    method: 'POST',
    headers: { apikey: apiKey, 'content-type': 'application/json' },
    body: text,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  let code;
  try {
    code = JSON.parse(bytes.toString('utf8')).code;
  } catch {
    code = undefined;
  }
  return { status: response.status, bytes: bytes.length, code };
}

/** Measures every bad body against a running service (its process id gives CPU and RSS). */
export async function measureBadInput({ url, pid, apiKey = ADMIN_KEY, repeat = 10, bodies = badBodies() }) {
  const results = [];
  for (const [name, text] of Object.entries(bodies)) {
    await send(url, text, apiKey); // warm-up (and the first answer of a valid order is a 202, later ones 409)
    const hwmBefore = statusKb(pid, 'VmHWM');
    const cpuBefore = cpuMs(pid);
    let last;
    for (let i = 0; i < repeat; i++) last = await send(url, text, apiKey);
    results.push({
      body: name,
      bodyBytes: Buffer.byteLength(text),
      status: last.status,
      code: last.code ?? '',
      answerBytes: last.bytes,
      cpuMsPerRequest: Math.round(((cpuMs(pid) - cpuBefore) / repeat) * 10) / 10,
      peakRssGrowthMb: Math.round((statusKb(pid, 'VmHWM') - hwmBefore) / 102.4) / 10,
      rssMb: Math.round(statusKb(pid, 'VmRSS') / 102.4) / 10,
    });
  }
  return results;
}

async function startService(main) {
  const dataDir = mkdtempSync(join(tmpdir(), 'measure-bad-input-'));
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: ADMIN_KEY,
      RATE_LIMIT_PER_SECOND: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise((done, fail) => {
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (match) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`the service exited (${code}): ${err}`)));
  });
  return { url, child, dataDir };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { main: { type: 'string' }, repeat: { type: 'string' }, json: { type: 'boolean' } } });
  const main = resolve(values.main ?? 'dist/apps/orders-service/main.js');
  const { url, child, dataDir } = await startService(main);
  try {
    const results = await measureBadInput({ url, pid: child.pid, repeat: Number(values.repeat ?? 10) });
    if (values.json) console.log(JSON.stringify(results, null, 2));
    else console.table(results);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
