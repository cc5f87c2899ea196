// A "server" that answers every request at once with a null result and does nothing else.
// latency.mjs sends the real server's 300 hovers to this one too, right after: what its answers
// take is what the client, the pipes and the machine's scheduler add to any answer (the floor
// under the real server's figures, measured in the same minute).
//
// It also watches the machine: a 1 ms timer that comes 3 ms late or more, while this process has
// nothing else to do and its own collector did not run, means the machine did not run it. The
// request `echo/stalls` answers those spans (milliseconds since the Unix epoch, fractional), so
// that the client can tell a slow answer that met one from one that did not.
//
//   node echo-server.mjs        (speaks LSP's base protocol on stdin/stdout; `exit` ends it)
//
// It keeps its own work as small as it can: a request's id is read from the start of its body,
// where latency.mjs's client writes it (`{"jsonrpc":"2.0","id":N,"method":...`), and nothing is parsed.
import { performance, PerformanceObserver } from 'node:perf_hooks';

const request = /^\{"jsonrpc":"2\.0","id":(\d+),"method":"([^"]*)"/;
let buffered = null;

const late = [];
const collections = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push([e.startTime, e.startTime + e.duration]);
}).observe({ entryTypes: ['gc'] });
let tick = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - tick >= 4) late.push([tick + 1, now]);
  tick = now;
}, 1);

/** The machine's stalls so far: late ticks that none of this process's own collections overlaps. */
function stalls() {
  const spans = late.filter(([a, b]) => !collections.some(([c, d]) => c < b && d > a));
  return spans.map(([a, b]) => [performance.timeOrigin + a, performance.timeOrigin + b]);
}

process.stdin.on('data', (chunk) => {
  let buffer = buffered === null ? chunk : Buffer.concat([buffered, chunk]);
  buffered = null;
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) break;
    const length = /Content-Length:\s*(\d+)/i.exec(buffer.toString('ascii', 0, headerEnd));
    if (!length) {
      process.stderr.write('echo-server: a message without Content-Length\n');
      process.exit(1);
    }
    const end = headerEnd + 4 + Number(length[1]);
    if (buffer.length < end) break;
    const start = buffer.toString('latin1', headerEnd + 4, Math.min(end, headerEnd + 4 + 100));
    buffer = buffer.subarray(end);
    const match = request.exec(start);
    if (match) answer(match[1], match[2] === 'echo/stalls' ? JSON.stringify(stalls()) : 'null');
    else if (start.startsWith('{"jsonrpc":"2.0","method":"exit"')) process.exit(0);
  }
  if (buffer.length > 0) buffered = Buffer.from(buffer);
});
process.stdin.on('end', () => process.exit(0));

function answer(id, result) {
  const body = `{"jsonrpc":"2.0","id":${id},"result":${result}}`;
  process.stdout.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
