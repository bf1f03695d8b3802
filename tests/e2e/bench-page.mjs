// Page smoothness benchmark against the built site (dist/) in headless Chromium:
//  - edit-to-DOM: from the input event (dispatched in the page) to the last DOM mutation it
//    causes (every chart and figure updated), for a driver change and a rating change on
//    each view with charts. On the drivers view the driver slider is moved and on the map a
//    marker's rating is moved with the keyboard; on the other views the same edits reach
//    the view by Ctrl+Z / Ctrl+Y (undo / redo of a driver or rating edit made beforehand).
//    The DOM is taken as settled after two animation frames with no mutation (at most
//    300 ms). The figure is the time of the last mutation before the first message from a
//    simulation worker after the edit (the edit's own changes: where it starts a re-run, its
//    progress and results are the worker's, timed apart below), or before the DOM settles
//    when no worker speaks; `edit_to_settled_ms` is the last mutation before settling,
//    whatever caused it.
//  - edit to the next frame: from the same input event to the end of the next frame the
//    browser draws (a message posted from its requestAnimationFrame callbacks arrives once
//    its style, layout and paint are done): what the person sees, where edit-to-DOM stops
//    at the last mutation. For edits whose charts are staged over tasks it is the first frame.
//  - edit to re-run results: on #/simulation, from the same edits to the last DOM mutation
//    once the simulation they start has finished and two frames pass with no mutation.
//  - the worst long task (PerformanceObserver 'longtask', > 50 ms) on opening each view from
//    another, while a simulation runs, and when its results arrive.
//  - cumulative layout shift (PerformanceObserver 'layout-shift') on #/simulation and
//    #/scenarios while results arrive, at 1366×768 and 1920×1080.
// Writes bench-out/page.json. Figures, not pass/fail: the README quotes them.
// Usage: node tests/e2e/bench-page.mjs [runs] [dist]   (default 5 page loads per measure, dist/)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = path.resolve(process.argv[3] || path.join(root, 'dist'));
const RUNS = Number(process.argv[2] || 5);
const EDITS = 8; // edits per view per run

const q = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor(s.length * p))].toFixed(1);
};
const stats = (xs) => ({ p50: q(xs, 0.5), p90: q(xs, 0.9), max: q(xs, 1), n: xs.length });

// Installed in every page before its scripts: long tasks and layout shifts, buffered, plus
// a helper that times one edit to the DOM settling.
const INSTRUMENT = () => {
  window.__long = [];
  window.__shift = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch (_) { /* no long task API */ }
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (!e.hadRecentInput) {
          window.__shift.push({
            t: e.startTime, v: e.value,
            nodes: (e.sources || []).map((s) => s.node && (s.node.id || s.node.className || s.node.nodeName)).slice(0, 4),
          });
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (_) { /* no layout shift API */ }
  // When each message from a simulation worker reached the page (listened to before the
  // app's own handler, so stamped just before the page acts on it).
  window.__workerMsgs = [];
  if (window.Worker) {
    const Base = window.Worker;
    window.Worker = function (...args) {
      const w = new Base(...args);
      w.addEventListener('message', () => { window.__workerMsgs.push(performance.now()); });
      return w;
    };
    window.Worker.prototype = Base.prototype;
  }
  // Runs `act` (which fires the input event) and resolves with the time from just before it
  // to the last mutation under <main>, once two frames have passed with no mutation (at
  // most 300 ms). With `window.__rerun` set (an edit on #/simulation, which re-runs the
  // simulation) it also waits for the re-run's results: `results_ms` is the time to the
  // last mutation once they are in and two frames pass with no mutation.
  window.__timeEdit = (act) => new Promise((resolve) => {
    const main = document.querySelector('main') || document.body;
    const view = window.__rerun ? document.querySelector('.simulation-view') : null;
    let last = null;
    // The last mutation before the first worker message after the edit: the edit's own
    // changes, apart from the progress and results of the simulation it starts.
    let own = null;
    let count = 0;
    let started = false;
    let ended = false;
    let first = null;
    let settled = false;
    const obs = new MutationObserver((ms) => {
      last = performance.now();
      count += ms.length;
      if (!window.__workerMsgs.some((t) => t >= t0)) own = last;
      if (!view) return;
      if (view.dataset.running === 'true') started = true;
      else if (started) ended = true;
    });
    obs.observe(main, { attributes: true, childList: true, subtree: true, characterData: true });
    let quiet = 0;
    let seen = -1;
    const t0 = performance.now();
    const tick = () => {
      if (count === seen) quiet++; else { quiet = 0; seen = count; }
      const waited = performance.now() - t0;
      if (!settled && (quiet >= 2 || waited > 300)) { settled = true; first = last; }
      if (settled && (!view || (quiet >= 2 && ended) || waited > 20000)) {
        obs.disconnect();
        resolve({ ms: first === null ? null : first - t0, own_ms: own === null ? null : own - t0, results_ms: ended ? last - t0 : null, frame_ms: frame, mutations: count });
      } else requestAnimationFrame(tick);
    };
    act();
    requestAnimationFrame(tick);
    // The next frame after the edit: a message posted from its animation-frame callbacks
    // arrives once the frame's style, layout and paint are done.
    let frame = null;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { frame = performance.now() - t0; };
      channel.port2.postMessage(0);
    });
  });
};

