// Packs the extension for one platform: publishes the server for it into server-dist/, bundles
// the client (client/build.mjs --production) and writes the platform's .vsix. For this machine's
// platform the server is native (compiled ahead of time: one executable, no .NET runtime; needs a C
// toolchain, clang or gcc); for another platform, which native code cannot be built for here, it is
// self-contained (the .NET runtime inside, precompiled and trimmed). See server/OrbitLsp/OrbitLsp.csproj.
//
//   node client/package.mjs                      # this machine's platform: orbit-lsp-<version>.vsix
//   node client/package.mjs --target darwin-arm64  # another one: orbit-lsp-darwin-arm64-<version>.vsix
//
// Targets are VS Code's (vsce --target); each maps to a .NET runtime identifier.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runtimeOf = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'alpine-x64': 'linux-musl-x64',
  'alpine-arm64': 'linux-musl-arm64',
  'darwin-x64': 'osx-x64',
  'darwin-arm64': 'osx-arm64',
  'win32-x64': 'win-x64',
  'win32-arm64': 'win-arm64',
};

const at = process.argv.indexOf('--target');
const host = `${process.platform}-${process.arch}`;
const target = at > 0 ? process.argv[at + 1] : host;
const runtime = runtimeOf[target];
if (runtime === undefined) {
  console.error(`Unknown target "${target}"; one of: ${Object.keys(runtimeOf).join(', ')}`);
  process.exit(2);
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = target === host ? `orbit-lsp-${version}.vsix` : `orbit-lsp-${target}-${version}.vsix`;
const windows = process.platform === 'win32';
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit', shell: windows });

// A fresh folder: files of an earlier publish for another platform must not ship.
rmSync(join(root, 'server-dist'), { recursive: true, force: true });
run('dotnet', ['publish', 'server/OrbitLsp/OrbitLsp.csproj', '-c', 'Release', '-r', runtime, '--self-contained', 'true',
  `-p:PublishAot=${target === host}`, '-o', 'server-dist', '-p:DebugType=none', '-p:DebugSymbols=false', '--nologo', '-v', 'q']);
run(process.execPath, ['client/build.mjs', '--production']);
run(join(root, 'node_modules', '.bin', windows ? 'vsce.cmd' : 'vsce'), ['package', '--target', target, '--no-dependencies',
  '--readme-path', 'client/README.md', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out]);
