/**
 * VS Code's own Markdown preview with the packed extension, in code-server driven by
 * playwright-core in Debian's chromium: the review areas of examples/misalignment.md show as
 * cards, a click reveals an answer, an edit updates the preview, math goes through the preview's
 * KaTeX, the hostile prompts of hostile.ts stay text under the default security and with scripts
 * allowed, and the cards stay readable in light, dark and high-contrast themes. Saves
 * docs/screenshots/preview*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { artifactsDir, Workbench } from './workbench';
import { exampleNote, expectedCards, repoRoot } from './support';
import { ATTACKER, PWNED, hostileCards, hostileNote, type HostilePrompt } from './hostile';

const screenshots = path.join(repoRoot, 'docs', 'screenshots');
const example = fs.readFileSync(exampleNote, 'utf8');
const exampleLines = example.split('\n');
let wb: Workbench;
let page: Page;

/** The frame of the Markdown preview showing `source` once it has rendered an Orbit area. */
async function previewFrame(source: string): Promise<Frame> {
  return wb.waitFor(`the Markdown preview of ${source} with an Orbit area`, async () => {
    for (const frame of page.frames()) {
      const shown = await frame.evaluate((name) => {
        const data = document.getElementById('vscode-markdown-preview-data')?.getAttribute('data-settings') ?? '';
        return data.includes(name) && document.querySelector('.markdown-body .orbit-area') !== null;
      }, source).catch(() => false);
      if (shown) return frame;
    }
    return undefined;
  }, async () => `${page.frames().length} frames`);
}

/**
 * Polls `probe` on the preview of `source` until it answers: the frame is looked up each time, as
 * a preview reloaded (when an answer came after the render it was for) is a new frame.
 */
function untilPreview<T>(what: string, source: string, probe: (frame: Frame) => Promise<T | undefined>): Promise<T> {
  return wb.waitFor(what, async () => {
    const frame = await previewFrame(source).catch(() => undefined);
    return frame ? probe(frame).catch(() => undefined) : undefined;
  });
}

/** The texts of the questions of an area, as the preview shows them. */
function questions(frame: Frame, area: number): Promise<string[]> {
  return frame.locator(`[data-orbit-area="${area}"] > details.orbit-card > summary .orbit-text`).allTextContents();
}

/**
 * Runs a command from the palette: the row of exactly that title (Enter alone would take the first
 * row, which can be another command whose words match better: "Markdown: Open Preview" and "... to
 * the Side"). `Workbench.command` begins again when the preview, taking the focus as it loads,
 * swallowed the keystroke or closed the palette.
 */
function run(title: string, opensInput = false): Promise<void> {
  return wb.command(title, opensInput);
}

/**
 * Picks a level in "Markdown: Change Preview Security Settings" (for the workspace; a note must be
 * active), and confirms it: the pick, opened again, marks that level. A preview that takes the
 * focus closes the pick; `Workbench.commandPick` then opens it again.
 */
async function securityLevel(label: string): Promise<void> {
  const title = 'Markdown: Change Preview Security Settings';
  await wb.commandPick(title, label);
  await wb.waitFor(`the security level "${label}" marked`, async () => ((await wb.commandPickRows(title)).includes(`• ${label}`) ? true : undefined));
}

async function shoot(name: string): Promise<void> {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.locator('.part.editor').screenshot({ path: path.join(screenshots, name) });
}

/**
 * The contrast ratio (WCAG) between an element's text colour and the first opaque background
 * behind it.
 */
function contrast(frame: Frame, selector: string): Promise<number> {
  return frame.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    // rgb()/rgba() as computed, or #rrggbb as a theme variable holds it; [] for none.
    const rgb = (c: string): number[] => {
      const hex = /^#([0-9a-f]{6})/i.exec(c.trim());
      if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
      const parts = (/rgba?\(([^)]*)\)/.exec(c)?.[1] ?? '').split(',').map(Number);
      return parts.length >= 3 ? parts : [];
    };
    let back: number[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) {
        back = c;
        break;
      }
    }
    // Else the page's own background: VS Code paints the webview with the editor's background colour.
    if (back.length === 0) back = rgb(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background'));
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(back)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  }, selector);
}

