// Where the main thread's long tasks during an import come from: one browser import of FILE
// through the Data page with the page's CPU profiled (Chromium's sampling profiler over CDP), each
// stretch of 50 ms or more without an idle sample printed with the functions that took its time,
// beside the long tasks the page itself observed. A profiling aid, not a figure of `npm run bench`:
//   npx tsx bench/import-profile.ts FILE.csv [out.cpuprofile]
// (The build is minified: the stretches name minified functions by file, line and column.)
import { writeFileSync } from 'node:fs';
import { builtSiteUrl, freshContext } from './support/browser';
import { waitForImport } from './import';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

function stretches(profile: Profile, minMs: number): { startMs: number; ms: number; top: [string, number][] }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  /** The sample's stack, innermost first, a few frames deep. */
  const stack = (id: number) => {
    const out: string[] = [];
    for (let at: number | undefined = id; at !== undefined && out.length < 6; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (n.callFrame.functionName === '(root)') break;
      out.push(name(n));
    }
    return out.join(' < ');
  };
  const out: { startMs: number; ms: number; top: [string, number][] }[] = [];
  let t = profile.startTime;
  let runStart = -1;
  let runEnd = -1;
  let counts = new Map<string, number>();
  const close = () => {
    if (runStart >= 0 && (runEnd - runStart) / 1000 >= minMs) {
      out.push({ startMs: (runStart - profile.startTime) / 1000, ms: (runEnd - runStart) / 1000, top: [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8) });
    }
    runStart = -1;
    counts = new Map();
  };
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const node = byId.get(profile.samples[i])!;
    if (node.callFrame.functionName === '(idle)') {
      close();
      continue;
    }
    if (runStart < 0) runStart = t;
    runEnd = t;
    if (!IDLE.has(node.callFrame.functionName)) {
      const key = stack(node.id);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } else counts.set(node.callFrame.functionName, (counts.get(node.callFrame.functionName) ?? 0) + 1);
  }
  close();
  return out;
}

const file = process.argv[2];
const outFile = process.argv[3];
const { context, close } = await freshContext();
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(() => {
    const w = window as unknown as { __long: [number, number][] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(builtSiteUrl('#/data?bench=1'));
  await page.waitForFunction(() => performance.getEntriesByName('workbench:data-loaded').length > 0, null, { timeout: 180_000 });
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const since = (await page.evaluate('performance.now()')) as number;
  await page.getByTestId('import-input').setInputFiles(file);
  await waitForImport(page);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  if (outFile) writeFileSync(outFile, JSON.stringify(profile));
  const long = ((await page.evaluate('window.__long')) as [number, number][]).filter(([s]) => s >= since);
  const marks = (await page.evaluate(`performance.getEntriesByType('mark').filter((m) => m.startTime >= ${since}).map((m) => [m.name, Math.round(m.startTime - ${since})])`)) as [string, number][];
  console.log('marks (ms after the file was chosen):', marks.map(([n, t]) => `${n}@${t}`).join(' '));
  console.log('long tasks the page saw (ms after the file was chosen, duration):', long.map(([s, d]) => `${Math.round(s - since)}+${Math.round(d)}`).join(' '));
  for (const s of stretches(profile, 40)) {
    console.log(`\nbusy ${s.ms.toFixed(0)} ms at profile +${s.startMs.toFixed(0)} ms`);
    for (const [frame, n] of s.top) console.log(`  ${(n / 2).toFixed(1).padStart(7)} ms  ${frame.slice(0, 260)}`);
  }
} finally {
  await close();
}
