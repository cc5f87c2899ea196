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

  /**
   * Opens the quick input with F1, waits until it holds the focus, types `value` and accepts the
   * first row that contains `row` (a row of the value typed, not of the list shown before).
   */
  private async quickPick(value: string, row: string): Promise<void> {
    const page = this.page;
    const input = page.locator('.quick-input-widget input');
    await page.keyboard.press('F1');
    await this.waitFor('the quick input to take the focus', async () =>
      ((await input.evaluate((e) => e === document.activeElement && e.closest('.quick-input-widget') !== null).catch(() => false)) ? true : undefined),
    () => this.focus());
    await input.fill(value);
    await this.pick(row, value);
  }

  /**
   * In the open quick input, waits for a row that contains `row` (once the input holds `value`,
   * when given, so the rows are those of the value typed) and accepts the first such row.
   */
  private async pick(row: string, value?: string): Promise<void> {
    const page = this.page;
    const input = page.locator('.quick-input-widget input');
    const match = page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first();
    await this.waitFor(`a quick input row "${row}"${value === undefined ? '' : ` for "${value}"`}`, async () =>
      ((value === undefined || (await input.inputValue()) === value) && (await match.isVisible()) ? true : undefined),
    async () => `value "${await input.inputValue().catch(() => '?')}", rows ${JSON.stringify(await page.locator('.quick-input-list .monaco-list-row').allTextContents().catch(() => []))}`);
    await page.keyboard.press('Enter');
  }

  /**
   * Runs a command from the palette and waits until the palette has closed. For a command that
   * shows its own quick input, `opensInput` returns once that input is open with the focus.
   */
  async command(title: string, opensInput = false): Promise<void> {
    await this.quickPick(`>${title}`, title);
    if (!opensInput) {
      await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    } else {
      await this.waitFor(`the quick input of "${title}"`, async () =>
        ((await this.page.locator('.quick-input-widget input').evaluate((e) => e === document.activeElement && !(e as HTMLInputElement).value.startsWith('>'))) ? true : undefined),
      () => this.focus());
    }
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
    await this.command('Show CodeLens Commands for Current Line', true);
    await this.pick(title);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file by quick open and waits until its editor is active and drawn. */
  async openFile(name: string): Promise<void> {
    await this.quickPick(name, name);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ state: 'visible' });
    await this.page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** Moves the cursor to a 1-based line and waits until the status bar says so. */
  async goToLine(line: number): Promise<void> {
    await this.command('Go to Line/Column...', true);
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(`:${line}`);
    await this.pick(`line ${line}.`, `:${line}`);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.waitFor(`cursor on line ${line}`, async () => ((await this.cursorLine()) === line ? true : undefined), async () => `line ${await this.cursorLine()}`);
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
