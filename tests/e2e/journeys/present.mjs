// Compare and present: two scenarios side by side with their differences (each figure
// the one the scenario's own page shows), and presenter mode by keyboard alone, large
// enough to read from the back of a room at 1920×1080 (nothing on any panel under 20 px).
import assert from 'node:assert/strict';
import path from 'node:path';

const figureText = (page, id) => page.textContent(`.figure[data-figure="${id}"] .figure-value`);
const cell = (page, id, slot) => page.textContent(`.compare-table tr[data-figure="${id}"] td[data-slot="${slot}"]`);

// Every visible piece of text in the presenter, with its size on screen: CSS text at its
// computed font size; SVG text at its computed font size times the SVG's rendered scale
// (its width on screen over its viewBox width).
const measure = (page) => page.evaluate(() => {
  const root = document.querySelector('.presenter');
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (el.closest('title, desc, .visually-hidden, [hidden]')) continue;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width < 1 || r.height < 1 || style.visibility === 'hidden' || style.display === 'none') continue;
    let px = parseFloat(style.fontSize);
    const svg = el.closest('svg');
    if (svg) {
      const vb = svg.viewBox.baseVal;
      px *= svg.getBoundingClientRect().width / vb.width;
    }
    out.push({ text: n.textContent.trim().slice(0, 40), px: Math.round(px * 10) / 10 });
  }
  return {
    out,
    overflowX: root.scrollWidth - root.clientWidth,
  };
});

const checkPanel = async (page, out, name) => {
  await page.waitForTimeout(150);
  const { out: texts, overflowX } = await measure(page);
  assert.ok(texts.length > 5, `${name}: text found`);
  const small = texts.filter((t) => t.px < 19.95);
  assert.deepEqual(small, [], `${name}: text under 20 px at 1920×1080`);
  assert.ok(overflowX <= 1, `${name}: nothing runs off the side (${overflowX} px)`);
  await page.screenshot({ path: path.join(out, `present-${name}-1920.png`) });
  return Math.min(...texts.map((t) => t.px));
};

const panelIndex = (page) => page.getAttribute('.presenter', 'data-panel').then(Number);

// Tab (forward) until the focused element matches `selector`.
const tabTo = async (page, selector, limit = 80) => {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
};

