/**
 * The packed extension in real VS Code: code-server with the .vsix installed, driven by
 * playwright-core in Debian's chromium. Needs `npm run package` (the .vsix with the server in it);
 * npm run test:e2e does it. Saves the panel screenshots under docs/screenshots/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { repoRoot, waitFor } from './support';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshots = path.join(repoRoot, 'docs', 'screenshots');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);

let codeServer: RunningCodeServer;
let browser: Browser;
let page: Page;
/** Console messages about the Content-Security-Policy, from the workbench and every webview frame. */
const cspMessages: string[] = [];
const dialogs: string[] = [];

/** Runs a command from the palette; `opensInput` for commands that show their own quick input. */
async function command(title: string, opensInput = false): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  if (!opensInput) await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function openFile(name: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ state: 'visible' });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

/** Moves the cursor to a 1-based line and waits until the status bar says so. */
async function goToLine(line: number): Promise<void> {
  await command('Go to Line/Column...', true);
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await waitFor(`cursor on line ${line}`, async () => ((await cursorLine()) === line ? true : undefined), TIMEOUT);
}

async function cursorLine(): Promise<number | undefined> {
  const text = await page.locator('#status\\.editor\\.selection').textContent().catch(() => null);
  const m = /Ln (\d+)/.exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The frame of the Orbit review panel once its script has rendered into #app. */
async function reviewFrame(): Promise<Frame> {
  return waitFor('the review panel', async () => {
    for (const frame of page.frames()) {
      const ready = await frame.evaluate(() => document.querySelector('#app[aria-busy="false"]') !== null).catch(() => false);
      if (ready) return frame;
    }
    return undefined;
  }, TIMEOUT, 100);
}

async function progress(frame: Frame): Promise<string> {
  return (await frame.locator('#progress').textContent()) ?? '';
}

async function waitProgress(frame: Frame, expected: string): Promise<void> {
  await waitFor(`progress "${expected}"`, async () => ((await progress(frame)) === expected ? true : undefined), TIMEOUT);
}

/** ORBIT_E2E_THEME (e.g. "Default High Contrast") runs the test in another theme; its screenshots get a suffix. */
const theme = process.env.ORBIT_E2E_THEME;

async function shoot(name: string): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  if (theme) name = name.replace(/\.png$/, `-${theme.toLowerCase().replace(/\W+/g, '-')}.png`);
  const panel = page.locator('.part.editor .split-view-view').last();
  await panel.screenshot({ path: path.join(screenshots, name) });
}