const server = await serve(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function fresh(route, width = 1366, height = 768) {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  page.on('pageerror', (e) => { console.error('page error', e.message); });
  await page.goto(`${server.origin}/${route}`);
  await page.waitForSelector('main h1');
  return { context, page };
}

// Waits until no simulation runs (or none is shown) and the page has been quiet a moment.
async function simIdle(page) {
  await page.waitForFunction(() => {
    const v = document.querySelector('.simulation-view, [data-running]');
    return !v || v.dataset.running !== 'true';
  }, null, { timeout: 120000 });
  await page.waitForTimeout(400);
}

async function go(page, route) {
  await page.evaluate((r) => { location.hash = r; }, route);
  await page.waitForFunction((r) => location.hash === r && document.querySelector('main h1'), route);
  await page.waitForTimeout(300);
}

const editFns = {
  // A driver slider on #/drivers, alternating values.
  slider: (k) => window.__timeEdit(() => {
    const input = document.querySelector('#driver-cic_growth-range');
    input.value = String(2 + (k % 5));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }),
  // A rating moved with the keyboard on the map.
  marker: (k) => window.__timeEdit(() => {
    const m = document.querySelector('g.marker[data-risk="R3"]');
    m.focus();
    m.dispatchEvent(new KeyboardEvent('keydown', { key: k % 2 ? 'ArrowRight' : 'ArrowLeft', bubbles: true, cancelable: true }));
  }),
  // Undo / redo of the last edit, from anywhere.
  undo: (k) => window.__timeEdit(() => {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k % 2 ? 'y' : 'z', ctrlKey: true, bubbles: true, cancelable: true }));
  }),
};

