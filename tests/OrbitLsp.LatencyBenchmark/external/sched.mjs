// The kernel's own record of who ran where, for `latency.mjs --sched` (Linux, `perf`, and the right
// to trace the whole machine: root, or kernel.perf_event_paranoid at -1).
//
// An answer's time includes every moment a thread that had to run for it was ready but had no CPU:
// woken (or preempted) and waiting while another thread held the core. On a machine with two cores
// that other thread is often the client's own (Node's compiler and collector threads), another
// process, or the host taking the virtual CPU away. `perf record` of the scheduler's switch and
// wake-up events gives those waits exactly, per thread, on the clock `process.hrtime` reads
// (CLOCK_MONOTONIC), so each answer can be read with them taken out, and each wait says what held
// the core meanwhile. The raw time stays the figure; this says how much of it was the server's own.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Milliseconds to add to `performance.now()` to get CLOCK_MONOTONIC (what perf stamps events with). */
export const monotonicOffset = () => Number(process.hrtime.bigint()) / 1e6 - performance.now();

/** The thread ids of a live process (Linux). */
export function threadsOf(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [];
  }
}

/**
 * Starts recording the scheduler's events machine-wide into `file`; resolves once perf is writing,
 * or with an error that says why it cannot (no perf, no permission).
 */
export async function startRecording(file) {
  rmSync(file, { force: true });
  const perf = spawn('perf', ['record', '-q', '-k', 'CLOCK_MONOTONIC', '-e', 'sched:sched_switch', '-e', 'sched:sched_wakeup', '-a', '-o', file],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  perf.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => { perf.on('exit', (code) => resolve(code)); perf.on('error', (e) => { stderr += e.message; resolve(-1); }); });
  // perf writes its header once the events are on; give it up to 10 s.
  for (let waited = 0; waited < 10_000; waited += 50) {
    const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 50))]);
    if (done !== undefined) throw new Error(`perf record could not start (${stderr.trim() || `exit code ${done}`})`);
    if (existsSync(file) && statSync(file).size > 0) break;
  }
  await new Promise((r) => setTimeout(r, 200));
  return {
    /** Stops the recording and reads it back as runnable waits and runs per thread. */
    async stop() {
      perf.kill('SIGINT');
      await exited;
      return readRecording(file);
    },
  };
}

const line = /^\s*(.*?)\s+(\d+)\s+\[(\d+)\]\s+(\d+\.\d+):\s+sched:(sched_switch|sched_wakeup):\s+(.*)$/;
const wakeup = /comm=(.*) pid=(\d+) prio=/;
const switched = /prev_comm=(.*) prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*) next_pid=(\d+) next_prio=/;

/**
 * The recording as, per thread id, the spans in which it was ready to run but not running
 * (`waits`: [from, to, cpu], milliseconds on CLOCK_MONOTONIC), and per CPU the spans each thread ran
 * (`runs`: [from, to, tid, name]).
 */
async function readRecording(file) {
  const script = spawn('perf', ['script', '-i', file, '-F', 'comm,tid,cpu,time,event,trace'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const waits = new Map();
  const runs = new Map();
  const ready = new Map();
  const running = new Map();
  const names = new Map();
  for await (const text of createInterface({ input: script.stdout })) {
    const m = line.exec(text);
    if (!m) continue;
    const cpu = Number(m[3]);
    const at = Number(m[4]) * 1000;
    if (m[5] === 'sched_wakeup') {
      const w = wakeup.exec(m[6]);
      if (!w) continue;
      const tid = Number(w[2]);
      names.set(tid, w[1]);
      if (!ready.has(tid)) ready.set(tid, at);
      continue;
    }
    const s = switched.exec(m[6]);
    if (!s) continue;
    const [prev, next] = [Number(s[2]), Number(s[5])];
    names.set(prev, s[1]);
    names.set(next, s[4]);
    // Left the CPU still runnable (preempted): it waits from now.
    if (s[3].startsWith('R')) ready.set(prev, at); else ready.delete(prev);
    if (ready.has(next)) {
      if (!waits.has(next)) waits.set(next, []);
      waits.get(next).push([ready.get(next), at, cpu]);
      ready.delete(next);
    }
    const was = running.get(cpu);
    if (was) {
      if (!runs.has(cpu)) runs.set(cpu, []);
      runs.get(cpu).push([was.since, at, was.tid, names.get(was.tid) ?? '?']);
    }
    running.set(cpu, { tid: next, since: at });
  }
  return new Recording(waits, runs);
}

class Recording {
  constructor(waits, runs) {
    this.waits = waits;
    this.runs = runs;
  }

  /** The runs on `cpu` that overlap [from, to] (a core's runs follow each other, so a search finds the first). */
  *runsDuring(cpu, from, to) {
    const runs = this.runs.get(cpu) ?? [];
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid][1] <= from) lo = mid + 1; else hi = mid;
    }
    for (let i = lo; i < runs.length && runs[i][0] < to; i++) yield runs[i];
  }

  /**
   * The spans in which one of `tids` was ready to run while the core it was to run on ran a thread
   * not in `own`, or ran nothing (a wake-up not yet served), as sorted, disjoint [from, to] spans.
   * Waits behind `own` threads are the process's own doing and are not in them.
   */
  foreignWaits(tids, own = new Set(tids)) {
    const spans = [];
    for (const tid of tids) {
      for (const [a, b, cpu] of this.waits.get(tid) ?? []) {
        for (const [ra, rb, holder] of this.runsDuring(cpu, a, b)) {
          if (own.has(holder)) continue;
          spans.push([Math.max(a, ra), Math.min(b, rb)]);
        }
      }
    }
    return union(spans);
  }

  /**
   * For each [from, to] answer window (CLOCK_MONOTONIC ms), how much of it is covered by `spans`
   * (lists of [from, to] spans, as `foreignWaits` gives; overlaps counted once).
   */
  within(windows, ...spans) {
    const all = union(spans.flat());
    return windows.map(([from, to]) => {
      let sum = 0;
      for (const [a, b] of all) {
        if (b <= from) continue;
        if (a >= to) break;
        sum += Math.min(b, to) - Math.max(a, from);
      }
      return sum;
    });
  }

  /**
   * Who held the cores `tids` waited for, inside the windows: milliseconds per thread (name and
   * id), largest first. `own` names the threads that are the waiting process's own.
   */
  holders(windows, tids, own = new Set(tids)) {
    const held = new Map();
    const inside = union(windows);
    for (const tid of tids) {
      for (const [a, b, cpu] of this.waits.get(tid) ?? []) {
        for (const [from, to] of inside) {
          if (to <= a) continue;
          if (from >= b) break;
          const [wa, wb] = [Math.max(a, from), Math.min(b, to)];
          for (const [ra, rb, holder, name] of this.runsDuring(cpu, wa, wb)) {
            const key = holder === 0 ? 'no thread (a wake-up not yet served)' : `${own.has(holder) ? 'its own ' : ''}${name} (${holder})`;
            held.set(key, (held.get(key) ?? 0) + Math.min(rb, wb) - Math.max(ra, wa));
          }
        }
      }
    }
    return [...held].sort((x, y) => y[1] - x[1]);
  }
}

/** Sorted, disjoint spans covering the same time as `spans`. */
function union(spans) {
  const out = [];
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b); else out.push([a, b]);
  }
  return out;
}
