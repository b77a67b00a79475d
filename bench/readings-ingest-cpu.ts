// The API's CPU time per POST /api/readings, closed loop (issue 14's ingest goal): a steadier number
// than the open-loop benchmark's throughput on a machine others share, because it counts only the
// API process's own CPU (Linux /proc/<pid>/stat), not the time it waited for a core.
// `node --import tsx bench/readings-ingest-cpu.ts [posts] [in-flight]`; INGEST_API_NODE_ARGS
// (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the API process.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pairDevice, signIn, type TestStack } from '../test/support/stack.js';
import { poster, reading, startApiProcess } from './readings-ingest.js';

/** utime + stime of a process, in ms (clock ticks of 10 ms on Linux: USER_HZ 100). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function closedLoop(post: ReturnType<typeof poster>, total: number, inFlight: number, first: number) {
  let next = 0;
  const failures: string[] = [];
  const worker = async () => {
    while (next < total) {
      const i = first + next++;
      const answer = await post('/api/readings', reading(i));
      if (answer.status !== 201) failures.push(`${answer.status} ${answer.text}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return failures;
}

const total = Number(process.argv[2] ?? 8000);
const inFlight = Number(process.argv[3] ?? 32);
const api = await startApiProcess();
try {
  const stack = { api: { url: api.url } } as TestStack;
  const doctor = await signIn(stack, 'zhangwei');
  const tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: 'res-liu-changshan' });
  const post = poster(tv);
  await closedLoop(post, 2000, inFlight, 0);
  const pid = api.child.pid as number;
  const cpuBefore = cpuMsOf(pid);
  const started = performance.now();
  const failures = await closedLoop(post, total, inFlight, 1_000_000);
  const wallS = (performance.now() - started) / 1000;
  const cpuMs = cpuMsOf(pid) - cpuBefore;
  console.log(
    `${total} posts, ${inFlight} in flight: API CPU ${(cpuMs / total).toFixed(3)} ms per post, ` +
      `${Math.round(total / wallS)} posts/s wall, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}` +
      (failures.length ? `, ${failures.length} failed, e.g. ${failures[0]}` : ''),
  );
} finally {
  api.child.kill('SIGTERM');
  await new Promise((resolve) => api.child.once('exit', resolve));
}
