/**
 * The packed extension in real VS Code: code-server with the .vsix installed, driven by
 * playwright-core in Debian's chromium. Needs `npm run package` (the .vsix with the server in it);
 * npm run test:e2e does it. Saves the panel screenshots under docs/screenshots/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { TIMEOUT, Workbench, waitProgress } from './workbench';
import { exampleNote, repoRoot, waitFor } from './support';

const screenshots = path.join(repoRoot, 'docs', 'screenshots');
let wb: Workbench;
let page: Page;
const command = (title: string) => wb.command(title);
const openFile = (name: string) => wb.openFile(name);
const goToLine = (line: number) => wb.goToLine(line);
const cursorLine = () => wb.cursorLine();
const reviewFrame = () => wb.reviewFrame();

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
    wb = await Workbench.open(settings);
    page = wb.page;
  });

  after(async () => {
    await wb?.close();
  });

  test('the example note shows its errors in the Problems count', async () => {
    await openFile('misalignment.md');
    const label = await wb.waitForErrors();
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
    // "11 of 11": the server's card hover (the problem's own hover names no position).
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /\b11 of 11\b/ }).first();
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
    await shoot('review-problem.png');
    await frame.getByRole('button', { name: /^Remembered/ }).click();
    await waitProgress(frame, 'Again: 1 of 1');
    await frame.getByRole('button', { name: /^Show Answer/ }).click();
    await frame.getByRole('button', { name: /^Remembered/ }).click();
    await waitProgress(frame, '1 of 11 remembered');
    await frame.locator('.forgotten a').first().click();
    await waitFor('the cursor on the forgotten card\'s line', async () => ((await cursorLine()) === 144 ? true : undefined), TIMEOUT);
  });

  test('the "Review N prompts" code lens opens the panel on its block', async () => {
    // The lens sits above the first block's opening tag; the editor draws only the lines in view.
    await goToLine(fs.readFileSync(exampleNote, 'utf8').split('\n').findIndex((l) => l.includes('orbit_review')) + 2);
    const lens = page.locator('.codelens-decoration a', { hasText: /^Review 4 prompts$/ }).first();
    await lens.waitFor({ state: 'visible', timeout: TIMEOUT });
    await lens.click();
    await waitProgress(await reviewFrame(), '1 of 4');
  });

  test('the panel renders math, grades with the keyboard and summarises (screenshots)', async () => {
    await openFile('review-demo.md');
    await goToLine(9);
    await command('Orbit: Review This Block');
    const frame = await reviewFrame();
    await waitProgress(frame, '1 of 3');
    // Proves the console listener hears the panel's frame, so an empty list below means something.
    await frame.evaluate(() => console.log('Refused to probe: console capture works'));
    await waitFor('the console probe', () => (wb.cspMessages.some((m) => m.includes('probe')) ? true : undefined), TIMEOUT);
    wb.cspMessages.length = 0;
    await frame.locator('.question .katex').first().waitFor({ state: 'visible' });
    await shoot('review-question.png');
    // No click: the panel takes the keyboard focus when it opens.
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
    assert.deepEqual(wb.cspMessages, [], 'the panel breaks none of its Content-Security-Policy');
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
    assert.deepEqual(wb.dialogs, []);
    assert.deepEqual(wb.cspMessages.filter((m) => !/example\.com/.test(m)), []);
  });
});
