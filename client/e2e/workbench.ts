/**
 * The VS Code workbench in chromium: code-server with the .vsix, and the gestures the tests use.
 *
 * Every gesture first waits for the state it needs and then for the state it causes, by polling
 * the page, never by sleeping. Two things make a workbench test flaky, and the helpers here rule
 * them out for every test that uses them:
 * - The keyboard focus moves asynchronously. A webview panel opened or revealed without
 *   `preserveFocus` takes the focus when it has loaded, seconds later on a loaded machine: a key
 *   pressed in between goes to the editor, and a quick input opened in between closes again. So
 *   {@link Workbench.reviewFrame} returns only once the panel holds the focus, and a quick input
 *   is filled only once it holds the focus.
 * - A keystroke can be lost and a list can be computed too early: F1 pressed while a webview
 *   holds the focus (it forwards keys only once loaded) or while the window reloads opens no
 *   palette, and the palette's rows are computed from the `when` clauses of that moment (a
 *   command of the note's editor is missing while its context settles). So every palette gesture
 *   ({@link Workbench.command}, {@link Workbench.commandPick}, {@link Workbench.openFile},
 *   {@link Workbench.goToLine}) checks each step (the quick input open with the focus, the wanted
 *   row among the rows of the value typed, the effect) and, when one does not come within about
 *   15 s, closes the quick input, moves the focus out of any webview and begins again, a bounded
 *   number of times: a retried step, never a longer timeout or a retried test.
 * - A loaded machine (CI, or other builds on this one) is many times slower than an idle one: the
 *   waits are generous ({@link TIMEOUT}), which costs nothing when things work, and a wait that
 *   runs out says what it saw last and leaves a screenshot (see {@link artifactsDir}).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { repoRoot } from './support';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** How long one wait may take. Generous: a wait returns as soon as its condition holds. */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 90_000);
/** The timeout of a whole code-server suite (node:test `describe`). */
export const SUITE_TIMEOUT = 20 * 60_000;
/** How long the first attempt of a palette gesture may take before it is begun again (later ones a little longer). */
const ATTEMPT_MS = 15_000;
/** How many times a palette gesture is begun at most: together about {@link TIMEOUT}. */
const ATTEMPTS = 4;
/** Where a wait that runs out leaves a screenshot of the workbench. */
export const artifactsDir = process.env.E2E_ARTIFACTS ?? path.join(repoRoot, 'out', 'e2e-failures');

/** The workbench of each page, for the waits that are given only a frame. */
const workbenches = new WeakMap<Page, Workbench>();

export class Workbench {
  /** Console messages about the Content-Security-Policy, from the workbench and every webview frame. */
  readonly cspMessages: string[] = [];
  /** Messages of alert/confirm/prompt dialogs (none may ever open). */
  readonly dialogs: string[] = [];

