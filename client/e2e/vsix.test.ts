/** What `npm run package` puts in the .vsix: the bundles, the panel's media and the server, nothing else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { vsixPath } from './codeServer';

/** The entries of a zip archive (name → where its local header starts, method, compressed size), read from its central directory. */
function zipDirectory(zip: Buffer): Map<string, { at: number; method: number; size: number }> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, { at: number; method: number; size: number }>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    entries.set(zip.toString('utf8', at + 46, at + 46 + nameLength), { at: zip.readUInt32LE(at + 42), method: zip.readUInt16LE(at + 10), size: zip.readUInt32LE(at + 20) });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** One entry's text (stored or deflated). */
function zipText(zip: Buffer, entry: { at: number; method: number; size: number }): string {
  const start = entry.at + 30 + zip.readUInt16LE(entry.at + 26) + zip.readUInt16LE(entry.at + 28);
  const data = zip.subarray(start, start + entry.size);
  return (entry.method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
}

const windows = process.platform === 'win32';

// Packed on this platform, the server is native (client/package.mjs): one executable beside the
// rule pages, no .NET assembly and no runtime library.
test('the .vsix holds the bundled client, the panel and preview media, KaTeX fonts and the native server for this platform', () => {
  const vsix = vsixPath();
  const zip = fs.readFileSync(vsix);
  const directory = zipDirectory(zip);
  const names = [...directory.keys()];
  for (const required of [
    'extension/package.json',
    'extension/readme.md',
    'extension/dist/extension.js',
    'extension/dist/webview.js',
    'extension/media/review.css',
    'extension/media/preview.css',
    'extension/media/katex/katex.min.css',
    'extension/media/katex/fonts/KaTeX_Main-Regular.woff2',
    `extension/server-dist/${windows ? 'orbitlsp.exe' : 'orbitlsp'}`,
    'extension/server-dist/docs/rules/OL001.md',
  ]) {
    assert.ok(names.some((n) => n.toLowerCase() === required.toLowerCase()), `${required} in ${names.join(', ')}`);
  }
  const managed = names.filter((n) => n.startsWith('extension/server-dist/') && /\.(dll|so|dylib|json)$/i.test(n) && !(windows && /orbitlsp\.exe$/i.test(n)));
  assert.deepEqual(managed, [], 'a native server ships no assemblies, runtime libraries or runtime configuration');
  const unwanted = names.filter((n) => /node_modules|\/client\/|\.ts$|\.map$|\.pdb$|\/out\/|\/tests?\//.test(n));
  assert.deepEqual(unwanted, []);
  // The native server compresses well: 6.6 MB in all for linux-x64 (5 December 2026).
  const size = fs.statSync(vsix).size;
  assert.ok(size < 15 * 1024 * 1024, `${size} bytes`);
  const manifest = directory.get('extension.vsixmanifest');
  assert.ok(manifest, 'extension.vsixmanifest');
  assert.match(zipText(zip, manifest), new RegExp(`TargetPlatform="${process.platform}-${process.arch}"`));
});
