// Resident memory of a process and its children, read from /proc (Linux), sampled while something runs.
import { readdirSync, readFileSync } from 'node:fs';

/** `pid` and every process below it. */
export function processTree(pid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces), whose closing parenthesis is the last one.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** The summed VmRSS of these processes, in bytes. */
export function residentBytes(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/** Samples the resident memory of `pids` every `everyMs` until `stop()`, which gives the peak. */
export function sampleResident(pids, everyMs = 20) {
  let peak = residentBytes(pids);
  const timer = setInterval(() => {
    peak = Math.max(peak, residentBytes(pids));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, residentBytes(pids));
    },
  };
}