  private constructor(readonly codeServer: RunningCodeServer, private readonly browser: Browser, readonly page: Page) {
    page.setDefaultTimeout(TIMEOUT);
    workbenches.set(page, this);
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) this.cspMessages.push(m.text());
    });
    page.on('dialog', (d) => {
      this.dialogs.push(d.message());
      void d.dismiss();
    });
  }

  /**
   * code-server with the .vsix and these user settings in a fresh profile. ORBIT_E2E_SERVER_PATH,
   * when set, becomes `orbitLsp.server.path` (to try a server build other than the packed one).
   * `files` are written into the workspace (relative path → content) before code-server starts.
   */
  static async open(settings: Record<string, unknown> = {}, files: Record<string, string> = {}): Promise<Workbench> {
    const server = process.env.ORBIT_E2E_SERVER_PATH ? { 'orbitLsp.server.path': process.env.ORBIT_E2E_SERVER_PATH } : {};
    const codeServer = await startCodeServer({ ...server, ...settings }, files);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const workbench = new Workbench(codeServer, browser, page);
    await page.goto(codeServer.url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible' });
    return workbench;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.codeServer.stop();
  }

  /**
   * Polls `probe` until it returns something other than undefined. When the time runs out the
   * error names the condition, the probe's last answer (`seen`) and where the keyboard focus
   * was, and a screenshot of the workbench is saved.
   */
  async waitFor<T>(what: string, probe: () => Promise<T | undefined>, seen?: () => Promise<string>, timeoutMs = TIMEOUT, intervalMs = 100): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) {
        const last = seen ? await seen().catch((e) => `(unreadable: ${String(e)})`) : undefined;
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last !== undefined ? `; last seen: ${last}` : ''}; ${await this.describe()}`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /** Where the focus is, what notifications show, and a screenshot: for the message of a failed wait. */
  async describe(): Promise<string> {
    const parts = [`focus: ${await this.focus().catch(() => '?')}`];
    const toasts = await this.page.locator('.notification-toast').allTextContents().catch(() => []);
    if (toasts.length > 0) parts.push(`notifications: ${JSON.stringify(toasts)}`);
    try {
      fs.mkdirSync(artifactsDir, { recursive: true });
      const file = path.join(artifactsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
      await this.page.screenshot({ path: file, timeout: 10_000 });
      parts.push(`screenshot: ${file}`);
    } catch (error) {
      parts.push(`no screenshot: ${String(error)}`);
    }
    return parts.join('; ');
  }

  /** Where the keyboard focus is: the workbench element, or "webview" and the element inside it. */
  async focus(): Promise<string> {
    const top = await this.page.evaluate(() => {
      const a = document.activeElement;
      return a ? `${a.tagName.toLowerCase()}${a.className ? `.${String(a.className).trim().split(/\s+/).join('.')}` : ''}` : 'none';
    });
    if (!top.startsWith('iframe')) return top;
    for (const frame of this.page.frames()) {
      const inner = await frame.evaluate(() => (document.hasFocus() && document.activeElement && document.activeElement.tagName !== 'IFRAME'
        ? `${document.activeElement.tagName.toLowerCase()}.${String(document.activeElement.className).trim().split(/\s+/).join('.')}`
        : undefined)).catch(() => undefined);
      if (inner) return `webview ${inner}`;
    }
    return top;
  }

  /** Polls `probe` for at most `ms`: whether it held (never throws, for one attempt of a gesture). */
  private async poll(ms: number, probe: () => Promise<boolean>, intervalMs = 100): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (await probe().catch(() => false)) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /**
   * Runs `attempt` until it returns true, at most {@link ATTEMPTS} times: a palette gesture whose
   * keystroke was lost or whose quick input closed again is begun anew, never waited on for the
   * whole {@link TIMEOUT}. Each later attempt first closes what the last one left open and moves
   * the focus out of any webview. When every attempt failed the error says what was seen last.
   */
  private async attempts(what: string, attempt: (ms: number) => Promise<string | true>): Promise<void> {
    let last = '';
    for (let i = 0; i < ATTEMPTS; i++) {
      if (i > 0) {
        console.log(`# e2e: ${what}: attempt ${i + 1} (${last}; focus ${await this.focus().catch(() => '?')})`);
        await this.resetFocus();
      }
      const result = await attempt(ATTEMPT_MS * (1 + i / 2));
      if (result === true) return;
      last = result;
    }
    throw new Error(`${what} failed ${ATTEMPTS} times; last: ${last}; ${await this.describe()}`);
  }

  /**
   * Closes an open quick input and moves the keyboard focus out of a webview (a review panel or a
   * preview) into the workbench's own document, without a click (the cursor stays): a key pressed
   * while a webview holds the focus reaches the workbench only if the webview forwards it, which
   * it does not while it loads or reloads.
   */
  private async resetFocus(): Promise<void> {
    if (await this.quickInput().isVisible().catch(() => false)) {
      await this.page.keyboard.press('Escape');
      await this.poll(5_000, async () => !(await this.quickInput().isVisible()));
    }
    await this.page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      if (active && active.tagName === 'IFRAME') active.blur();
      if (document.activeElement === null || document.activeElement === document.body) {
        document.querySelector<HTMLElement>('.monaco-workbench')?.focus();
      }
    }).catch(() => undefined);
  }

  private quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  private quickInputBox() {
    return this.page.locator('.quick-input-widget input');
  }

  /** Whether a quick input is open with the keyboard focus in its box (and, when given, its value passes `value`). */
  private async quickInputFocused(value?: (v: string) => boolean): Promise<boolean> {
    const box = this.quickInputBox();
    if (!(await box.isVisible())) return false;
    const focused = await box.evaluate((e) => e === document.activeElement);
    return focused && (value === undefined || value(await box.inputValue()));
  }

  /** The rows the open quick input shows, for messages. */
  private async rowsSeen(): Promise<string> {
    const value = await this.quickInputBox().inputValue({ timeout: 1_000 }).catch(() => '?');
    const visible = await this.quickInput().isVisible().catch(() => false);
    const rows = visible ? await this.page.locator('.quick-input-list .monaco-list-row').allTextContents().catch(() => []) : [];
    return visible ? `quick input "${value}", rows ${JSON.stringify(rows.slice(0, 8))}` : 'no quick input';
  }

  /** The row of the open quick input whose label is `label` (exactly, or containing it). */
  private row(label: string, exact: boolean) {
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    return (exact
      ? rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
      : rows.filter({ hasText: label })).first();
  }

  /** Accepts a row: Enter when it is the row the list has focused, else a click on it. */
  private async accept(row: ReturnType<Workbench['row']>): Promise<void> {
    if (await row.evaluate((e) => e.classList.contains('focused')).catch(() => false)) await this.page.keyboard.press('Enter');
    else await row.click({ timeout: 10_000 });
  }

  /**
   * One attempt of a palette gesture: opens the quick input with F1, waits until it holds the
   * focus (a keystroke sent while a webview holds the focus, or while the window reloads, can be
   * lost), types `value` and waits for the row `label` among the rows of that value (a command
   * whose `when` clause did not yet hold when the rows were computed is missing: the next attempt
   * opens the palette again). Accepts the row. Returns true, or what it saw instead.
   */
  private async paletteAttempt(ms: number, value: string, label: string, exact: boolean): Promise<string | true> {
    await this.page.keyboard.press('F1');
    if (!(await this.poll(ms, () => this.quickInputFocused()))) return 'F1 opened no quick input with the focus';
    const box = this.quickInputBox();
    await box.fill(value, { timeout: 5_000 });
    const row = this.row(label, exact);
    if (!(await this.poll(ms, async () => (await box.inputValue()) === value && (await row.isVisible())))) {
      return `no row "${label}": ${await this.rowsSeen()}`;
    }
    await this.accept(row);
    return true;
  }

  /**
   * Runs a command from the palette (the row whose label is exactly `title`) and waits until the
   * palette has closed. For a command that shows its own quick input, `opensInput` returns once
   * that input is open with the focus. A lost keystroke, a missing row or a quick input closed
   * by a webview taking the focus begins the gesture anew.
   */
  async command(title: string, opensInput = false): Promise<void> {
    await this.attempts(`the command "${title}"`, async (ms) => {
      const opened = await this.paletteAttempt(ms, `>${title}`, title, true);
      if (opened !== true) return opened;
      const done = opensInput
        ? await this.poll(ms, () => this.quickInputFocused((v) => !v.startsWith('>')))
        : await this.poll(ms, async () => !(await this.quickInput().isVisible()));
      return done ? true : `after the row was accepted: ${await this.rowsSeen()}`;
    });
  }

  /**
   * Runs the command `title`, which shows a quick pick, and accepts its row `label`: waits for the
   * row, and begins again from the palette if the quick pick vanished (a webview that takes the
   * focus as it loads closes a quick input opened before). `confirm`, when given, must then hold
   * (polled): the effect of the choice, so a pick that went nowhere is made again.
   */
  async commandPick(title: string, label: string, confirm?: () => Promise<boolean>): Promise<void> {
    await this.attempts(`"${label}" in "${title}"`, async (ms) => {
      const opened = await this.paletteAttempt(ms, `>${title}`, title, true);
      if (opened !== true) return opened;
      const row = this.row(label, false);
      if (!(await this.poll(ms, async () => (await this.quickInputFocused((v) => !v.startsWith('>'))) && (await row.isVisible())))) {
        return `no row "${label}" in the quick pick of "${title}": ${await this.rowsSeen()}`;
      }
      await this.accept(row);
      if (!(await this.poll(ms, async () => !(await this.quickInput().isVisible())))) return `the quick pick stayed open: ${await this.rowsSeen()}`;
      if (confirm && !(await this.poll(ms, confirm))) return `"${label}" was accepted but had no effect`;
      return true;
    });
  }

  /**
   * The labels of the quick pick that the command `title` shows, read and closed again (to
   * confirm a choice made in it, e.g. the level a "• " marks).
   */
  async commandPickRows(title: string): Promise<string[]> {
    let labels: string[] = [];
    await this.attempts(`the rows of "${title}"`, async (ms) => {
      const opened = await this.paletteAttempt(ms, `>${title}`, title, true);
      if (opened !== true) return opened;
      const rows = this.page.locator('.quick-input-list .monaco-list-row .label-name');
      if (!(await this.poll(ms, async () => (await this.quickInputFocused((v) => !v.startsWith('>'))) && (await rows.count()) > 0))) {
        return `no quick pick of "${title}": ${await this.rowsSeen()}`;
      }
      labels = (await rows.allTextContents()).map((t) => t.trim());
      await this.page.keyboard.press('Escape');
      await this.poll(ms, async () => !(await this.quickInput().isVisible()));
      return true;
    });
    return labels;
  }

  /**
   * Runs the code lens `title` shown above 1-based `line`: waits until the editor draws it, then
   * runs it as VS Code's "Show CodeLens Commands for Current Line" does. Not by a mouse click:
   * VS Code fetches the lenses again whenever the editor regains the focus and gives the lens
   * links new element ids on every drawing, so a click that lands while they are redrawn (as
   * after Go to Line, on a loaded machine) runs nothing. The command finds the lens by line and
   * title in the editor's current lens model and runs the same command with the same arguments.
   */
  async codeLens(line: number, title: string): Promise<void> {
    await this.goToLine(line);
    await this.page.locator('.codelens-decoration a', { hasText: title }).first().waitFor({ state: 'visible' });
    await this.commandPick('Show CodeLens Commands for Current Line', title);
  }

  /** Opens a workspace file by quick open and waits until its editor is active and drawn. */
  async openFile(name: string): Promise<void> {
    const tab = this.page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`);
    await this.attempts(`opening ${name}`, async (ms) => {
      const opened = await this.paletteAttempt(ms, name, name, false);
      if (opened !== true) return opened;
      return (await this.poll(ms, async () => !(await this.quickInput().isVisible()) && (await tab.isVisible()))) ? true : `no active tab ${name}: ${await this.rowsSeen()}`;
    });
    await this.page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /**
   * Moves the cursor to a 1-based line with the palette's `:N` form (Go to Line) and waits until
   * the status bar says so.
   */
  async goToLine(line: number): Promise<void> {
    await this.attempts(`go to line ${line}`, async (ms) => {
      const opened = await this.paletteAttempt(ms, `:${line}`, `line ${line}.`, false);
      if (opened !== true) return opened;
      return (await this.poll(ms, async () => !(await this.quickInput().isVisible()) && (await this.cursorLine()) === line))
        ? true : `cursor on line ${await this.cursorLine()}: ${await this.rowsSeen()}`;
    });
  }

  /**
   * Shows the hover at 1-based `line` ("Show or Focus Hover" there) and waits for a hover whose
   * text matches `text`. Begun anew when none comes: the hover can close before the server's
   * part of it arrives (the focus moved, or the editor redrew under it on a loaded machine).
   */
  async hover(line: number, text: RegExp): Promise<void> {
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();
    await this.attempts(`the hover at line ${line} with ${String(text)}`, async (ms) => {
      await this.goToLine(line);
      const opened = await this.paletteAttempt(ms, '>Show or Focus Hover', 'Show or Focus Hover', true);
      if (opened !== true) return opened;
      if (await this.poll(ms, () => hover.isVisible())) return true;
      const seen = await this.page.locator('.monaco-hover:not(.hidden)').allTextContents().catch(() => []);
      await this.page.keyboard.press('Escape');
      return `hovers shown: ${JSON.stringify(seen.map((t) => t.slice(0, 120)))}`;
    });
  }

  /**
   * "Developer: Reload Window", then waits for the new page: its workbench and status bar drawn
   * (not the old page's, still shown while the reload begins) and the focus settled in it.
   */
  async reloadWindow(): Promise<void> {
    await this.page.evaluate(() => { (window as unknown as { orbitE2eOldPage?: boolean }).orbitE2eOldPage = true; });
    await this.command('Developer: Reload Window');
    await this.waitFor('the reloaded window', async () =>
      ((await this.page.evaluate(() => (window as unknown as { orbitE2eOldPage?: boolean }).orbitE2eOldPage !== true
        && document.querySelector('.monaco-workbench') !== null && document.querySelector('#workbench\\.parts\\.statusbar') !== null)) ? true : undefined));
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    await this.page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible' });
  }

  async cursorLine(): Promise<number | undefined> {
    const text = await this.page.locator('#status\\.editor\\.selection').textContent({ timeout: 1_000 }).catch(() => null);
    const m = /Ln (\d+)/.exec(text ?? '');
    return m ? Number(m[1]) : undefined;
  }

  /** Waits until the status bar's Problems item counts at least one error; returns its label. */
  async waitForErrors(): Promise<string> {
    const label = async () => (await this.page.locator('#status\\.problems a, #status\\.problems').first().getAttribute('aria-label', { timeout: 1_000 }).catch(() => null)) ?? '';
    return this.waitFor('an error in the Problems count', async () => {
      const aria = await label();
      const m = /Errors?: (\d+)/i.exec(aria);
      return m && Number(m[1]) >= 1 ? aria : undefined;
    }, label);
  }

  /**
   * The frame of the Orbit review panel once its script has rendered a session into #app (with
   * this progress text, when given) and the panel holds the keyboard focus, as it takes it when
   * it opens. Keys pressed before that would reach the editor, and a quick input opened before
   * that would close again when the panel takes the focus.
   */
  async reviewFrame(progress?: string): Promise<Frame> {
    return this.waitFor(`the review panel${progress ? ` at "${progress}"` : ''} with the focus`, async () => {
      for (const frame of this.page.frames()) {
        const state = await frame.evaluate(() => {
          if (document.querySelector('#app[aria-busy="false"]') === null) return undefined;
          return { progress: document.getElementById('progress')?.textContent ?? '', focused: document.hasFocus() };
        }).catch(() => undefined);
        if (state && (progress === undefined || state.progress === progress) && state.focused) return frame;
      }
      return undefined;
    }, async () => {
      const seen: string[] = [];
      for (const frame of this.page.frames()) {
        const state = await frame.evaluate(() => (document.getElementById('app')
          ? `progress "${document.getElementById('progress')?.textContent ?? ''}", busy ${document.getElementById('app')?.getAttribute('aria-busy')}, focused ${document.hasFocus()}`
          : undefined)).catch(() => undefined);
        if (state) seen.push(state);
      }
      return seen.length > 0 ? seen.join(' | ') : 'no review panel';
    });
  }
}

/** Waits until the review panel's progress line reads `expected`. */
export async function waitProgress(frame: Frame, expected: string): Promise<void> {
  const progress = () => frame.locator('#progress').textContent({ timeout: 1_000 });
  await workbenches.get(frame.page())!.waitFor(`progress "${expected}"`, async () => ((await progress()) === expected ? true : undefined),
    async () => JSON.stringify(await progress()), TIMEOUT, 50);
}
