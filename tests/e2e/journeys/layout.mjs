// Layout checks for the boardroom: every view at a laptop (1366×768) and a projector
// (1920×1080) size. Nothing overflows sideways, no card sits alone on a row, cards in a row
// are one height, chart text is big enough to read from the back of the room, and nothing
// on the page moves when a setting changes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const VIEWS = ['register', 'map', 'drivers', 'scenarios', 'simulation', 'method', 'about'];
const SIZES = [
  { width: 1366, height: 768, minText: 14 },
  { width: 1920, height: 1080, minText: 18 },
];

/** Opens a view and waits until it is drawn (the simulation: until its first run is done). */
async function openView(page, origin, route) {
  await page.goto(`${origin}/#/${route}`);
  await page.waitForSelector('main h1');
  if (route === 'simulation') {
    await page.waitForFunction(() => {
      const v = document.querySelector('.simulation-view');
      return v && v.dataset.trials && v.dataset.running === 'false';
    }, null, { timeout: 90000 });
  }
  await settle(page);
}

/** Two animation frames and a short pause: layout has caught up with the last render. */
async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(150);
}

/** Everything the layout checks need, measured in the page. */
function measure() {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    problems.push(`the page is ${doc.scrollWidth - window.innerWidth} px wider than the window`);
  }
  const name = (el) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const chart = el.closest('[data-chart]')?.dataset.chart;
    return `${el.tagName.toLowerCase()}${id}${cls}${chart ? ` in chart ${chart}` : ''}`;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };

  // Horizontal overflow of any element that is not a deliberate scroll container.
  for (const el of document.body.querySelectorAll('*')) {
    if (!(el instanceof HTMLElement) || !visible(el)) continue;
    const cs = getComputedStyle(el);
    if (cs.overflowX !== 'visible' || cs.display === 'inline' || cs.display === 'contents') continue;
    if (el.closest('.visually-hidden, .tip')) continue;
    const over = el.scrollWidth - el.clientWidth;
    if (over > 1) problems.push(`${name(el)} overflows by ${over} px (${el.scrollWidth} in ${el.clientWidth})`);
  }
  // Deliberate scroll containers should not need to scroll at these sizes either.
  for (const el of document.querySelectorAll('.table-scroll, .chart-body')) {
    if (!visible(el)) continue;
    const over = el.scrollWidth - el.clientWidth;
    if (over > 1) problems.push(`${name(el)} scrolls sideways by ${over} px`);
  }

  // Cards in a grid: rows by offsetTop; a row of one card when another row holds more is
  // an orphan; cards in one row are one height.
  const grids = [];
  for (const grid of document.querySelectorAll('.key-figures, .chart-grid')) {
    const cards = [...grid.children].filter((c) => c instanceof HTMLElement && visible(c));
    if (cards.length < 2) continue;
    const rows = new Map();
    for (const c of cards) {
      const top = Math.round(c.getBoundingClientRect().top);
      if (!rows.has(top)) rows.set(top, []);
      rows.get(top).push(c);
    }
    const counts = [...rows.values()].map((r) => r.length);
    grids.push({ grid: name(grid), counts });
    const most = Math.max(...counts);
    if (most > 1 && counts.some((n) => n === 1)) {
      problems.push(`${name(grid)}: a card alone on a row (cards per row ${counts.join(' + ')})`);
    }
    for (const row of rows.values()) {
      const hs = row.map((c) => Math.round(c.getBoundingClientRect().height));
      if (Math.max(...hs) - Math.min(...hs) > 1) {
        problems.push(`${name(grid)}: cards in one row differ in height (${hs.join(', ')} px)`);
      }
    }
  }

  // Chart text: the font size as rendered on screen (computed size × the SVG's scale).
  let smallest = { size: Infinity, where: '' };
  const perChart = {};
  const svgs = [...document.querySelectorAll('[data-chart] svg, svg.heatmap')];
  for (const svg of svgs) {
    if (!visible(svg)) continue;
    const chart = svg.closest('[data-chart]')?.dataset.chart || 'heatmap';
    for (const t of svg.querySelectorAll('text, tspan')) {
      if (!t.textContent.trim()) continue;
      const m = t.getScreenCTM();
      if (!m) continue;
      const scale = Math.sqrt(m.a * m.a + m.b * m.b);
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (!(size > 0)) continue;
      if (!perChart[chart] || size < perChart[chart].size) {
        perChart[chart] = { size: Math.round(size * 10) / 10, text: t.textContent.trim().slice(0, 40), width: Math.round(svg.getBoundingClientRect().width) };
      }
      if (size < smallest.size) smallest = { size, where: `${chart}: "${t.textContent.trim().slice(0, 40)}"` };
    }
  }
  return { problems, grids, smallest, perChart, charts: svgs.length };
}

/** The tops of the main heading and the first chart (or the map), in page coordinates. */
function tops() {
  const top = (sel) => {
    const el = document.querySelector(sel);
    return el ? Math.round((el.getBoundingClientRect().top + window.scrollY) * 10) / 10 : null;
  };
  return {
    heading: top('main h1'),
    chart: top('main [data-chart]') ?? top('main svg.heatmap'),
    main: top('main'),
  };
}