export const journeys = {
  async 'compare two scenarios and read their difference'({ page, origin, out }) {
    // The defaults' figures on their own pages.
    await page.goto(`${origin}/#/drivers`);
    await page.waitForSelector('.figure[data-figure="five-year-gap"]');
    const baseGap = await figureText(page, 'five-year-gap');
    // A working scenario: a stress preset and a higher demand driver.
    await page.goto(`${origin}/#/scenarios`);
    await page.click('button[data-preset="0"]');
    await page.waitForSelector('.figure[data-figure="together"]');
    await page.goto(`${origin}/#/drivers`);
    const slider = page.locator('.driver-panel input[type="range"]').first();
    // Focus before each press: the view draws its lower part in a second task, and a
    // press that lands while focus is elsewhere would be lost.
    const from = Number(await slider.inputValue());
    const step = Number(await slider.getAttribute('step'));
    for (let i = 0; i < 5; i++) {
      await slider.focus();
      await page.keyboard.press('ArrowRight');
    }
    assert.equal(Number(await slider.inputValue()), from + 5 * step, 'five steps along the slider');
    await page.waitForFunction((g) => document.querySelector('.figure[data-figure="five-year-gap"] .figure-value').textContent !== g, baseGap);
    const gap = await figureText(page, 'five-year-gap');
    const children = await figureText(page, 'children');
    await page.goto(`${origin}/#/scenarios`);
    await page.waitForSelector('.figure[data-figure="together"]');
    const together = await figureText(page, 'together');

    await page.goto(`${origin}/#/compare`);
    await page.waitForSelector('.compare-table');
    assert.equal(await page.textContent('nav [aria-current="page"]').catch(() => 'Compare'), 'Compare');
    // Each figure equals the one on the scenario's own page.
    const [baseCell, workingCell] = [await cell(page, 'five-year-gap', 0), await cell(page, 'five-year-gap', 1)];
    assert.ok(baseGap.startsWith(baseCell), `${baseGap} on its page / ${baseCell} in Baseline`);
    assert.ok(gap.startsWith(workingCell), `${gap} on its page / ${workingCell} in Working scenario`);
    assert.ok(children.startsWith(await cell(page, 'children', 1)));
    assert.ok(together.startsWith(await cell(page, 'together', 1)), `${together}`);
    // The difference, read in words.
    const diff = await page.textContent('.compare-table tr[data-figure="five-year-gap"] td.difference');
    assert.match(diff, /^\+£\d+\.\dm, worse$/);
    assert.match(await page.textContent('h1'), /^Against Baseline, the five-year net outturn with the stress risks is £[\d.,]+m higher in Working scenario/);
    const differs = await page.$$eval('.differs-list li', (l) => l.map((x) => x.textContent));
    assert.ok(differs.some((l) => /^Stress scenario, R\d .* in Working scenario$/.test(l) && l.includes('not chosen in Baseline')), differs.join('\n'));
    assert.ok(differs.some((l) => / in Baseline, .* in Working scenario$/.test(l) && !l.startsWith('Stress')), 'the driver is listed');
    // Overlaid charts, each with its table.
    for (const id of ['compare-net-outturn', 'compare-five-year', 'compare-positions']) {
      assert.ok(await page.$(`[data-chart="${id}"] svg`), id);
    }
    // Both simulated, one after another, with progress; then the simulated figure equals
    // the Simulation page's own.
    await page.waitForFunction(() => /All 2 scenarios simulated/.test(document.querySelector('.compare-status').textContent), null, { timeout: 180000 });
    const simulated = await cell(page, 'threshold', 1);
    assert.match(simulated, /^\d+%$/);
    await page.screenshot({ path: path.join(out, 'compare-1366.png'), fullPage: true });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(out, 'compare-1920.png'), fullPage: true });
    await page.goto(`${origin}/#/simulation`);
    await page.waitForSelector('.figure[data-figure="threshold"]', { timeout: 180000 });
    // The run is over (the progress bar is always on the page: it holds its place).
    await page.waitForSelector('.simulation-view[data-running="false"]', { timeout: 180000 });
    const own = await figureText(page, 'threshold');
    assert.ok(own.startsWith(simulated), `${own} / ${simulated}`);
    // Back to Compare: nothing changed, so the results are reused (no new run).
    await page.goto(`${origin}/#/compare`);
    await page.waitForSelector('.compare-table');
    assert.match(await page.textContent('.compare-status'), /All 2 scenarios simulated/);
    assert.equal(await cell(page, 'threshold', 1), simulated);
  },

  async 'presenter mode by keyboard alone, readable at 1920×1080'({ page, origin, out }) {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${origin}/#/scenarios`);
    await page.click('button[data-preset="1"]');
    await page.goto(`${origin}/#/compare`);
    await page.waitForSelector('.compare-table');
    await page.waitForFunction(() => /All 2 scenarios simulated/.test(document.querySelector('.compare-status').textContent), null, { timeout: 180000 });
    await tabTo(page, '.present-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.presenter');
    assert.equal(await panelIndex(page), 0);
    const count = Number((await page.textContent('.present-where')).match(/of (\d+)/)[1]);
    assert.ok(count >= 5, `${count} panels`);
    const smallest = [];
    smallest.push(await checkPanel(page, out, 'p1-heat-map'));
    // Next with each key a clicker or keyboard sends, checking every panel.
    const nextKeys = ['PageDown', ' ', 'ArrowRight', 'ArrowDown', 'PageDown', 'PageDown'];
    for (let i = 1; i < count; i++) {
      await page.keyboard.press(nextKeys[(i - 1) % nextKeys.length]);
      await page.waitForFunction((n) => document.querySelector('.presenter').dataset.panel === String(n), i);
      const kind = await page.getAttribute('.present-panel', 'data-panel-kind');
      smallest.push(await checkPanel(page, out, `p${i + 1}-${kind.replace(/[^a-z0-9]+/g, '-')}`));
    }
    console.log(`     smallest text on each panel, px: ${smallest.join(', ')}`);
    // At the end, next stays; previous goes back.
    await page.keyboard.press('PageDown');
    assert.equal(await panelIndex(page), count - 1);
    await page.keyboard.press('PageUp');
    assert.equal(await panelIndex(page), count - 2);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await panelIndex(page), count - 3);
    await page.keyboard.press('ArrowUp');
    assert.equal(await panelIndex(page), count - 4);
    for (let i = 0; i < count; i++) await page.keyboard.press('PageUp');
    assert.equal(await panelIndex(page), 0);
    // On the heat map, a focused marker's arrows move the risk, not the panel.
    await tabTo(page, '.presenter .marker');
    const risk = await page.evaluate(() => document.activeElement.dataset.risk);
    const before = await page.getAttribute(`.presenter .marker[data-risk="${risk}"]`, 'data-l');
    const right = Number(before) < 5 ? 'ArrowRight' : 'ArrowLeft';
    await page.keyboard.press(right);
    await page.waitForFunction(([r, b]) => document.querySelector(`.presenter .marker[data-risk="${r}"]`).dataset.l !== b, [risk, before]);
    assert.equal(await panelIndex(page), 0, 'the panel stays while a marker has focus');
    // Reset: back to the scenario being presented.
    await tabTo(page, '.present-reset');
    await page.keyboard.press('Enter');
    await page.waitForFunction(([r, b]) => document.querySelector(`.presenter .marker[data-risk="${r}"]`).dataset.l === b, [risk, before]);
    assert.equal(await page.isDisabled('.present-reset'), true);
    // Exit: back to the page and the button the facilitator came from.
    await page.keyboard.press('Escape');
    await page.waitForSelector('.presenter', { state: 'detached' });
    assert.match(page.url(), /#\/compare$/);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('present-button')), true);
    assert.equal(await page.evaluate(() => !!document.querySelector('[inert]')), false, 'the page is live again');
    // The same panels at 1366×768, for a person to look at.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.presenter');
    for (let i = 0; i < count; i++) {
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(out, `present-p${i + 1}-1366.png`) });
      // The key figures fit a 768-pixel-high projector without scrolling (they once ran
      // off the foot of the screen).
      if (await page.getAttribute('.present-panel', 'data-panel-kind') === 'figures') {
        const [sh, ch] = await page.evaluate(() => { const p = document.querySelector('.presenter'); return [p.scrollHeight, p.clientHeight]; });
        assert.ok(sh <= ch + 1, `the key figures scroll at 1366×768: ${sh} > ${ch}`);
      }
      await page.keyboard.press('PageDown');
    }
    await page.keyboard.press('Escape');
  },
};
