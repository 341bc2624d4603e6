// The web console in Debian's headless Chromium (playwright-core, no browser download) against
// real Herald nodes started from target/herald.jar. Saves screenshots to docs/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startNode, adminToken, serviceToken } from '../clients/js/test/node.js';

const docs = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs');
const WAIT = { timeout: 15000 };
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser.close(); });

async function openConsole(node, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${node.httpUrl}/`);
  return page;
}

test('demo mode: connect with the offered token, subscribe, publish from the page and over HTTP', async () => {
  const node = await startNode({ demo: true });
  const page = await openConsole(node);
  try {
    await page.locator('#demo-hint').waitFor({ state: 'visible', ...WAIT });
    const demo = await (await fetch(`${node.httpUrl}/v1.0/demo`)).json();
    assert.equal(await page.inputValue('#token'), demo.admin);

    await page.click('#connect');
    await page.locator('#state', { hasText: 'connected' }).waitFor(WAIT);
    await page.click('#subscribe'); // the topic field offers "call"
    await page.locator('#subscriptions li', { hasText: `customer_id:${demo.customer}:call` }).waitFor(WAIT);

    await page.fill('#event-data', '{"status":"ringing","from":"page"}');
    await page.click('#publish');
    await page.locator('#publish-result', { hasText: 'Accepted' }).waitFor(WAIT);
    await page.locator('#log li', { hasText: demo.topic }).first().waitFor(WAIT);

    const status = await node.publish(demo.service, { type: 'call_ended', topic: demo.topic, data: { from: 'http' } });
    assert.equal(status, 202);
    await page.locator('#log li .type', { hasText: 'call_ended' }).waitFor(WAIT);
    // Newest first; expanding an entry shows its JSON.
    assert.equal(await page.locator('#log li .type').first().textContent(), 'call_ended');
    await page.locator('#log li summary').first().click();
    await page.locator('#log li pre', { hasText: '"from": "http"' }).waitFor(WAIT);

    // A refused subscription is explained in words.
    await page.fill('#topic', `customer_id:${randomUUID()}:call`);
    await page.press('#topic', 'Enter');
    await page.locator('#errors li', { hasText: 'PERMISSION_DENIED' }).waitFor(WAIT);
    assert.match(await page.locator('#errors li').first().textContent(), /may not read that topic/);

    // Filtering by type hides the others.
    await page.fill('#filter', 'call_ended');
    assert.equal(await page.locator('#log li').count(), 1);
    await page.fill('#filter', '');
    await page.screenshot({ path: path.join(docs, 'console.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(docs, 'console-phone.png'), fullPage: true });
  } finally {
    await page.close();
    await node.stop();
  }
});

test('a bad token is explained, and the console does not retry', async () => {
  const node = await startNode();
  const page = await openConsole(node);
  try {
    await page.fill('#token', adminToken('some-other-secret-0123456789-abcdefghij', randomUUID()));
    await page.click('#connect');
    await page.locator('#state', { hasText: 'not connected' }).waitFor(WAIT);
    await page.locator('#errors li', { hasText: 'INVALID_CREDENTIALS' }).waitFor(WAIT);
    assert.equal(await page.locator('#connect').isEnabled(), true);
  } finally {
    await page.close();
    await node.stop();
  }
});

test('a node restart: the console reconnects and subscribes again by itself', async () => {
  const first = await startNode();
  const customer = randomUUID();
  const page = await openConsole(first);
  let second;
  try {
    await page.fill('#token', adminToken(first.secret, customer));
    await page.click('#connect');
    await page.locator('#state', { hasText: 'connected' }).waitFor(WAIT);
    await page.fill('#topic', 'call');
    await page.press('#topic', 'Enter');
    await page.locator('#subscriptions li', { hasText: `customer_id:${customer}:call` }).waitFor(WAIT);

    await first.stop();
    await page.locator('#state', { hasText: 'reconnecting' }).waitFor(WAIT);
    second = await startNode({ port: first.port, secret: first.secret });
    await page.locator('#state', { hasText: /^connected$/ }).waitFor({ timeout: 45000 });
    const topic = `customer_id:${customer}:call:${randomUUID()}`;
    const service = serviceToken(second.secret);
    // The re-subscription is acknowledged shortly after the open: publish until the event shows.
    for (let i = 0; i < 50 && (await page.locator('#log li', { hasText: topic }).count()) === 0; i++) {
      assert.equal(await second.publish(service, { type: 'call_updated', topic, data: {} }), 202);
      await page.waitForTimeout(200);
    }
    await page.locator('#log li', { hasText: topic }).first().waitFor(WAIT);
  } finally {
    await page.close();
    if (second) await second.stop();
  }
});
