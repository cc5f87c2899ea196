/** Helpers shared by the end-to-end tests: paths, an oracle for expected cards, polling. */
import * as path from 'node:path';
import * as fs from 'node:fs';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const exampleNote = path.join(repoRoot, 'examples', 'misalignment.md');

/** The development build: `npm run build:server` (dotnet build) makes it. */
export const serverDll = path.join(repoRoot, 'server', 'OrbitLsp', 'bin', 'Debug', 'net10.0', 'orbitlsp.dll');

/**
 * The server the protocol tests start: the one `npm run package` packs (self-contained, trimmed:
 * the build that ships), or ORBITLSP_SERVER (an orbitlsp.dll, run with dotnet, or an executable).
 */
export const testedServer = process.env.ORBITLSP_SERVER ?? path.join(repoRoot, 'server-dist', process.platform === 'win32' ? 'orbitlsp.exe' : 'orbitlsp');

/** The command and arguments that start {@link testedServer}. */
export function serverCommand(): [string, string[]] {
  if (!fs.existsSync(testedServer)) {
    throw new Error(`No server at ${testedServer}: run "npm run package" first (npm run test:e2e does it).`);
  }
  return testedServer.toLowerCase().endsWith('.dll') ? ['dotnet', [testedServer]] : [testedServer, []];
}

export interface ExpectedCard {
  block: number;
  prompt: number;
  line: number;
  question: string;
  answer: string;
}

/**
 * The cards of the plain `{{<orbit_review ...>}}` blocks of a note, paired as the shortcode pairs
 * them (ORBIT-FORMAT §1): lines trimmed of spaces and `*`, blank ones skipped, paired in order, an
 * odd last line a prompt without an answer. Enough for the example notes, which use no other form.
 */
export function expectedCards(text: string): ExpectedCard[] {
  const cards: ExpectedCard[] = [];
  const lines = text.split('\n');
  let block = -1;
  let inner: { line: number; text: string }[] | undefined;
  lines.forEach((raw, line) => {
    if (/^\{\{[<%]\s*orbit_review\b/.test(raw)) {
      block++;
      inner = [];
    } else if (/^\{\{[<%]\s*\/orbit_review\s*[>%]\}\}/.test(raw) && inner) {
      const prompts = inner.map((l) => ({ line: l.line, text: l.text.replace(/^[ *]+|[ *]+$/g, '') })).filter((l) => l.text !== '');
      for (let i = 0; i < prompts.length; i += 2) {
        cards.push({ block, prompt: i / 2, line: prompts[i].line, question: prompts[i].text, answer: prompts[i + 1]?.text ?? '' });
      }
      inner = undefined;
    } else if (inner) {
      inner.push({ line, text: raw });
    }
  });
  return cards;
}

/** Resolves with the first value `probe` returns that is not undefined; polls, never sleeps blindly. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
