/** What `npm run package` puts in the .vsix: the bundles, the panel's media and the server, nothing else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { vsixPath } from './codeServer';

/** File names in a zip archive, read from its central directory. */
function zipEntries(file: string): string[] {
  const zip = fs.readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

test('the .vsix holds the bundled client, the panel media, KaTeX fonts and the published server', () => {
  const vsix = vsixPath();
  const names = zipEntries(vsix);
  for (const required of [
    'extension/package.json',
    'extension/readme.md',
    'extension/dist/extension.js',
    'extension/dist/webview.js',
    'extension/media/review.css',
    'extension/media/katex/katex.min.css',
    'extension/media/katex/fonts/KaTeX_Main-Regular.woff2',
    'extension/server-dist/orbitlsp.dll',
    'extension/server-dist/orbitlsp.runtimeconfig.json',
    'extension/server-dist/OrbitLsp.Core.dll',
  ]) {
    assert.ok(names.some((n) => n.toLowerCase() === required.toLowerCase()), `${required} in ${names.join(', ')}`);
  }
  const unwanted = names.filter((n) => /node_modules|\/client\/|\.ts$|\.map$|\.pdb$|\/out\/|\/tests?\//.test(n));
  assert.deepEqual(unwanted, []);
  const size = fs.statSync(vsix).size;
  assert.ok(size < 5 * 1024 * 1024, `${size} bytes`);
});
