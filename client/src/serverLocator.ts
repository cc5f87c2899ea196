/**
 * Finds the OrbitLsp server and the command that starts it. Pure: the file system, the
 * settings and the environment come in through `LocatorHost`, so every case is unit-tested
 * with a fake host. No vscode import.
 *
 * Order: the `orbitLsp.server.path` setting; the server packed in the extension
 * (`server-dist/`: native or self-contained, its executable run directly; a framework-dependent
 * `orbitlsp.dll` runs with dotnet); a development build in the repository or workspace
 * (`server/OrbitLsp/bin/{Debug,Release}/net10.0/orbitlsp.dll`, the newest first).
 */
import * as path from 'node:path';

export interface LocatorHost {
  /** The `orbitLsp.server.path` setting ('' when unset). */
  serverPathSetting: string;
  /** The `orbitLsp.server.dotnetPath` setting ('' when unset). */
  dotnetPathSetting: string;
  extensionPath: string;
  workspaceFolders: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** Modification time in ms of an existing file, undefined when there is no such file. */
  fileTime(file: string): number | undefined;
}

export type ServerSource = 'setting' | 'bundled' | 'development';

export interface ServerLaunch {
  kind: 'found';
  command: string;
  args: string[];
  source: ServerSource;
  /** The dll or executable, for the log. */
  server: string;
}

export interface ServerMissing {
  kind: 'missing';
  /** What is missing: the .NET runtime's `dotnet`, or the server itself. */
  what: 'dotnet' | 'server';
  /** One sentence that says what to install or set. */
  message: string;
}

export type LocateResult = ServerLaunch | ServerMissing;

export const DOTNET_DOWNLOAD = 'https://dotnet.microsoft.com/download/dotnet/10.0';

export function locateServer(host: LocatorHost): LocateResult {
  const setting = host.serverPathSetting.trim();
  if (setting !== '') {
    const file = expandHome(setting, host);
    if (host.fileTime(file) === undefined) {
      return {
        kind: 'missing',
        what: 'server',
        message: `The setting orbitLsp.server.path points to ${file}, which does not exist. Set it to an orbitlsp.dll or orbitlsp executable, or clear it to use the server packed in the extension.`,
      };
    }
    return launch(file, 'setting', host);
  }

  const dist = path.join(host.extensionPath, 'server-dist');
  const apphost = path.join(dist, host.platform === 'win32' ? 'orbitlsp.exe' : 'orbitlsp');
  // A self-contained server carries its runtime: no dotnet needed.
  const selfContained = host.fileTime(path.join(dist, runtimeLibrary(host.platform))) !== undefined;
  if (selfContained && host.fileTime(apphost) !== undefined) return launch(apphost, 'bundled', host);
  const bundledDll = path.join(dist, 'orbitlsp.dll');
  if (host.fileTime(bundledDll) !== undefined) return launch(bundledDll, 'bundled', host);
  if (host.fileTime(apphost) !== undefined) return launch(apphost, 'bundled', host);

  const dev = newest(developmentBuilds(host), host);
  if (dev !== undefined) return launch(dev, 'development', host);

  return {
    kind: 'missing',
    what: 'server',
    message: 'The OrbitLsp server was not found: this extension has no server packed in it and no development build exists (dotnet build server/OrbitLsp). Install the orbit-lsp .vsix from a release, or set orbitLsp.server.path.',
  };
}

/** The runtime library a self-contained .NET program carries beside its executable. */
function runtimeLibrary(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'coreclr.dll' : platform === 'darwin' ? 'libcoreclr.dylib' : 'libcoreclr.so';
}

/** Where a development build lives, for the extension's own folder and each workspace folder. */
export function developmentBuilds(host: Pick<LocatorHost, 'extensionPath' | 'workspaceFolders'>): string[] {
  const roots = [host.extensionPath, ...host.workspaceFolders];
  return roots.flatMap((root) =>
    ['Debug', 'Release'].map((config) => path.join(root, 'server', 'OrbitLsp', 'bin', config, 'net10.0', 'orbitlsp.dll')),
  );
}

function newest(files: string[], host: LocatorHost): string | undefined {
  let best: string | undefined;
  let bestTime = -Infinity;
  for (const f of files) {
    const t = host.fileTime(f);
    if (t !== undefined && t > bestTime) {
      best = f;
      bestTime = t;
    }
  }
  return best;
}

function launch(server: string, source: ServerSource, host: LocatorHost): LocateResult {
  if (!server.toLowerCase().endsWith('.dll')) {
    // An apphost finds the runtime itself (DOTNET_ROOT or the global install).
    return { kind: 'found', command: server, args: [], source, server };
  }
  const dotnet = findDotnet(host);
  if (dotnet === undefined) {
    return {
      kind: 'missing',
      what: 'dotnet',
      message: `The Orbit language server needs the .NET 10 runtime, and no dotnet executable was found. Install the .NET 10 runtime (${DOTNET_DOWNLOAD}), or set orbitLsp.server.dotnetPath to your dotnet executable.`,
    };
  }
  return { kind: 'found', command: dotnet, args: [server], source, server };
}

/** `orbitLsp.server.dotnetPath`, else `$DOTNET_ROOT/dotnet`, else `dotnet` on PATH. */
export function findDotnet(host: LocatorHost): string | undefined {
  const exe = host.platform === 'win32' ? 'dotnet.exe' : 'dotnet';
  const setting = host.dotnetPathSetting.trim();
  if (setting !== '') {
    const file = expandHome(setting, host);
    return host.fileTime(file) !== undefined ? file : undefined;
  }
  const root = host.env.DOTNET_ROOT;
  if (root) {
    const file = path.join(root, exe);
    if (host.fileTime(file) !== undefined) return file;
  }
  const sep = host.platform === 'win32' ? ';' : ':';
  for (const dir of (host.env.PATH ?? host.env.Path ?? '').split(sep)) {
    if (dir === '') continue;
    const file = path.join(dir, exe);
    if (host.fileTime(file) !== undefined) return file;
  }
  return undefined;
}

/**
 * True when `dotnet --list-runtimes` output lists a Microsoft.NETCore.App 10 (or later) runtime,
 * e.g. "Microsoft.NETCore.App 10.0.0 [/usr/lib/dotnet/shared/Microsoft.NETCore.App]".
 */
export function hasRuntime(listRuntimesOutput: string, major = 10): boolean {
  return listRuntimesOutput
    .split(/\r?\n/)
    .map((line) => /^Microsoft\.NETCore\.App\s+(\d+)\./.exec(line.trim()))
    .some((m) => m !== null && Number(m[1]) >= major);
}

function expandHome(file: string, host: LocatorHost): string {
  const home = host.env.HOME ?? host.env.USERPROFILE;
  return home && (file === '~' || file.startsWith('~/')) ? path.join(home, file.slice(1)) : file;
}
