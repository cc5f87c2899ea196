/** The VS Code workbench in chromium: code-server with the .vsix, and the few gestures the tests use. */
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { waitFor } from './support';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);

export class Workbench {
  /** Console messages about the Content-Security-Policy, from the workbench and every webview frame. */
  readonly cspMessages: string[] = [];
  /** Messages of alert/confirm/prompt dialogs (none may ever open). */
  readonly dialogs: string[] = [];

  private constructor(readonly codeServer: RunningCodeServer, private readonly browser: Browser, readonly page: Page) {
    page.setDefaultTimeout(TIMEOUT);
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
   */
  static async open(settings: Record<string, unknown> = {}): Promise<Workbench> {
    const server = process.env.ORBIT_E2E_SERVER_PATH ? { 'orbitLsp.server.path': process.env.ORBIT_E2E_SERVER_PATH } : {};
    const codeServer = await startCodeServer({ ...server, ...settings });
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

  /** Runs a command from the palette; `opensInput` for commands that show their own quick input. */
  async command(title: string, opensInput = false): Promise<void> {
    const page = this.page;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    if (!opensInput) await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  async openFile(name: string): Promise<void> {
    const page = this.page;
    const input = page.locator('.quick-input-widget input');
    // Right after a webview panel had the focus, the quick input can close again as soon as it
    // opened (the panel takes the focus back): open it again rather than wait for it.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill(name, { timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await page.keyboard.press('Escape');
      }
    }
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ state: 'visible' });
    await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** Moves the cursor to a 1-based line and waits until the status bar says so. */
  async goToLine(line: number): Promise<void> {
    await this.command('Go to Line/Column...', true);
    await this.page.locator('.quick-input-widget input').fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await waitFor(`cursor on line ${line}`, async () => ((await this.cursorLine()) === line ? true : undefined), TIMEOUT);
  }

  async cursorLine(): Promise<number | undefined> {
    const text = await this.page.locator('#status\\.editor\\.selection').textContent().catch(() => null);
    const m = /Ln (\d+)/.exec(text ?? '');
    return m ? Number(m[1]) : undefined;
  }

  /** Waits until the status bar's Problems item counts at least one error; returns its label. */
  async waitForErrors(): Promise<string> {
    return waitFor('an error in the Problems count', async () => {
      const aria = (await this.page.locator('#status\\.problems a, #status\\.problems').first().getAttribute('aria-label').catch(() => null)) ?? '';
      const m = /Errors?: (\d+)/i.exec(aria);
      return m && Number(m[1]) >= 1 ? aria : undefined;
    }, TIMEOUT, 200);
  }

  /** The frame of the Orbit review panel once its script has rendered into #app. */
  async reviewFrame(): Promise<Frame> {
    return waitFor('the review panel', async () => {
      for (const frame of this.page.frames()) {
        const ready = await frame.evaluate(() => document.querySelector('#app[aria-busy="false"]') !== null).catch(() => false);
        if (ready) return frame;
      }
      return undefined;
    }, TIMEOUT, 100);
  }
}

export async function waitProgress(frame: Frame, expected: string): Promise<void> {
  await waitFor(`progress "${expected}"`, async () => ((await frame.locator('#progress').textContent()) === expected ? true : undefined), TIMEOUT);
}
