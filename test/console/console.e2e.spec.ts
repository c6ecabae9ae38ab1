import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { API_KEYS_FILE, SqliteApiKeyStore } from '@orders/api-keys';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-run';
import { type Client, client, TEST_ADMIN_API_KEY } from '../support/http';
import { fullOrder, minimalOrder } from '../support/orders';
import { newDataDir, removeDataDir, type ServiceHandle, startService } from '../support/service-process';
import { CHROMIUM, collectErrors, hasChromium, launchChromium, shot } from './browser';

/**
 * The console (issue 17) in a real headless browser against the built service on demo data plus a
 * contact of its own with two orders (one with every field, a status change and an action): enter a
 * key, find the contact, open an order, read its timeline and view an earlier version, build and save
 * a segment, the operations page, a phone-width page, and a read-only key that sees no write controls.
 * Screenshots go to test-results/console/.
 */
if (!hasChromium) console.warn(`console e2e skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const CONTACT = 'console-ada';
const EMAIL = 'ada.console@example.com';
const ORDER = 'console-order-1';
const DELETED = 'console-order-deleted';

let dataDir: string;
let service: ServiceHandle;
let api: Client;
let readerKey: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let receiver: Server;
let receiverUrl: string;

async function done(answer: { status: number; headers: Headers; body: unknown }) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  const job = await api.waitForJob(answer.headers.get('location')!);
  expect(job.status, JSON.stringify(job.body)).toBe(302);
}

async function newPage(): Promise<Page> {
  const tab = await context.newPage();
  tab.setDefaultTimeout(10_000);
  return tab;
}

async function signIn(tab: Page, key: string) {
  await tab.goto(`${service.url}/console/`);
  // keyboard only: focus the labelled field, type, Enter
  await tab.getByLabel('API key').focus();
  await tab.keyboard.type(key);
  await tab.keyboard.press('Enter');
}

// inside evaluate(): `globalThis as any`, as the root tsconfig (Node) has no DOM types and a string would be an eval the CSP refuses
const text = async (tab: Page, selector: string) => ((await tab.locator(selector).first().textContent()) ?? '').trim();
/** Waits until the first element of `selector` reads `expected`. */
const waitText = (tab: Page, selector: string, expected: string) =>
  tab.waitForFunction(([s, e]) => (globalThis as any).document.querySelector(s)?.textContent?.trim() === e, [selector, expected] as const);

describe.skipIf(!hasChromium)('the console in a browser', () => {
  beforeAll(async () => {
    dataDir = newDataDir();
    const run = await runCliInProcess({ DATA_DIR: dataDir }, 'demo', 'load', '--orders', '40', '--no-progress');
    expect(run, run.err).toMatchObject({ code: 0 });
    const keys = SqliteApiKeyStore.open(join(dataDir, API_KEYS_FILE));
    readerKey = (await keys.create('console-reader', ['orders:read', 'contacts'])).key;
    await keys.close();
    // an automation receiver on 127.0.0.1 (allowed by AUTOMATION_ALLOW_LOCAL_NETWORK): the action's trigger shows on the timeline
    receiver = createServer((request, response) => request.resume().on('end', () => response.writeHead(204).end()));
    await new Promise<void>((ready) => receiver.listen(0, '127.0.0.1', ready));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    service = await startService({ dataDir, env: { AUTOMATION_ALLOW_LOCAL_NETWORK: 'true' } });
    api = client(service.url);
    expect(
      (await api.put(`/api/v3/contacts/${CONTACT}`, { email: EMAIL, firstName: 'Ada', lastName: 'Lovelace', memberNumber: 'M-ADA' }))
        .status,
    ).toBe(201);
    expect(
      (await api.put('/api/v3/articles/SHIRT-RED-M', { name: 'Red shirt', attributes: { brand: 'Arctic Line', colour: 'Red' } })).status,
    ).toBe(201);
    await done(
      await api.post(
        '/api/v3/orders',
        minimalOrder('console-order-0', CONTACT, { currencyCode: 'EUR', createdAt: '2026-10-01T09:00:00Z' }),
      ),
    );
    await done(await api.post('/api/v3/orders', fullOrder(ORDER, CONTACT)));
    await done(await api.post(`/api/v3/orders/${ORDER}/change-status`, { status: 'Completed' }));
    expect((await api.post('/api/v3/automations/endpoints', { url: receiverUrl, secret: 'console-test-secret-0001' })).status).toBe(201);
    const versionTag = (await api.get(`/api/v3/orders/${ORDER}`)).body.versionTag;
    await done(await api.post(`/api/v3/orders/${ORDER}/action`, { action: 'ConfirmDelivery', versionTag, language: 'en-GB' }));
    for (let tries = 0; ; tries++) {
      const deliveries = (await api.get(`/api/v3/automations/deliveries?orderId=${ORDER}`)).body;
      if (deliveries.items[0]?.state === 'delivered') break;
      if (tries > 100) throw new Error(`trigger not delivered: ${JSON.stringify(deliveries)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await done(await api.post('/api/v3/orders', minimalOrder(DELETED, CONTACT)));
    const deleting = await api.delete(`/api/v3/orders/${DELETED}`);
    expect(deleting.status).toBe(202);
    expect((await api.waitForJob(deleting.headers.get('location')!)).body.status).toBe('Completed');
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await newPage();
    errors = collectErrors(page);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    receiver?.close();
    if (dataDir) removeDataDir(dataDir);
  });

  it('takes the key with the keyboard, keeps it in sessionStorage and never in the URL', async () => {
    await page.goto(`${service.url}/console/`);
    await shot(page, 'key-entry');
    await signIn(page, TEST_ADMIN_API_KEY);
    await page.getByRole('heading', { name: 'Find' }).waitFor();
    expect(await page.evaluate(() => Object.values((globalThis as any).sessionStorage))).toContain(TEST_ADMIN_API_KEY);
    expect(page.url()).not.toContain(TEST_ADMIN_API_KEY);
    await page.getByRole('heading', { name: 'Recent orders' }).waitFor();
    await page.locator('#recent-heading ~ div table tbody tr').first().waitFor();
    await shot(page, 'find');
  });

  it('finds a contact by e-mail (any case) and shows its figures and orders', async () => {
    await page.selectOption('#find-contact-by', 'email');
    await page.getByLabel('Contact key').fill(EMAIL.toUpperCase());
    await page.getByRole('button', { name: 'Find contact' }).click();
    await page.getByRole('link', { name: CONTACT, exact: true }).click();
    await page.getByRole('heading', { name: `Contact ${CONTACT}` }).waitFor();
    await waitText(page, '[data-figure=orders]', '2');
    expect(await text(page, '[data-figure=completed]')).toBe('1');
    const rows = page.locator('#orders-heading ~ div table tbody tr');
    await rows.nth(1).waitFor();
    // newest createdAt first: the full order (2026-11-20) before the EUR one (2026-10-01)
    expect(await rows.nth(0).locator('td').first().textContent()).toBe(ORDER);
    expect(await rows.nth(0).textContent()).toContain('SEK');
    expect(await rows.nth(1).textContent()).toContain('€');
    expect(await page.locator('#register-heading ~ dl').textContent()).toContain('Lovelace');
    await shot(page, 'contact');
  });

  it('opens the order: lines with register names, the return, tracking link, references, versionTag and ETag', async () => {
    await page.getByRole('link', { name: ORDER, exact: true }).click();
    await page.getByRole('heading', { name: `Order ${ORDER}` }).waitFor();
    const current = await api.get(`/api/v3/orders/${ORDER}`);
    await waitText(page, '[data-field=versionTag]', current.body.versionTag);
    expect(await text(page, '[data-field=etag]')).toBe(current.headers.get('etag'));
    const lines = await page.locator('table.lines').textContent();
    expect(lines).toContain('Red shirt');
    expect(lines).toContain('brand: Arctic Line');
    expect(lines).toContain('not in the article register');
    expect(await page.locator('tr.return-line').textContent()).toContain('Complaint: Hole in the heel');
    expect(await page.getByRole('link', { name: 'TRK-1' }).getAttribute('href')).toBe('https://track.example/TRK-1');
    expect(await page.getByRole('link', { name: 'earlier-order-1' }).getAttribute('href')).toBe('#/order/earlier-order-1');
    expect(await page.locator('.warnings').textContent()).toContain('ARTICLE_MISSING');
    await shot(page, 'order');
  });

  it('reads the timeline and views the order as it was before the status change', async () => {
    const history = await api.get(`/api/v3/orders/${ORDER}/history`);
    await page.getByRole('link', { name: 'Timeline' }).click();
    const changed = page.locator('.timeline-entry[data-type=OrderStatusChanged]');
    await changed.waitFor();
    expect(await page.locator('.timeline-entry').count()).toBe(history.body.totalCount);
    const changeText = await changed.textContent();
    expect(changeText).toMatch(/changed\s*status\s*InProgress\s*→\s*Completed/);
    expect(changeText).toContain('admin');
    expect(changeText).toContain(history.body.items[1].correlationId);
    expect(await page.locator('.timeline-entry[data-type=OrderActionRequested]').textContent()).toMatch(
      /Action\s*ConfirmDelivery\s*\(en-GB\)/,
    );
    expect(await page.locator('.timeline-entry[data-type=OrderActionRequested] .triggers').textContent()).toMatch(
      /trigger to endpoint .*: delivered, 1 attempt/,
    );
    await shot(page, 'timeline');
    await page.locator('.timeline-entry[data-revision="0"]').getByRole('link', { name: 'View the order as it was here' }).click();
    await waitText(page, '[data-field=versionTag]', history.body.items[0].versionTag);
    expect(await page.locator('.version-note').textContent()).toContain(history.body.items[0].versionTag);
    expect(await page.locator('.order-header .badge').first().textContent()).toBe('InProgress');
    await shot(page, 'order-earlier-version');
  });

  it('builds a segment with the form, shows the counts the API gives, saves and reopens it', async () => {
    const lineFilter = { line: { field: 'article.brand', op: 'eq', value: 'Arctic Line' } };
    const expected = (
      await api.post('/api/v3/segments/query', { filter: { all: [{ field: 'status', op: 'eq', value: 'Completed' }, lineFilter] } })
    ).body;
    expect(expected.orderCount).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Segments' }).click();
    const completed = (await api.post('/api/v3/segments/query', { filter: { field: 'status', op: 'eq', value: 'Completed' } })).body;
    await waitText(page, '[data-figure=orderCount]', completed.orderCount.toLocaleString('en-GB'));
    await page.getByRole('button', { name: '+ line block' }).click();
    const line = page.locator('.line-block .seg-condition').first();
    await line.getByLabel('Field').selectOption('article.');
    await line.getByLabel('Article attribute').fill('brand');
    await line.getByLabel('Value').fill('Arctic Line');
    await waitText(page, '[data-figure=orderCount]', expected.orderCount.toLocaleString('en-GB'));
    await waitText(page, '[data-figure=contactCount]', expected.contactCount.toLocaleString('en-GB'));
    expect(await page.locator('#answer-heading ~ table tbody tr').count()).toBe(Math.min(10, expected.contactCount));
    await page.getByLabel('Name').fill('Arctic Line buyers');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL(/#\/segments\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Arctic Line buyers' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Edit segment' }).waitFor();
    await waitText(page, '[data-figure=orderCount]', expected.orderCount.toLocaleString('en-GB'));
    expect(await page.locator('.line-block input[id$=-attr]').inputValue()).toBe('brand');
    await page.locator('[aria-busy=true]').waitFor({ state: 'detached' });
    await shot(page, 'segments');
  });

  it('shows the operations page to an admin key: projections, dead letters, endpoints', async () => {
    await page.getByRole('link', { name: 'Operations' }).click();
    await page.locator('#projections-heading ~ div table tbody tr').first().waitFor();
    expect(await page.locator('#projections-heading ~ div table').textContent()).toMatch(/caught up|behind/);
    await page.getByText('No dead letters.').waitFor();
    await page.getByText(receiverUrl).waitFor();
    await shot(page, 'operations');
  });

  it('shows every API error with its code and detail, and a deleted order keeps its timeline', async () => {
    await page.goto(`${service.url}/console/#/order/${DELETED}`);
    const problem = page.locator('.problem[data-code=ORDER_NOT_FOUND]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('404');
    await page.getByRole('link', { name: 'open the timeline' }).click();
    await page.locator('.timeline-entry[data-type=OrderDeleted]').waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('This order is deleted');
    await page.locator('.timeline-entry[data-revision="0"]').getByRole('link', { name: 'View the order as it was here' }).click();
    await page.locator('[data-field=versionTag]').waitFor();
    expect(await text(page, '.order-header [data-field=totalPrice]')).toMatch(/100/);
  });

  it('fits a phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${service.url}/console/#/contact/${CONTACT}`);
    await waitText(page, '[data-figure=orders]', '2');
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'contact-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('loads under the service CSP without errors', () => {
    expect(errors).toEqual([]);
  });

  it('refuses a wrong key with its code', async () => {
    const tab = await browser.newPage();
    tab.setDefaultTimeout(10_000);
    await signIn(tab, 'not-a-valid-key-0000000000');
    await tab.locator('.problem[data-code=UNAUTHORIZED]').waitFor();
    await tab.close();
  });

  it('shows a read-only key no write controls, and says what its scopes do not allow', async () => {
    const readerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await readerContext.newPage();
    tab.setDefaultTimeout(10_000);
    await signIn(tab, readerKey);
    await tab.getByRole('heading', { name: 'Find' }).waitFor();
    const nav = await tab.getByRole('navigation', { name: 'Main' }).textContent();
    expect(nav).not.toContain('Segments');
    expect(nav).not.toContain('Operations');
    for (const [hash, scope] of [
      ['#/segments', 'segments'],
      ['#/operations', 'admin'],
    ] as const) {
      await tab.goto(`${service.url}/console/${hash}`);
      await tab.locator('.scope-note', { hasText: scope }).waitFor();
      expect(await tab.getByRole('button', { name: /save|delete|retry/i }).count()).toBe(0);
    }
    await tab.goto(`${service.url}/console/#/order/${ORDER}/timeline`);
    await tab.locator('.timeline-entry').first().waitFor();
    await tab.locator('.scope-note', { hasText: 'automations' }).waitFor();
    expect(await tab.getByRole('button', { name: /save|delete|retry/i }).count()).toBe(0);
    await shot(tab, 'read-only-key');
    await readerContext.close();
  });
});