export const journeys = {
  async 'layout: charts away from the screen are drawn as they come near, and all of them in print'({ page, origin }) {
    await page.goto(`${origin}/#/drivers`);
    await page.waitForSelector('[data-chart="budget-bridge"] svg');
    await page.waitForTimeout(300);
    // checkVisibility with contentVisibilityAuto: false for content the browser skips.
    const drawn = (id) => page.evaluate((id) => document.querySelector(`[data-chart="${id}"] svg`)
      .checkVisibility({ contentVisibilityAuto: true }), id);
    assert.equal(await drawn('spend-funding'), true, 'the first chart, in sight, is drawn');
    assert.equal(await drawn('budget-bridge'), false, 'the last chart, far below, waits');
    // Its card keeps a place of a chart's size meanwhile.
    const height = await page.$eval('[data-chart="budget-bridge"]', (c) => c.getBoundingClientRect().height);
    assert.ok(height > 300, `the waiting card holds ${height}px`);
    await page.locator('[data-chart="budget-bridge"] h2').scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    assert.equal(await drawn('budget-bridge'), true, 'drawn once near');
    // A person tabbing to a waiting chart's buttons reaches them.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await page.focus('[data-chart="outturns-gap"] .table-toggle');
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-chart]')?.dataset.chart), 'outturns-gap');
    // Printed, every chart is drawn.
    await page.emulateMedia({ media: 'print' });
    const skipped = await page.$$eval('.chart-card[data-chart]', (cs) => cs.filter((c) => getComputedStyle(c).contentVisibility !== 'visible').map((c) => c.dataset.chart));
    assert.deepEqual(skipped, [], 'no chart is skipped in print');
    await page.emulateMedia({ media: 'screen' });
  },
  async 'layout: an edit redraws the charts in sight; one far away is redrawn as it comes near, or before printing'({ page, origin, out }) {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${origin}/#/drivers`);
    await page.waitForSelector('[data-chart="budget-bridge"] svg');
    await page.waitForTimeout(300);
    // The chart furthest down that the driver moves (the bridge is the published budget).
    const far = await page.$$eval('.chart-card[data-chart]', (cs) => cs
      .filter((c) => c.dataset.chart !== 'budget-bridge')
      .sort((a, b) => b.getBoundingClientRect().top - a.getBoundingClientRect().top)[0].dataset.chart);
    const svg = (id) => page.$eval(`[data-chart="${id}"] .chart-svg`, (d) => d.innerHTML);
    const waiting = () => page.$$eval('.chart-card[data-waiting]', (cs) => cs.map((c) => c.dataset.chart));
    let value = 5;
    const edit = async () => {
      value = value === 5 ? 6 : 5;
      await page.evaluate((v) => {
        const input = document.querySelector('#driver-cic_growth-range');
        input.value = String(v);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, value);
      await page.waitForTimeout(300);
    };
    assert.deepEqual(await waiting(), [], 'nothing waits before an edit');
    const first0 = await svg('spend-funding');
    const far0 = await svg(far);
    await edit();
    assert.notEqual(await svg('spend-funding'), first0, 'the chart in sight is redrawn at once');
    assert.ok((await waiting()).includes(far), `${far}, far below, waits: ${await waiting()}`);
    assert.ok(!(await waiting()).includes('spend-funding'));
    assert.equal(await svg(far), far0, 'the far chart keeps its drawing meanwhile');
    // Its table has the current numbers at once.
    await page.click(`[data-chart="${far}"] .table-toggle`);
    assert.ok(await page.$(`[data-chart="${far}"] table.chart-table`), 'its table shows');
    await page.click(`[data-chart="${far}"] .table-toggle`);
    await page.locator(`[data-chart="${far}"] h2`).scrollIntoViewIfNeeded();
    await page.waitForFunction((id) => !document.querySelector(`[data-chart="${id}"]`).dataset.waiting, far);
    const far1 = await svg(far);
    assert.notEqual(far1, far0, 'redrawn with the new numbers once near');
    // Away again, another edit; printing draws every chart first.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await edit();
    assert.ok((await waiting()).includes(far), 'waits again after the next edit');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction(() => !document.querySelector('.chart-card[data-waiting]'));
    assert.notEqual(await svg(far), far1, 'before printing, drawn with the numbers as they are');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    // A print preview (print media) does the same.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await edit();
    assert.ok((await waiting()).includes(far), 'waits after the third edit');
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(() => !document.querySelector('.chart-card[data-waiting]'));
    assert.equal(await svg(far), far1, 'the third edit set the first edit\'s value again: the same drawing');
    await page.emulateMedia({ media: 'screen' });
    // Printed to PDF straight after an edit, with no print preview first: the far chart is
    // printed with its new drawing. Its labels that only the old drawing had are absent.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await edit();
    assert.ok((await waiting()).includes(far), 'waits after the fourth edit');
    const labels = (html) => new Set([...html.matchAll(/<text[^>]*>\s*([^<]+?)\s*<\/text>/g)].map((m) => m[1]));
    const pdf = path.join(out, 'drivers-after-edit.pdf');
    await page.pdf({ path: pdf, format: 'A4', landscape: true });
    let text;
    try { text = execFileSync('pdftotext', [pdf, '-']).toString('utf8'); } catch {
      console.log('\n!!!!!!!! drivers print: pdftotext (poppler-utils) is MISSING: the PDF was NOT checked. !!!!!!!!\n');
      return;
    }
    const now = labels(await svg(far));
    const before = labels(far1);
    const gone = [...before].filter((l) => !now.has(l) && /£/.test(l));
    const added = [...now].filter((l) => !before.has(l) && /£/.test(l));
    assert.ok(gone.length > 0 && added.length > 0, `the edit changes the far chart's labels: ${gone} → ${added}`);
    for (const l of added) assert.ok(text.includes(l), `the PDF has the new label ${l}`);
    for (const l of gone) assert.ok(!text.includes(l), `the PDF has no old label ${l}`);
  },
  async 'layout: every view at 1366 and 1920, no overflow, no orphans, chart text big enough'({ page, origin, out }) {
    const failures = [];
    const report = [];
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const route of VIEWS) {
        await openView(page, origin, route);
        const m = await page.evaluate(measure);
        await page.screenshot({ path: path.join(out, `view-${route}-${size.width}.png`), fullPage: true });
        for (const p of m.problems) failures.push(`${route} at ${size.width}: ${p}`);
        if (m.smallest.size < size.minText) {
          failures.push(`${route} at ${size.width}: chart text ${m.smallest.size.toFixed(1)} px, under ${size.minText} px (${m.smallest.where})`);
        }
        report.push(`${route}@${size.width}: ${Object.entries(m.perChart).map(([id, c]) => `${id} ${c.size}px (w ${c.width})`).join(', ') || 'no charts'}; grids ${m.grids.map((g) => g.counts.join('+')).join(' | ') || 'none'}`);
      }
    }
    if (process.env.LAYOUT_REPORT) console.log(report.join('\n'));
    assert.deepEqual(failures, [], `layout problems:\n${failures.join('\n')}\n\nmeasured:\n${report.join('\n')}`);
  },

  async 'layout: nothing moves when a driver or the appetite changes'({ page, origin }) {
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      // Start from the defaults: the status band then says "All settings are the defaults".
      await page.goto(`${origin}/#/drivers`);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.waitForSelector('main h1');
      await settle(page);
      assert.equal(await page.getAttribute('.differs-count', 'data-differences'), '0');
      const before = await page.evaluate(tops);
      assert.ok(before.chart !== null, 'the drivers view has a chart');
      const gap0 = await page.getAttribute('[data-figure="five-year-gap"]', 'data-value');
      await page.fill('#driver-cic_growth', '4');
      await page.waitForFunction((g) => document.querySelector('[data-figure="five-year-gap"]')?.dataset.value !== g, gap0);
      await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '1');
      await settle(page);
      const after = await page.evaluate(tops);
      assert.deepEqual(after, before, `at ${size.width}: the heading and first chart stay put when a driver changes`);
      // A second change (two differences) does not move anything either.
      await page.fill('#driver-pay_inflation', '3.5');
      await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '2');
      await settle(page);
      assert.deepEqual(await page.evaluate(tops), before, `at ${size.width}: still put after a second driver`);
      // Opening the list of what differs shows it over the page, readable, without a jump.
      await page.click('.differs summary');
      await settle(page);
      assert.deepEqual(await page.evaluate(tops), before, `at ${size.width}: opening "what differs" moves nothing`);
      const list = await page.locator('.differs ul').boundingBox();
      assert.ok(list && list.height > 20 && list.x >= 0 && list.x + list.width <= size.width, `the list is on screen: ${JSON.stringify(list)}`);
      assert.match(await page.textContent('.differs ul'), /Children in care/i);
      await page.click('.differs summary');

      // The appetite on the heat map.
      await page.goto(`${origin}/#/map`);
      await page.waitForSelector('main h1');
      await settle(page);
      const mapBefore = await page.evaluate(tops);
      const n = Number(await page.getAttribute('.differs-count', 'data-differences'));
      await page.click('button[aria-label="Lower the appetite threshold by 1"]');
      await page.waitForFunction((n) => Number(document.querySelector('.differs-count')?.dataset.differences) === n + 1, n);
      await settle(page);
      assert.deepEqual(await page.evaluate(tops), mapBefore, `at ${size.width}: the heading and map stay put when the appetite changes`);
      // And back to the defaults: "All settings are the defaults" again, same place.
      await page.click('.toolbar button:has-text("Reset all")');
      await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '0');
      await settle(page);
      assert.deepEqual(await page.evaluate(tops), mapBefore, `at ${size.width}: the heading and map stay put after Reset all`);
    }
  },
};