/** The prompt's text fragments (its whole text unless it names them) are in the shown text, in order. */
function shows(shown: string | undefined, prompt: HostilePrompt, where: string): void {
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  const text = normalise(shown ?? '');
  let from = 0;
  for (const fragment of (prompt.shows ?? [prompt.text]).map(normalise)) {
    const at = text.indexOf(fragment, from);
    assert.ok(at >= 0, `${where} (${prompt.name}) shows ${JSON.stringify(fragment.slice(0, 120))}; it shows ${JSON.stringify(text.slice(0, 300))}`);
    from = at + fragment.length;
  }
}

/** A test that leaves a screenshot of the workbench among the e2e failure artifacts when it fails. */
function it(name: string, body: () => Promise<void>): void {
  test(name, async () => {
    try {
      await body();
    } catch (error) {
      fs.mkdirSync(artifactsDir, { recursive: true });
      await page.screenshot({ path: path.join(artifactsDir, `preview-${name.replace(/\W+/g, '-').slice(0, 60)}.png`) }).catch(() => undefined);
      throw error;
    }
  });
}

describe('the Markdown preview in real VS Code (code-server + chromium)', { timeout: 420_000 }, () => {
  before(async () => {
    wb = await Workbench.open({}, { 'hostile.md': hostileNote() });
    page = wb.page;
  });

  after(async () => {
    await wb?.close();
  });

  it('"Markdown: Open Preview" shows the first block of misalignment.md as its four cards; a click reveals an answer', async () => {
    await wb.openFile('misalignment.md');
    await wb.waitForErrors();
    await run('Markdown: Open Preview');
    const frame = await previewFrame('misalignment.md');
    const expected = expectedCards(example);
    await wb.waitFor('the cards of the first block', async () => ((await questions(frame, 0)).length === 4 ? true : undefined), async () => JSON.stringify(await questions(frame, 0)));
    assert.deepEqual(await questions(frame, 0), expected.filter((c) => c.block === 0).map((c) => c.question));
    assert.equal(await frame.locator('.orbit-area').count(), new Set(expected.map((c) => c.block)).size);
    assert.equal(await frame.locator('details.orbit-card').count(), expected.length);
    assert.equal(await frame.locator('.markdown-body').getByText('{{<orbit_review').count(), 0, 'no shortcode text left');

    const first = frame.locator('[data-orbit-area="0"] > details.orbit-card').first();
    const answer = first.locator('.orbit-answer');
    assert.equal(await answer.isVisible(), false, 'the answer starts hidden');
    await first.locator('summary').click();
    await answer.waitFor({ state: 'visible' });
    assert.equal((await answer.textContent())?.trim(), 'Hubinger et al.');

    // The third block: the pairs after the stray line are marked, the last card has no answer.
    const last = frame.locator('[data-orbit-area="2"] > details.orbit-card').last();
    assert.match((await last.locator('summary').textContent()) ?? '', /^A mesa-optimizer\.(\s+OL\d{3})*\s+OL001/);
    await last.locator('summary').click();
    await last.locator('.orbit-empty').waitFor({ state: 'visible' });
    assert.match((await last.locator('.orbit-card-note').textContent()) ?? '', /Shifted by line 154/);
    assert.deepEqual(wb.dialogs, []);
  });

  it('side by side, an edit in the note changes the cards in the preview', async () => {
    await run('View: Close All Editors');
    await wb.openFile('misalignment.md');
    await run('Markdown: Open Preview to the Side');
    await (await previewFrame('misalignment.md')).locator('[data-orbit-area="0"] > details.orbit-card').first().locator('summary').click();

    // A line typed after the first question becomes its answer: every pair of the block shifts.
    const answer = exampleLines.findIndex((l) => l === 'Hubinger et al.');
    await run('View: Focus First Editor Group');
    await wb.goToLine(answer + 1);
    await page.keyboard.press('Home');
    await page.keyboard.type('A stray line');
    await page.keyboard.press('Enter');
    const firstAnswer = (f: Frame) => f.locator('[data-orbit-area="0"] > details.orbit-card').first().locator('.orbit-answer .orbit-text').textContent();
    await untilPreview('the preview to pair the typed line', 'misalignment.md', async (f) => ((await firstAnswer(f)) === 'A stray line' ? true : undefined));
    await untilPreview('five cards, the shifted ones marked', 'misalignment.md', async (f) =>
      (await f.locator('[data-orbit-area="0"] > details.orbit-card').count()) === 5 && (await f.locator('[data-orbit-area="0"] .orbit-problem').count()) > 0 ? true : undefined);
    await untilPreview('the first card open on the typed line', 'misalignment.md', async (f) => {
      const first = f.locator('[data-orbit-area="0"] > details.orbit-card').first();
      if (!(await first.evaluate((d) => (d as HTMLDetailsElement).open))) await first.locator('summary').click();
      return (await first.locator('.orbit-answer').isVisible()) ? true : undefined;
    });
    await shoot('preview.png');

    // The typed line out again (code-server may have saved the note meanwhile, so no revert).
    await run('View: Focus First Editor Group');
    await wb.goToLine(answer + 1);
    await run('Delete Line');
    await untilPreview('the preview back to four cards', 'misalignment.md', async (f) => ((await questions(f, 0)).length === 4 ? true : undefined));
  });

  it('a rule turned off in .orbitlsp.yaml leaves the cards of the preview, which refreshes without an edit', async () => {
    await run('View: Close All Editors');
    await wb.openFile('misalignment.md');
    await run('Markdown: Open Preview to the Side');
    await untilPreview('the OL001 badge', 'misalignment.md', async (f) => ((await f.locator('.orbit-problem', { hasText: 'OL001' }).count()) === 1 ? true : undefined));
    const config = path.join(wb.codeServer.workspace, '.orbitlsp.yaml');
    fs.writeFileSync(config, 'rules:\n  OL001: off\n');
    try {
      await untilPreview('the OL001 badge gone', 'misalignment.md', async (f) =>
        (await f.locator('.orbit-problem', { hasText: 'OL001' }).count()) === 0 && (await f.locator('.orbit-problem', { hasText: 'OL003' }).count()) > 0 ? true : undefined);
    } finally {
      fs.rmSync(config, { force: true });
    }
    await untilPreview('the OL001 badge back', 'misalignment.md', async (f) => ((await f.locator('.orbit-problem', { hasText: 'OL001' }).count()) === 1 ? true : undefined));
  });

  it('math in a card is typeset by the preview\'s own KaTeX, with no request leaving the machine', async () => {
    await run('View: Close All Editors');
    // A webview's own resources (vscode-resource URLs) are served from this machine by its service worker.
    const remote: string[] = [];
    const listen = (r: { url(): string }) => {
      const url = new URL(r.url());
      const local = url.hostname === '127.0.0.1' || url.hostname.endsWith('.vscode-resource.vscode-cdn.net') || ['data:', 'blob:', 'vscode-file:', 'vscode-webview:'].includes(url.protocol);
      if (!local) remote.push(r.url());
    };
    page.on('request', listen);
    await wb.openFile('review-demo.md');
    await run('Markdown: Open Preview to the Side');
    const frame = await previewFrame('review-demo.md');
    await frame.locator('details.orbit-card summary .katex').first().waitFor({ state: 'visible' });
    const card = frame.locator('details.orbit-card').nth(1);
    await card.locator('summary').click();
    await card.locator('.orbit-answer .katex').first().waitFor({ state: 'visible' });
    page.off('request', listen);
    assert.deepEqual(remote, []);
  });

  for (const level of ['the default security', 'scripts and all content allowed']) {
    it(`the hostile prompts of hostile.ts show as typed under ${level}: no script runs, no element is injected, nothing is fetched`, async () => {
      await run('View: Close All Editors');
      const requests: string[] = [];
      const listen = (r: { url(): string }) => requests.push(r.url());
      page.on('request', listen);
      await wb.openFile('hostile.md');
      if (level !== 'the default security') await securityLevel('Disable');
      await run('Markdown: Open Preview to the Side');
      const frame = await previewFrame('hostile.md');
      const cards = hostileCards();
      await wb.waitFor(`the ${cards.length} hostile cards`, async () => ((await frame.locator('details.orbit-card').count()) === cards.length ? true : undefined),
        async () => `${await frame.locator('details.orbit-card').count()} cards`);
      const seen = await frame.evaluate((pwned) => ({
        elements: Array.from(document.querySelectorAll('.orbit-text *, .orbit-area script, .orbit-area iframe, .orbit-area object, .orbit-area embed, .orbit-area form, .orbit-area style, .orbit-area base, .orbit-area meta, .orbit-area img, .orbit-area svg'))
          // What the preview's own Markdown and KaTeX make of card text: links, emphasis, code and typeset math (a display formula in a katex-block).
          .filter((e) => !e.closest('.katex') && !e.classList.contains('katex-block') && !['A', 'EM', 'STRONG', 'CODE', 'SPAN', 'BR', 'DEL', 'S'].includes(e.tagName))
          .map((e) => e.outerHTML.slice(0, 200)),
        badLinks: Array.from(document.querySelectorAll('.orbit-area a')).map((a) => a.getAttribute('href') ?? '').filter((h) => !/^(https?:|mailto:|#)/i.test(h)),
        handlers: Array.from(document.querySelectorAll('.orbit-area, .orbit-area *')).flatMap((e) => Array.from(e.attributes).filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
        styles: Array.from(document.querySelectorAll('.orbit-area [style]')).map((e) => e.getAttribute('style') ?? '').filter((st) => /url\(/i.test(st)),
        pwned: pwned in window,
        title: document.title,
        questions: Array.from(document.querySelectorAll('details.orbit-card > summary .orbit-text')).map((e) => e.textContent ?? ''),
        answers: Array.from(document.querySelectorAll('details.orbit-card > .orbit-answer')).map((e) => e.textContent ?? ''),
      }), PWNED);
      page.off('request', listen);
      assert.deepEqual({ elements: seen.elements, badLinks: seen.badLinks, handlers: seen.handlers, styles: seen.styles, pwned: seen.pwned }, { elements: [], badLinks: [], handlers: [], styles: [], pwned: false });
      assert.ok(!seen.title.includes(PWNED), seen.title);
      cards.forEach((card, i) => {
        shows(seen.questions[i], card.question, `card ${i + 1}'s question`);
        if (card.answer) shows(seen.answers[i], card.answer, `card ${i + 1}'s answer`);
      });
      assert.deepEqual(requests.filter((u) => u.includes(ATTACKER) || u.includes(PWNED) || /^(javascript|vbscript):/i.test(u)), []);
      assert.deepEqual(wb.dialogs, []);
      if (level !== 'the default security') await securityLevel('Strict');
    });
  }

  for (const [theme, file] of [['Light Modern', 'preview-light.png'], ['Dark Modern', 'preview-dark.png'], ['Dark High Contrast', 'preview-high-contrast.png']]) {
    it(`the cards are readable in ${theme}`, async () => {
      await run('View: Close All Editors');
      await run('Preferences: Color Theme', true);
      const picker = page.locator('.quick-input-widget input[placeholder*="Color Theme"]');
      await picker.waitFor({ state: 'visible' });
      await picker.fill(theme);
      // Enter takes the first row: only once the list is that of the name typed.
      const rows = page.locator('.quick-input-list .monaco-list-row');
      await wb.waitFor(`the theme "${theme}" first in the picker`, async () =>
        ((await picker.inputValue()) === theme && ((await rows.first().textContent()) ?? '').includes(theme) ? true : undefined),
      async () => JSON.stringify(await rows.allTextContents()));
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await wb.openFile('misalignment.md');
      await run('Markdown: Open Preview to the Side');
      const frame = await previewFrame('misalignment.md');
      const kind = theme.includes('High') ? 'vscode-high-contrast' : theme.includes('Light') ? 'vscode-light' : 'vscode-dark';
      await wb.waitFor(`the preview in ${theme}`, async () => ((await frame.evaluate((k) => document.body.classList.contains(k), kind)) ? true : undefined),
        () => frame.evaluate(() => document.body.className));
      const last = frame.locator('[data-orbit-area="2"] > details.orbit-card').last();
      await last.locator('summary').click();
      await last.locator('.orbit-empty').waitFor({ state: 'visible' });
      for (const selector of ['details.orbit-card summary .orbit-text', '.orbit-area-title', '.orbit-area-count', '.orbit-problem', 'details.orbit-card[open] .orbit-answer', 'details.orbit-card[open] .orbit-empty', 'details.orbit-card[open] .orbit-card-note']) {
        const ratio = await contrast(frame, selector);
        assert.ok(ratio >= 4.5, `${selector} in ${theme}: contrast ${ratio.toFixed(2)}`);
      }
      await last.scrollIntoViewIfNeeded();
      await shoot(file);
    });
  }
});
