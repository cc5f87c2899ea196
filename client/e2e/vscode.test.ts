/**
 * The packed extension in real VS Code: code-server with the .vsix installed, driven by
 * playwright-core in Debian's chromium. Needs `npm run package` (the .vsix with the server in it);
 * npm run test:e2e does it. Saves the panel screenshots under docs/screenshots/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { SUITE_TIMEOUT, Workbench, waitProgress } from './workbench';
import { exampleNote, repoRoot } from './support';

const screenshots = path.join(repoRoot, 'docs', 'screenshots');
let wb: Workbench;
let page: Page;
const command = (title: string) => wb.command(title);
const openFile = (name: string) => wb.openFile(name);
const goToLine = (line: number) => wb.goToLine(line);
const cursorLine = () => wb.cursorLine();
const reviewFrame = (progress?: string) => wb.reviewFrame(progress);

/** ORBIT_E2E_THEME (e.g. "Default High Contrast") runs the test in another theme; its screenshots get a suffix. */
const theme = process.env.ORBIT_E2E_THEME;

async function shoot(name: string): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  if (theme) name = name.replace(/\.png$/, `-${theme.toLowerCase().replace(/\W+/g, '-')}.png`);
  const panel = page.locator('.part.editor .split-view-view').last();
  await panel.screenshot({ path: path.join(screenshots, name) });
}

describe('the extension in real VS Code (code-server + chromium)', { timeout: SUITE_TIMEOUT }, () => {
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
    const item = () => page.locator('#orbitlsp\\.orbit-lsp\\.orbitLsp\\.prompts').textContent({ timeout: 1_000 });
    const text = await wb.waitFor('the Orbit status bar item', async () => {
      const t = await item();
      return t && /\d+ prompts/.test(t) ? t : undefined;
    }, async () => JSON.stringify(await item()));
    assert.match(text, /23 prompts/);
  });

  test('hovering the unanswered question shows its card', async () => {
    // "11 of 11": the server's card hover (the problem's own hover names no position).
    await wb.hover(171, /\b11 of 11\b/);
    if (!theme) await page.screenshot({ path: path.join(screenshots, 'hover.png') });
    await page.keyboard.press('Escape');
  });

  test('Review This Block opens the panel on the block at the cursor; flip, grade, skip and summary work', async () => {
    await command('Orbit: Review This Block');
    const frame = await reviewFrame('1 of 11');
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
    await wb.waitFor('the cursor on the forgotten card\'s line', async () => ((await cursorLine()) === 144 ? true : undefined), async () => `line ${await cursorLine()}`);
  });

  test('the "Review N prompts" code lens opens the panel on its block', async () => {
    // The lens sits above the first block's opening tag.
    await wb.codeLens(fs.readFileSync(exampleNote, 'utf8').split('\n').findIndex((l) => l.includes('orbit_review')) + 1, 'Review 4 prompts');
    await reviewFrame('1 of 4');
  });

  test('the panel renders math, grades with the keyboard and summarises (screenshots)', async () => {
    await openFile('review-demo.md');
    await goToLine(9);
    await command('Orbit: Review This Block');
    const frame = await reviewFrame('1 of 3');
    // Proves the console listener hears the panel's frame, so an empty list below means something.
    await frame.evaluate(() => console.log('Refused to probe: console capture works'));
    await wb.waitFor('the console probe', async () => (wb.cspMessages.some((m) => m.includes('probe')) ? true : undefined));
    wb.cspMessages.length = 0;
    await frame.locator('.question .katex').first().waitFor({ state: 'visible' });
    await shoot('review-question.png');
    // No click: the panel takes the keyboard focus when it opens (reviewFrame waited for it).
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

  test('grades are kept: after a reload, Review Due Cards shows only the cards still due, and the summary their next reviews', async () => {
    const dueItem = () => page.locator('#orbitlsp\\.orbit-lsp\\.orbitLsp\\.due').textContent({ timeout: 1_000 }).catch(() => '');
    const dueCount = async () => Number(/(\d+) due/.exec((await dueItem()) ?? '')?.[1] ?? NaN);
    const progress = (frame: Frame) => frame.locator('#progress').textContent({ timeout: 1_000 });
    await command('Orbit: Review Due Cards');
    let frame = await reviewFrame();
    const total = Number(await wb.waitFor('the due cards', async () => /^1 of (\d+)$/.exec((await progress(frame)) ?? '')?.[1], async () => JSON.stringify(await progress(frame))));
    assert.ok(total > 2, `${total} cards due`);
    const graded: string[] = [];
    for (const key of ['2', '1']) {
      graded.push(((await frame.locator('.question .prompt').textContent()) ?? '').trim());
      await frame.getByRole('button', { name: /^Show Answer/ }).click();
      await frame.locator('.answer').waitFor({ state: 'visible' });
      await page.keyboard.press(key);
    }
    await waitProgress(frame, `3 of ${total}`);
    for (let i = 3; i <= total; i++) await frame.getByRole('button', { name: /^Skip/ }).click();
    // The forgotten card comes back once more; skipping it ends the session.
    await waitProgress(frame, 'Again: 1 of 1');
    await frame.getByRole('button', { name: /^Skip/ }).click();
    await waitProgress(frame, `1 of ${total} remembered`);
    await frame.locator('.next-reviews li').nth(1).waitFor({ state: 'visible' });
    const next = (await frame.locator('.next-reviews').textContent()) ?? '';
    assert.match(next, /due in \d+ days \(\d{4}-\d\d-\d\d\)/);
    assert.match(next, /due tomorrow \(\d{4}-\d\d-\d\d\)/);
    if (!theme) await shoot('review-due-summary.png');
    await wb.waitFor('the due count in the status bar', async () => ((await dueCount()) === total - 2 ? true : undefined), async () => JSON.stringify(await dueItem()));

    await wb.reloadWindow();
    await wb.waitFor('the due count after the reload', async () => ((await dueCount()) === total - 2 ? true : undefined), async () => JSON.stringify(await dueItem()));
    await command('Orbit: Review Due Cards');
    frame = await reviewFrame(`1 of ${total - 2}`);
    const shown: string[] = [];
    for (let i = 1; i <= total - 2; i++) {
      await waitProgress(frame, `${i} of ${total - 2}`);
      shown.push(((await frame.locator('.question .prompt').textContent()) ?? '').trim());
      await frame.getByRole('button', { name: /^Skip/ }).click();
    }
    for (const question of graded) assert.ok(!shown.includes(question), `"${question}" was graded, so it is not due`);
    const store = fs.readFileSync(path.join(wb.codeServer.workspace, '.orbitlsp', 'reviews.jsonl'), 'utf8').trim().split('\n');
    assert.ok(store.length >= 3, store.join('\n'));
  });
});
