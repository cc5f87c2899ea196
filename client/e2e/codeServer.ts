/** Starts code-server with the packed extension installed, for the end-to-end test in real VS Code. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, waitFor } from './support';

/**
 * Where the test installs code-server when CODE_SERVER is not given: a cache outside the clone,
 * so every clone on the machine (CI's too) installs it once.
 */
export const codeServerDir = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'orbitlsp-e2e', 'code-server-4.100.3');

export function codeServerBinary(): string {
  if (process.env.CODE_SERVER) return process.env.CODE_SERVER;
  const bin = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) {
    execFileSync('bash', [path.join(repoRoot, 'client', 'e2e', 'install-code-server.sh'), codeServerDir], { stdio: 'inherit' });
  }
  return bin;
}

export function vsixPath(): string {
  const vsix = process.env.ORBIT_VSIX ?? path.join(repoRoot, `orbit-lsp-${readVersion()}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`No ${vsix}: run "npm run package" first (npm run test:e2e does it).`);
  return vsix;
}

function readVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningCodeServer {
  url: string;
  workspace: string;
  log: string[];
  stop(): Promise<void>;
}

/**
 * A fresh user-data and extensions folder, the .vsix installed, a workspace holding copies of the
 * example notes, the test fixtures and `files` (relative path → content), code-server listening
 * on a free loopback port.
 */
export async function startCodeServer(settings: Record<string, unknown> = {}, files: Record<string, string> = {}): Promise<RunningCodeServer> {
  const bin = codeServerBinary();
  const vsix = vsixPath();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'orbit-e2e-'));
  const userData = path.join(base, 'user-data');
  const extensions = path.join(base, 'extensions');
  const workspace = path.join(base, 'notes');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true });
  fs.cpSync(path.join(repoRoot, 'client', 'e2e', 'fixtures'), workspace, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
    fs.writeFileSync(path.join(workspace, name), content);
  }
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'workbench.tips.enabled': false,
      // Nothing that could open on its own and take the focus or cover what a test clicks.
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'extensions.ignoreRecommendations': true,
      'git.enabled': false,
      'workbench.enableExperiments': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'chat.disableAIFeatures': true,
      'editor.hover.delay': 100,
      'window.commandCenter': false,
      ...settings,
    }, null, 2),
  );
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(base, 'config'), XDG_DATA_HOME: path.join(base, 'data'), XDG_STATE_HOME: path.join(base, 'state') };
  const dirs = ['--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(bin, [...dirs, '--install-extension', vsix], { env, stdio: 'pipe' });

  const port = await freePort();
  const log: string[] = [];
  const child: ChildProcess = spawn(bin, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ...dirs,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    workspace,
  ], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  await waitFor('code-server to answer', async () => {
    if (child.exitCode !== null) throw new Error(`code-server exited: ${log.join('')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.ok ? true : undefined;
    } catch {
      return undefined;
    }
  }, 180_000, 200);
  return {
    url,
    workspace,
    log,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
      // scripts/e2e-repeat.sh keeps each run's logs (the extension's output channels, the
      // extension host's and the server's log) beside its screenshots.
      const artifacts = process.env.E2E_ARTIFACTS;
      if (artifacts) {
        for (const dir of ['user-data/logs', 'data', 'state']) {
          const from = path.join(base, dir);
          if (fs.existsSync(from)) fs.cpSync(from, path.join(artifacts, 'logs', path.basename(base), dir), { recursive: true });
        }
      }
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
