import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, type ServiceHandle, startService } from './support/service-process';

/*
 * The README's walk-through, run as written: the bash block between the walkthrough markers is pasted
 * into `bash -euo pipefail` against the built service on an empty DATA_DIR, started with the admin key
 * the README tells the reader to start it with. It must exit 0 (its own `test` checks included) and
 * print the answers its comments show, so the README cannot drift from the service again.
 */

const README = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
const README_URL = 'http://127.0.0.1:3000';

function walkthroughBlock(): string {
  const section = /<!-- walkthrough:start -->\s*```bash\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(README);
  if (!section) throw new Error('README.md has no ```bash block between <!-- walkthrough:start --> and <!-- walkthrough:end -->');
  return section[1]!;
}

/** The key the README starts the service with (`ADMIN_API_KEY=… npm start`) and the block defaults to. */
function readmeAdminKey(): string {
  const key = /ADMIN_API_KEY=(\S+) DATA_DIR=\$\(mktemp -d\) npm start/.exec(README)?.[1];
  if (!key) throw new Error('README.md does not show `ADMIN_API_KEY=… DATA_DIR=$(mktemp -d) npm start`');
  return key;
}

/**
 * The answers the block's comments promise: whole-line comments that show an answer (`# {…}`, `# […]`,
 * `# 302 …`) and short inline comments after a command (`echo "$TAG0"   # 0-74cda31d`, a trailing
 * parenthesis being prose). `…` stands for anything.
 */
function promisedAnswers(block: string, url: string): RegExp[] {
  const answers: string[] = [];
  for (const line of block.split('\n')) {
    const whole = /^# ([{[].*|\d{3} .*)$/.exec(line);
    const inline = /\S\s{2,}# (\d{3}|etag: "[^"]+"|\d+-[0-9a-f]{8}|[A-Za-z0-9_-]{8,})(?: \(.*\))?$/.exec(line);
    const answer = whole?.[1] ?? inline?.[1];
    if (answer) answers.push(answer.replaceAll(README_URL, url));
  }
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return answers.map((answer) => new RegExp(`^${answer.split('…').map(escape).join('.*')}$`));
}

const run = (script: string, env: Record<string, string>): Promise<{ code: number; out: string; err: string }> =>
  new Promise((done) => {
    execFile('bash', ['-euo', 'pipefail', '-c', script], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, out, err) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }),
    );
  });

describe('README walk-through', () => {
  let service: ServiceHandle;
  const key = readmeAdminKey();

  beforeAll(async () => {
    for (const tool of ['curl', 'jq']) {
      try {
        execFileSync('sh', ['-c', `command -v ${tool}`]);
      } catch {
        throw new Error(`the README walk-through needs ${tool} on the PATH`);
      }
    }
    service = await startService({ env: { ADMIN_API_KEY: key } });
  });

  afterAll(async () => {
    if (!service) return;
    await service.stop();
    removeDataDir(service.dataDir);
  });

  it('runs as pasted on an empty data directory and prints the answers its comments show', async () => {
    const block = walkthroughBlock();
    const result = await run(block, { ORDERS_URL: service.url, ORDERS_API_KEY: key });
    const context = `exit ${result.code}\n--- stdout\n${result.out}\n--- stderr\n${result.err}\n--- service\n${service.output()}`;
    expect(result.code, context).toBe(0);
    expect(result.out.trimEnd().split('\n').at(-1), context).toBe('walk-through OK');

    const lines = result.out.split('\n');
    const promised = promisedAnswers(block, service.url);
    expect(promised.length).toBeGreaterThanOrEqual(15);
    for (const answer of promised)
      expect(
        lines.some((line) => answer.test(line)),
        `${answer} not printed\n${context}`,
      ).toBe(true);
  });

  it('uses the key the README starts the service with, and the README URL by default', () => {
    const block = walkthroughBlock();
    expect(block).toContain(`ORDERS_API_KEY=\${ORDERS_API_KEY:-${key}}`);
    expect(block).toContain(`ORDERS_URL=\${ORDERS_URL:-${README_URL}}`);
    expect(README).not.toMatch(/0-1a2b3c4d|"0-…"/);
  });
});
