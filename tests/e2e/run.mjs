// End-to-end journeys against the built site (dist/) in headless Chromium, as a person
// would use it: real clicks, keys and drags. Saves screenshots to tests/e2e/out/ for a
// person to look at. Fails on any page error, any request that leaves the page's origin and
// any Content-Security-Policy violation.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawAllChartsInFullPageShots } from './fullshot.mjs';
import { serve } from './server.mjs';
import { journeys as core } from './journeys.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
const out = path.join(here, 'out');
fs.mkdirSync(out, { recursive: true });
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('e2e: dist/index.html is missing; build the site first (trunk build --release)');
  process.exit(2);
}

const server = await serve(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// Journeys live in journeys.mjs and in one file per area under journeys/ (each exports
// `journeys`, an object of name → async ({ page, origin, out, context }) => …).
const journeys = { ...core };
const extra = path.join(here, 'journeys');
for (const f of fs.existsSync(extra) ? fs.readdirSync(extra).filter((n) => n.endsWith('.mjs')).sort() : []) {
  Object.assign(journeys, (await import(path.join(extra, f))).journeys);
}
const only = process.argv[2];
let passed = 0;
let failed = 0;
for (const [name, journey] of Object.entries(journeys)) {
  if (only && !name.includes(only)) continue;
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const problems = [];
  // A Content-Security-Policy set in a meta tag sends no reports: every page of the context
  // records its securitypolicyviolation events here, and any one fails the journey.
  await context.exposeBinding('__reportCspViolation', (_source, v) => problems.push(`content security policy violation: ${v}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation(`${e.effectiveDirective} refused ${e.blockedURI || 'an inline script or style'} (${e.sourceFile || document.URL}:${e.lineNumber})`);
    });
  });
  const page = drawAllChartsInFullPageShots(await context.newPage());
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.origin) && !u.startsWith('data:') && !u.startsWith('blob:')) {
      problems.push(`network request outside the page's origin: ${u}`);
    }
  });
  const started = Date.now();
  try {
    await journey({ page, origin: server.origin, out, context });
    if (problems.length) throw new Error(problems.join('\n'));
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e.stack || e).split('\n').join('\n     ')}`);
    await page.screenshot({ path: path.join(out, `FAILED-${name}.png`) }).catch(() => {});
  }
  await context.close();
}
await browser.close();
await server.close();
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
