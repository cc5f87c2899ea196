/**
 * Hostile prompts (hostile.ts) in real chromium, in both places a card is shown as HTML:
 * - the VS Code review panel (the .vsix in code-server), and
 * - the standalone review page of orbit.previewReviewHtml (from the packed server over stdio,
 *   served by a local HTTP server to headless chromium).
 * For every card, question and answer, the test checks that the prompt's text is visible as
 * typed, that the card holds only allowed elements and attributes and only http, https and
 * mailto links, and that nothing new appeared anywhere in the document. Over the whole session:
 * no script ran (traps for dialogs, window.open, the title and a global), no request went out,
 * and the Content-Security-Policy was never violated (so it blocked nothing: nothing tried).
 * Each sensor is first shown to work, so an empty list means something.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { DidOpenTextDocumentNotification, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { MAX_PROMPT_LENGTH } from '../src/review/render';
import { ATTACKER, PWNED, hostileCards, hostileColor, hostileNote, hostileTitle, type HostilePrompt } from './hostile';
import { initialize, shutdown, startServer } from './stdioServer';
import { SUITE_TIMEOUT, TIMEOUT, Workbench, waitProgress } from './workbench';

const cards = hostileCards();
const N = cards.length;

/** What a card's content may hold (outside KaTeX's output), per place. */
const PANEL_TAGS = ['p', 'em', 'strong', 's', 'code', 'a', 'span', 'br', 'ul', 'ol', 'li', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr'];
const PAGE_TAGS = ['p', 'em', 'strong', 'del', 'ins', 'mark', 'sub', 'sup', 'code', 'a', 'span', 'br', 'ul', 'ol', 'li', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr'];
const ATTRIBUTES = ['class', 'href', 'rel', 'title', 'data-tex', 'start'];
/** KaTeX's HTML and MathML output (inside `.katex`), SVG for stretchy symbols included. */
const KATEX_TAGS = ['span', 'a', 'svg', 'path', 'line', 'math', 'semantics', 'mrow', 'mi', 'mo', 'mn', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup',
  'mfrac', 'msqrt', 'mroot', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'annotation'];
/** Elements the test counts in the whole document before and after: none may appear. */
// (Not buttons: the panel's own change between the question and the answer; a prompt's would break the allow-list.)
const WATCHED = 'script, iframe, frame, object, embed, form, input, base, meta, img, picture, video, audio, source, svg, style, link, template, details, noscript, math';

interface Allowed {
  tags: string[];
  attributes: string[];
  katexTags: string[];
}

interface Inspection {
  text: string;
  problems: string[];
}

/**
 * Runs in the browser: the visible text of `selector` and what in it breaks the allow-list.
 * Self-contained (it is sent to the page as source).
 */
function inspectInPage(args: { selector: string; allowed: Allowed }): Inspection | undefined {
  const root = document.querySelector(args.selector) as HTMLElement | null;
  if (!root) return undefined;
  const problems: string[] = [];
  const safe = /^(https?:|mailto:)/i;
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    const inKatex = el.closest('.katex') !== null;
    if (!(inKatex ? args.allowed.katexTags : args.allowed.tags).includes(tag)) problems.push(`element <${tag}>`);
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      const bad = /^on/.test(name) || ['src', 'srcset', 'srcdoc', 'action', 'formaction', 'xlink:href', 'id', 'background', 'poster', 'ping'].includes(name)
        || (name.startsWith('data-') && name !== 'data-tex')
        || (name === 'style' && (!inKatex || /url\(|expression|@import/i.test(a.value)))
        || (name === 'href' && (tag !== 'a' || !safe.test(a.value.trim())))
        || (!inKatex && !args.allowed.attributes.includes(name));
      if (bad) problems.push(`<${tag} ${name}="${a.value.slice(0, 80)}">`);
    }
    if (tag === 'a') {
      const protocol = (el as HTMLAnchorElement).protocol;
      if (!['http:', 'https:', 'mailto:'].includes(protocol)) problems.push(`link to ${protocol} (${(el.getAttribute('href') ?? '').slice(0, 80)})`);
      if (el.hasAttribute('target')) problems.push('link with a target');
    }
  }
  return { text: root.innerText, problems };
}

/** Runs in the browser: how many of each watched element the whole document has. */
function censusInPage(watched: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const el of Array.from(document.querySelectorAll(watched))) {
    if (el.closest('.katex')) continue;
    const key = el.tagName.toLowerCase();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * Runs in the browser: traps for what a payload would do if it ran: dialogs, window.open and
 * print (recorded, not run), and every Content-Security-Policy violation. Read with readSensors.
 */
function installSensorsInPage(): void {
  const w = window as unknown as Record<string, unknown> & { orbitSensors?: { calls: string[]; violations: string[] } };
  if (w.orbitSensors) return;
  const sensors = { calls: [] as string[], violations: [] as string[] };
  w.orbitSensors = sensors;
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    w[name] = (...args: unknown[]) => {
      sensors.calls.push(`${name}(${args.map(String).join(', ')})`);
      return null;
    };
  }
  document.addEventListener('securitypolicyviolation', (e) => sensors.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
}

interface Sensors {
  calls: string[];
  violations: string[];
  pwned: boolean;
  title: string;
}

function readSensorsInPage(pwned: string): Sensors | undefined {
  const w = window as unknown as Record<string, unknown> & { orbitSensors?: { calls: string[]; violations: string[] } };
  if (!w.orbitSensors) return undefined;
  return { calls: [...w.orbitSensors.calls], violations: [...w.orbitSensors.violations], pwned: pwned in w, title: document.title };
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The prompt's text fragments appear in the shown text, in order. */
function assertShows(shown: string, prompt: HostilePrompt, where: string): void {
  const text = normalise(shown);
  let from = 0;
  for (const fragment of (prompt.shows ?? [prompt.text]).map(normalise)) {
    const at = text.indexOf(fragment, from);
    assert.ok(at >= 0, `${where} (${prompt.name}) shows ${JSON.stringify(fragment.slice(0, 120))}; it shows ${JSON.stringify(text.slice(0, 300))}`);
    from = at + fragment.length;
  }
}

function assertInert(inspection: Inspection | undefined, prompt: HostilePrompt, where: string): void {
  assert.ok(inspection, `${where} (${prompt.name}) is on the card`);
  assert.deepEqual(inspection.problems, [], `${where} (${prompt.name}): only allowed elements, attributes and links`);
  assertShows(inspection.text, prompt, where);
}

/** Requests that carry the attacker's host or the payload's name: none may ever be made. */
function hostileRequests(urls: string[]): string[] {
  return urls.filter((u) => u.includes(ATTACKER) || u.includes(PWNED) || /^(javascript|vbscript|data):/i.test(u));
}

describe('hostile prompts in the VS Code review panel (code-server + chromium)', { timeout: SUITE_TIMEOUT }, () => {
  let wb: Workbench;
  const requests: string[] = [];

  before(async () => {
    wb = await Workbench.open({}, { 'hostile.md': hostileNote() });
    wb.page.context().on('request', (r) => requests.push(r.url()));
  });

  after(async () => {
    await wb?.close();
  });

  test(`${N} cards of hostile prompts show as typed and stay inert`, async () => {
    const page = wb.page;
    // The panel opens on a harmless note first, so the traps are in its page before any hostile
    // prompt reaches it: the panel is reused, its page stays.
    await wb.openFile('review-demo.md');
    await wb.command('Orbit: Review This Note');
    let frame = await wb.reviewFrame('1 of 3');
    await frame.evaluate(installSensorsInPage);
    await proveSensors(wb, frame, requests);
    const census = await frame.evaluate(censusInPage, WATCHED);

    await wb.openFile('hostile.md');
    await wb.command('Orbit: Review This Note');
    frame = await wb.reviewFrame(`1 of ${N}`);
    assert.ok(await frame.evaluate(readSensorsInPage, PWNED), 'the same panel page, with its traps');
    assert.equal(await frame.locator('#title').textContent(), hostileTitle);
    await page.locator('.tabs-container .tab', { hasText: 'Hostile prompts' }).first().waitFor({ state: 'visible' });
    assert.ok(((await page.locator('.tabs-container .tab', { hasText: 'Hostile prompts' }).first().textContent()) ?? '').includes(hostileTitle));

    const panel: Allowed = { tags: PANEL_TAGS, attributes: ATTRIBUTES, katexTags: KATEX_TAGS };
    const inspect = (selector: string) => frame.evaluate(inspectInPage, { selector, allowed: panel });
    for (let i = 0; i < N; i++) {
      const card = cards[i];
      await waitProgress(frame, `${i + 1} of ${N}`);
      assertInert(await inspect('.question .prompt'), card.question, `card ${i + 1}, question`);
      await frame.getByRole('button', { name: /^Show Answer/ }).click();
      await frame.locator('.answer').waitFor({ state: 'visible' });
      if (card.answer) assertInert(await inspect('.answer .prompt'), card.answer, `card ${i + 1}, answer`);
      for (const [side, prompt] of [['question', card.question], ['answer', card.answer]] as const) {
        if (prompt && prompt.text.length > MAX_PROMPT_LENGTH) {
          assert.match((await frame.locator(`.${side} .truncated`).textContent()) ?? '', /more characters not shown/, `card ${i + 1}: the long ${side} says it is cut`);
        }
      }
      assert.deepEqual(await frame.evaluate(censusInPage, WATCHED), census, `card ${i + 1}: nothing new in the panel's page`);
      await frame.getByRole('button', { name: /^Forgotten/ }).click();
    }
    for (let i = 0; i < N; i++) {
      await waitProgress(frame, `Again: ${i + 1} of ${N}`);
      await frame.getByRole('button', { name: /^Show Answer/ }).click();
      await frame.getByRole('button', { name: /^Remembered/ }).click();
    }
    await waitProgress(frame, `0 of ${N} remembered`);
    // The summary renders every forgotten question once more.
    const listed = await frame.locator('.forgotten li').count();
    assert.equal(listed, N);
    for (let i = 0; i < N; i++) {
      assertInert(await inspect(`.forgotten li:nth-child(${i + 1}) .prompt`), cards[i].question, `summary item ${i + 1}`);
    }
    assert.deepEqual(await frame.evaluate(censusInPage, WATCHED), census, 'nothing new in the panel\'s page after the summary');

    const sensors = (await frame.evaluate(readSensorsInPage, PWNED))!;
    assert.deepEqual(sensors, { calls: [], violations: [], pwned: false, title: 'Orbit Review' }, 'no script ran in the panel and its policy was never violated');
    for (const f of page.frames()) {
      const state = await f.evaluate((name) => ({ pwned: name in window, title: document.title }), PWNED).catch(() => undefined);
      // (The workbench's own title names the panel, whose title is the note's hostile title: as text.)
      if (state) assert.ok(!state.pwned && state.title !== PWNED, `frame ${f.url().slice(0, 80)}: no payload ran`);
    }
    assert.deepEqual(wb.dialogs, []);
    assert.deepEqual(wb.cspMessages, [], 'no Content-Security-Policy message from any frame');
    assert.deepEqual(hostileRequests(requests), [], 'no request to the attacker');
    const origin = new URL(wb.codeServer.url).origin;
    assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/`) && !isPanelAsset(u)), [], 'requests only to code-server and the panel\'s own files');
  });
});

/** The panel's own script, stylesheets and fonts, as the webview asks for them. */
function isPanelAsset(url: string): boolean {
  return /^https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/.*\/orbitlsp\.orbit-lsp-[^/]+\/(media|dist)\//.test(url);
}

/**
 * Each sensor of the panel works: a trapped alert is recorded, a blocked load is a violation and
 * a console message, and a request from the panel is heard. Clears what they recorded.
 */
async function proveSensors(wb: Workbench, frame: Frame, requests: string[]): Promise<void> {
  await frame.evaluate(() => window.alert('probe'));
  await frame.evaluate((host) => {
    const img = document.createElement('img');
    img.src = `https://${host}/probe-blocked`;
    document.body.append(img);
    img.remove();
  }, ATTACKER);
  const stylesheet = await frame.evaluate(() => (document.querySelector('link[rel=stylesheet]') as HTMLLinkElement).href);
  await frame.evaluate((href) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = `${href}?probe`;
    document.head.append(link);
  }, stylesheet);
  await wb.waitFor('every sensor to hear its probe', async () => {
    const s = await frame.evaluate(readSensorsInPage, PWNED);
    const heard = s !== undefined && s.calls.includes('alert(probe)') && s.violations.some((v) => v.includes('probe-blocked'))
      && wb.cspMessages.some((m) => m.includes('probe-blocked')) && requests.some((u) => u.includes('?probe'));
    return heard ? true : undefined;
  }, async () => JSON.stringify({ sensors: await frame.evaluate(readSensorsInPage, PWNED), csp: wb.cspMessages, probeRequest: requests.filter((u) => u.includes('probe')) }));
  await frame.evaluate(() => {
    const w = window as unknown as { orbitSensors: { calls: string[]; violations: string[] } };
    w.orbitSensors.calls.length = 0;
    w.orbitSensors.violations.length = 0;
    document.querySelector('link[href$="?probe"]')?.remove();
  });
  wb.cspMessages.length = 0;
  requests.length = 0;
}

describe('hostile prompts in the review page of orbit.previewReviewHtml (headless chromium)', { timeout: SUITE_TIMEOUT }, () => {
  let html: string;
  let browser: Browser;
  let server: http.Server;
  let pageUrl: string;
  const served: string[] = [];

  before(async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'orbit-hostile-'));
    const notePath = path.join(folder, 'hostile.md');
    const note = hostileNote();
    fs.writeFileSync(notePath, note);
    const lsp = startServer();
    try {
      await initialize(lsp, false);
      const uri = pathToFileURL(notePath).toString();
      await lsp.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: note } });
      const result = (await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'orbit.previewReviewHtml', arguments: [{ uri }] })) as { html: string };
      html = result.html;
      assert.equal(await shutdown(lsp), 0);
    } finally {
      if (lsp.process.exitCode === null) lsp.process.kill();
      fs.rmSync(folder, { recursive: true, force: true });
    }
    server = http.createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url === '/review.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/review.html`;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  });

  after(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  test(`the page shows the ${N} hostile cards as typed and runs none of them`, async () => {
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const requests: string[] = [];
    const dialogs: string[] = [];
    const messages: string[] = [];
    const errors: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    await context.route('**/*', (route) => (route.request().url() === pageUrl ? route.continue() : route.abort()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => messages.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(installSensorsInPage);
    await page.goto(pageUrl);

    // The sensors work: a trapped call and a blocked load are recorded.
    await page.evaluate(() => window.alert('probe'));
    await page.evaluate((host) => {
      const img = document.createElement('img');
      img.src = `https://${host}/probe-blocked`;
      document.body.append(img);
      img.remove();
    }, ATTACKER);
    await page.waitForFunction(() => (window as unknown as { orbitSensors: { violations: string[] } }).orbitSensors.violations.some((v) => v.includes('probe-blocked')));
    const probed = (await page.evaluate(readSensorsInPage, PWNED))!;
    assert.deepEqual(probed.calls, ['alert(probe)']);
    assert.ok(messages.some((m) => m.includes('probe-blocked')), 'the console hears the page');
    await page.evaluate(() => {
      const w = window as unknown as { orbitSensors: { calls: string[]; violations: string[] } };
      w.orbitSensors.calls.length = 0;
      w.orbitSensors.violations.length = 0;
    });
    messages.length = 0;
    requests.length = 0;
    const census = await page.evaluate(censusInPage, WATCHED);

    assert.equal(await page.title(), hostileTitle);
    assert.equal(await page.locator('h1').textContent(), hostileTitle);
    assert.equal(await page.locator('#deck .card').first().getAttribute('data-color'), 'red');
    assert.equal(await page.locator('#deck .card').last().getAttribute('data-color'), hostileColor);

    const allowed: Allowed = { tags: PAGE_TAGS, attributes: ['class', 'href', 'rel', 'title'], katexTags: [] };
    const inspect = (selector: string) => page.evaluate(inspectInPage, { selector, allowed });
    for (let i = 0; i < N; i++) {
      const card = cards[i];
      await page.locator('#progress', { hasText: new RegExp(`^${i + 1} / ${N} `) }).waitFor();
      assertInert(await inspect('#face .question'), card.question, `card ${i + 1}, question`);
      await page.locator('#show').click();
      await page.locator('#face .answer').waitFor({ state: 'visible' });
      if (card.answer) assertInert(await inspect('#face .answer'), card.answer, `card ${i + 1}, answer`);
      else assert.match((await page.locator('#face .answer').innerText()), /no answer/);
      assert.deepEqual(await page.evaluate(censusInPage, WATCHED), census, `card ${i + 1}: nothing new in the page`);
      await page.locator('#remembered').click();
    }
    assert.equal(await page.locator('#summary').textContent(), `${N} of ${N} remembered`);

    const sensors = (await page.evaluate(readSensorsInPage, PWNED))!;
    assert.deepEqual(sensors, { calls: [], violations: [], pwned: false, title: hostileTitle }, 'no script ran and the policy was never violated');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, [], 'the page\'s script ran without an error');
    assert.deepEqual(messages, [], 'no console message (a blocked load or script would log one)');
    assert.deepEqual(requests, [], 'no request after the page loaded');
    assert.deepEqual(served, ['/review.html'], 'the page asked its server for nothing else');
    await context.close();
  });
});