// ---- edit-to-DOM ----
const editViews = ['drivers', 'map', 'scenarios', 'simulation', 'compare', 'method'];
const edit = {};
// Edit to the last mutation before the DOM settles, whatever caused it (on the views that
// re-run the simulation, also its progress and any results that arrive in that time).
const settled = {};
// Edit to the re-run's results in the DOM, on #/simulation.
const rerun = {};
// Edit to the next frame drawn (its style, layout and paint done).
const frames = {};
const mutationsSeen = {};
for (let run = 0; run < RUNS; run++) {
  for (const kind of ['driver', 'rating']) {
    const { context, page } = await fresh('#/register');
    // Make the edit once, so undo/redo toggles it on the other views. On the scenarios view
    // a risk is added first, so a rating change reaches its results.
    await go(page, '#/scenarios');
    await page.evaluate(() => document.querySelector('.presets button')?.click());
    await page.waitForTimeout(300);
    if (kind === 'driver') {
      await go(page, '#/drivers');
      await page.evaluate(() => {
        const input = document.querySelector('#driver-cic_growth-range');
        input.value = '5';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    } else {
      await go(page, '#/map');
      await page.evaluate(() => {
        const m = document.querySelector('g.marker[data-risk="R3"]');
        m.focus();
        m.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }));
      });
    }
    await page.waitForTimeout(300);
    for (const view of editViews) {
      await go(page, `#/${view}`);
      await simIdle(page);
      const fn = view === 'drivers' && kind === 'driver' ? 'slider'
        : view === 'map' && kind === 'rating' ? 'marker' : 'undo';
      const key = `${view}:${kind}${fn === 'undo' ? ' (undo/redo)' : ''}`;
      for (let k = 0; k < EDITS; k++) {
        // The map's keyboard edit and undo alternate direction, so the rating goes back and forth.
        await page.evaluate((rerun) => { window.__rerun = rerun; }, view === 'simulation');
        const r = await page.evaluate(`(${editFns[fn].toString()})(${k})`);
        if (r.own_ms !== null) (edit[key] ||= []).push(r.own_ms);
        if (r.ms !== null) (settled[key] ||= []).push(r.ms);
        if (r.results_ms != null) (rerun[key] ||= []).push(r.results_ms);
        if (r.frame_ms != null) (frames[key] ||= []).push(r.frame_ms);
        (mutationsSeen[key] ||= []).push(r.mutations);
        // Let a simulation the edit started finish before the next edit.
        if (view === 'simulation' || view === 'method' || view === 'compare') await simIdle(page);
      }
    }
    await context.close();
  }
}
const editStats = Object.fromEntries(Object.entries(edit).map(([k, v]) => [k, stats(v)]));
const allEdits = Object.values(edit).flat();

// ---- long tasks on opening each view, during a simulation, when results arrive ----
const views = ['register', 'map', 'drivers', 'scenarios', 'simulation', 'compare', 'method', 'about'];
const openLong = {};
for (let run = 0; run < RUNS; run++) {
  const { context, page } = await fresh('#/about');
  await page.waitForTimeout(500);
  for (const view of views) {
    // Open the view from the about page, each time after a quiet moment.
    if (view !== 'about') {
      await go(page, '#/about');
    } else {
      await go(page, '#/register');
    }
    await simIdle(page);
    const from = await page.evaluate(() => performance.now());
    await go(page, `#/${view}`);
    await page.waitForTimeout(700);
    await simIdle(page);
    const worst = await page.evaluate((from) => Math.max(0, ...window.__long.filter((l) => l.start >= from).map((l) => l.ms)), from);
    (openLong[view] ||= []).push(worst);
  }
  await context.close();
}

// A simulation of 100,000 and 1,000,000 trials on #/simulation: long tasks while it runs and
// when its results arrive (the task that shows them and the second after).
const simLong = { during: [], arrival: [] };
for (let run = 0; run < Math.max(2, Math.ceil(RUNS / 2)); run++) {
  const { context, page } = await fresh('#/simulation');
  await simIdle(page);
  for (const n of ['100000', '1000000']) {
    const r = await page.evaluate((n) => new Promise((resolve) => {
      const view = document.querySelector('.simulation-view');
      const t0 = performance.now();
      let started = false;
      const obs = new MutationObserver(() => {
        if (view.dataset.running === 'true') started = true;
        else if (started) {
          obs.disconnect();
          const flip = performance.now();
          setTimeout(() => {
            const ls = window.__long.filter((l) => l.start >= t0);
            const during = ls.filter((l) => l.start + l.ms < flip - 1).map((l) => l.ms);
            const arrival = ls.filter((l) => l.start + l.ms >= flip - 1).map((l) => l.ms);
            resolve({ during: Math.max(0, ...during), arrival: Math.max(0, ...arrival), ms: flip - t0 });
          }, 1000);
        }
      });
      obs.observe(view, { attributes: true });
      const sel = document.querySelector('#sim-trials');
      sel.value = n;
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    }), n);
    simLong.during.push(r.during);
    simLong.arrival.push(r.arrival);
    await page.waitForTimeout(300);
  }
  await context.close();
}