describe('the extension in real VS Code (code-server + chromium)', { timeout: 300_000 }, () => {
  before(async () => {
    const settings: Record<string, unknown> = {};
    if (theme) settings['workbench.colorTheme'] = theme;
    if (process.env.ORBIT_E2E_SERVER_PATH) settings['orbitLsp.server.path'] = process.env.ORBIT_E2E_SERVER_PATH;
    codeServer = await startCodeServer(settings);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(TIMEOUT);
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) cspMessages.push(m.text());
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(codeServer.url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible' });
  });

  after(async () => {
    await browser?.close();
    await codeServer?.stop();
  });

  test('the example note shows its errors in the Problems count', async () => {
    await openFile('misalignment.md');
    const label = await waitFor('an error in the Problems count', async () => {
      const aria = (await page.locator('#status\\.problems a, #status\\.problems').first().getAttribute('aria-label').catch(() => null)) ?? '';
      const m = /Errors?: (\d+)/i.exec(aria);
      return m && Number(m[1]) >= 1 ? aria : undefined;
    }, TIMEOUT, 200);
    assert.match(label, /Errors?: [1-9]/i);
  });

  test('the status bar counts the prompts of the note', async () => {
    const text = await waitFor('the Orbit status bar item', async () => {
      const t = await page.locator('#orbitlsp\\.orbit-lsp\\.orbitLsp\\.prompts').textContent().catch(() => null);
      return t && /\d+ prompts/.test(t) ? t : undefined;
    }, TIMEOUT, 200);
    assert.match(text, /23 prompts/);
  });

  test('hovering the unanswered question shows its card', async () => {
    await goToLine(171);
    await command('Show or Focus Hover');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'mesa-optimizer' }).first();
    await hover.waitFor({ state: 'visible' });
    if (!theme) await page.screenshot({ path: path.join(screenshots, 'hover.png') });
    await page.keyboard.press('Escape');
  });

  test('Review This Block opens the panel on the block at the cursor; flip, grade, skip and summary work', async () => {
    await command('Orbit: Review This Block');
    const frame = await reviewFrame();
    await waitProgress(frame, '1 of 11');
    await frame.locator('.question').click();
    await page.keyboard.press('Space');
    await frame.locator('.answer').waitFor({ state: 'visible' });
    await page.keyboard.press('1');
    await waitProgress(frame, '2 of 11');
    for (let i = 2; i < 11; i++) await frame.getByRole('button', { name: /^Skip/ }).click();
    await waitProgress(frame, '11 of 11');
    const warning = frame.locator('.warning');
    await warning.waitFor({ state: 'visible' });
    assert.match((await warning.textContent()) ?? '', /OL001/);
    await frame.getByRole('button', { name: /^Show Answer/ }).click();
    await frame.locator('.answer .empty').waitFor({ state: 'visible' });
    await frame.getByRole('button', { name: /^Remembered/ }).click();
    await waitProgress(frame, 'Again: 1 of 1');
    await frame.getByRole('button', { name: /^Show Answer/ }).click();
    await frame.getByRole('button', { name: /^Remembered/ }).click();
    await waitProgress(frame, '1 of 11 remembered');
    await frame.locator('.forgotten a').first().click();
    await waitFor('the cursor on the forgotten card\'s line', async () => ((await cursorLine()) === 144 ? true : undefined), TIMEOUT);
  });

  test('the panel renders math, grades with the keyboard and summarises (screenshots)', async () => {
    await openFile('review-demo.md');
    await goToLine(9);
    await command('Orbit: Review This Block');
    const frame = await reviewFrame();
    await waitProgress(frame, '1 of 3');
    // Proves the console listener hears the panel's frame, so an empty list below means something.
    await frame.evaluate(() => console.log('Refused to probe: console capture works'));
    await waitFor('the console probe', () => (cspMessages.some((m) => m.includes('probe')) ? true : undefined), TIMEOUT);
    cspMessages.length = 0;
    await frame.locator('.question .katex').first().waitFor({ state: 'visible' });
    await shoot('review-question.png');
    await frame.locator('.question').click();
    await page.keyboard.press('Space');
    await frame.locator('.answer .katex').first().waitFor({ state: 'visible' });
    await shoot('review-answer.png');
    await page.keyboard.press('1');
    await waitProgress(frame, '2 of 3');
    await page.keyboard.press('Space');
    await frame.locator('.answer .katex-display').first().waitFor({ state: 'visible' });
    await page.keyboard.press('2');
    await waitProgress(frame, '3 of 3');
    await page.keyboard.press('Space');
    await frame.locator('.answer a[href="https://withorbit.com/"]').waitFor({ state: 'visible' });
    await page.keyboard.press('2');
    await waitProgress(frame, 'Again: 1 of 1');
    await page.keyboard.press('Space');
    await page.keyboard.press('2');
    await waitProgress(frame, '2 of 3 remembered');
    await frame.locator('.forgotten a').first().waitFor({ state: 'visible' });
    await shoot('review-summary.png');
    assert.deepEqual(cspMessages, [], 'the panel breaks none of its Content-Security-Policy');
  });

  test('hostile prompts show as typed: no script runs, no element is injected, nothing remote loads', async () => {
    await openFile('hostile.md');
    await command('Orbit: Review This Note');
    const frame = await reviewFrame();
    await waitProgress(frame, '1 of 5');
    const seen: string[] = [];
    for (let i = 1; i <= 5; i++) {
      await waitProgress(frame, `${i} of 5`);
      await frame.getByRole('button', { name: /^Show Answer/ }).click();
      await frame.locator('.answer').waitFor({ state: 'visible' });
      seen.push((await frame.locator('.card').textContent()) ?? '');
      const injected = await frame.evaluate(() => ({
        elements: document.querySelectorAll('.prompt script, .prompt img, .prompt svg, .prompt iframe, .prompt div, .prompt section, .prompt b').length,
        badLinks: Array.from(document.querySelectorAll('.prompt a')).filter((a) => !/^(https?:|mailto:)/.test(a.getAttribute('href') ?? '')).length,
        handlers: Array.from(document.querySelectorAll('.prompt *')).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on'))).length,
        scripts: document.querySelectorAll('#app script').length,
        title: document.title,
      }));
      assert.deepEqual(injected, { elements: 0, badLinks: 0, handlers: 0, scripts: 0, title: 'Orbit Review' });
      await frame.getByRole('button', { name: /^Remembered/ }).click();
    }
    await waitProgress(frame, '5 of 5 remembered');
    assert.match(seen[0], /<script>document\.title = "pwned"; alert\(1\)<\/script>/);
    assert.match(seen[0], /<img src=x onerror="alert\(1\)">/);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(cspMessages.filter((m) => !/example\.com/.test(m)), []);
  });
});