// ---- layout shift while results arrive ----
// #/simulation: a first visit (the first run's results arrive), then a re-run with more
// trials. #/scenarios: a first visit, then a preset applied (its results appear), then cleared.
const cls = {};
for (const [w, h] of [[1366, 768], [1920, 1080]]) {
  for (let run = 0; run < Math.max(2, Math.ceil(RUNS / 2)); run++) {
    {
      const { context, page } = await fresh('#/simulation', w, h);
      await page.waitForFunction(() => document.querySelector('.simulation-view')?.dataset.trials, null, { timeout: 60000 });
      await page.waitForTimeout(800);
      const load = await page.evaluate(() => window.__shift.reduce((a, s) => a + s.v, 0));
      const mark = await page.evaluate(() => window.__shift.length);
      await page.evaluate(() => {
        const sel = document.querySelector('#sim-trials');
        sel.value = '100000';
        sel.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await page.waitForFunction(() => document.querySelector('.simulation-view')?.dataset.trials === '100000'
        && document.querySelector('.simulation-view').dataset.running === 'false', null, { timeout: 120000 });
      await page.waitForTimeout(800);
      const rerun = await page.evaluate((m) => window.__shift.slice(m).reduce((a, s) => a + s.v, 0), mark);
      const sources = await page.evaluate(() => window.__shift.filter((s) => s.v > 0.01));
      (cls[`simulation ${w}x${h} first visit`] ||= []).push(load);
      (cls[`simulation ${w}x${h} re-run`] ||= []).push(rerun);
      if (run === 0 && sources.length) cls[`simulation ${w}x${h} shifts`] = sources.map((s) => `${s.v.toFixed(3)} ${s.nodes.join(',')}`);
      await context.close();
    }
    {
      const { context, page } = await fresh('#/scenarios', w, h);
      await page.waitForTimeout(800);
      const load = await page.evaluate(() => window.__shift.reduce((a, s) => a + s.v, 0));
      const mark = await page.evaluate(() => window.__shift.length);
      await page.evaluate(() => document.querySelector('.presets button')?.click());
      await page.waitForTimeout(800);
      const preset = await page.evaluate((m) => window.__shift.slice(m).reduce((a, s) => a + s.v, 0), mark);
      const sources = await page.evaluate(() => window.__shift.filter((s) => s.v > 0.01));
      (cls[`scenarios ${w}x${h} first visit`] ||= []).push(load);
      (cls[`scenarios ${w}x${h} preset applied`] ||= []).push(preset);
      if (run === 0 && sources.length) cls[`scenarios ${w}x${h} shifts`] = sources.map((s) => `${s.v.toFixed(3)} ${s.nodes.join(',')}`);
      await context.close();
    }
  }
}
await browser.close();
await server.close();

const worst = (xs) => +Math.max(...xs).toFixed(1);
const out = {
  edit_to_dom_ms: { all: stats(allEdits), ...editStats },
  // Every edit's figure, in the order made (each run's edits in turn), to see which scatter.
  edit_to_dom_samples_ms: Object.fromEntries(Object.entries(edit).map(([k, v]) => [k, v.map((x) => +x.toFixed(1))])),
  edit_to_settled_ms: Object.fromEntries(Object.entries(settled).map(([k, v]) => [k, stats(v)])),
  edit_to_rerun_results_ms: Object.fromEntries(Object.entries(rerun).map(([k, v]) => [k, stats(v)])),
  edit_to_next_frame_ms: Object.fromEntries(Object.entries(frames).map(([k, v]) => [k, stats(v)])),
  mutations_per_edit_median: Object.fromEntries(Object.entries(mutationsSeen).map(([k, v]) => [k, q(v, 0.5)])),
  longest_task_ms: {
    open_view: Object.fromEntries(Object.entries(openLong).map(([k, v]) => [k, worst(v)])),
    during_simulation: worst(simLong.during),
    results_arrive: worst(simLong.arrival),
  },
  layout_shift: Object.fromEntries(Object.entries(cls).map(([k, v]) => [k, Array.isArray(v) && typeof v[0] === 'number' ? +Math.max(...v).toFixed(3) : v])),
  runs: RUNS,
  edits_per_view_per_run: EDITS,
  chromium: '/usr/bin/chromium headless',
  machine: `${(await import('node:os')).cpus().length} cores, ${(await import('node:os')).cpus()[0]?.model}`,
};
fs.mkdirSync(path.join(root, 'bench-out'), { recursive: true });
const file = process.env.BENCH_PAGE_OUT || path.join(root, 'bench-out/page.json');
fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
