// Ready for the boardroom: a first minute that orients, assumed values marked as such,
// ratings that stay ratings, and a path view that reads.
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { MapPage, RegisterPage } from '../pages/app_page.mjs';

const LEGEND = /◇\s*illustrative assumption, not from the Trust's published register/;

export const journeys = {
  async 'board: the start panel orients a first visit, hides when asked and comes back from the header'({ page, origin, out }) {
    await page.goto(`${origin}/#/register`);
    const panel = page.locator('section.start-panel');
    await panel.waitFor();
    const text = await panel.textContent();
    assert.match(text, /if they were to impact in parallel, the combination of these would pose a serious threat to the Trust/);
    assert.doesNotMatch(text, /seed|P5|P95|trials|multiplier/i);
    // Three things to try, each a link to a view; and where the sources are.
    const tries = await panel.locator('a.start-try').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(tries, ['#/map', '#/scenarios', '#/simulation']);
    assert.equal(await panel.locator('a[href="#/about"]').count(), 1);
    // It sits in the page: the register's own controls work while it is shown.
    await page.fill('#owner-R2', 'Director of People');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '1');
    await page.screenshot({ path: path.join(out, 'board-start-1366.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(out, 'board-start-1920.png') });
    await page.setViewportSize({ width: 1366, height: 768 });

    await panel.locator('button.start-close').click();
    await panel.waitFor({ state: 'detached' });
    await page.reload();
    await page.waitForSelector('main h1');
    assert.equal(await page.locator('section.start-panel').count(), 0, 'stays hidden after a reload');
    assert.equal(await page.inputValue('#owner-R2'), 'Director of People', 'the work is kept apart from the panel');
    // "Reset all" puts the work back, not the panel.
    await page.click('.toolbar button:has-text("Reset all")');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '0');
    assert.equal(await page.locator('section.start-panel').count(), 0);

    await page.click('button.start-link');
    await panel.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'start-title', 'focus moves to the panel');
    // Trying one of the three opens its view and the panel steps aside.
    await panel.locator('a.start-try[href="#/map"]').click();
    await page.waitForFunction(() => document.querySelector('main')?.dataset.page === 'map');
    assert.equal(await page.locator('section.start-panel').count(), 0);
  },

  async 'board: assumed values carry one mark, with its legend, in the register and on the map'({ page, origin, out }) {
    const reg = new RegisterPage(page, origin);
    await reg.open('register');
    await page.click('button.start-close');
    const row = page.locator('table.overview tr[data-risk="R3"]');
    // Three ratings and the trend are assumed; the owner is not published (a fact, no mark).
    assert.equal(await row.locator('.assumed-mark').count(), 4);
    assert.match(await row.textContent(), /not published/);
    assert.doesNotMatch(await row.textContent(), /Director/);
    assert.match(await row.locator('td[data-kind="current"]').textContent(), /\(assumed\)/, 'read out as assumed');
    assert.match(await page.locator('table.overview + .assumed-legend').textContent(), LEGEND);
    // No inline assumption tags in the cards: the reasoning is behind "Why this rating?".
    const card = page.locator('#risk-R3');
    assert.equal(await card.locator('.tag-assumption:visible').count(), 0);
    await card.locator('details.why-rating summary').click();
    // Its content goes into the page on opening (not before): wait for it.
    await card.locator('details.why-rating .tag-assumption').first().waitFor();
    assert.ok(await card.locator('details.why-rating .tag-assumption').first().isVisible());
    const words = await page.locator('main').innerText();
    assert.doesNotMatch(words, /seeds?\b/i, 'no "seeds" on the register');
    // A changed rating is the person's own: its mark goes.
    await reg.setLevel('R3', 'current', 'likelihood', 3);
    await page.waitForFunction(() => !document.querySelector('table.overview tr[data-risk="R3"] td[data-kind="current"] .assumed-mark'));
    await page.screenshot({ path: path.join(out, 'board-register-1366.png') });

    const map = new MapPage(page, origin);
    await map.goTo('map');
    assert.match(await page.textContent('figure.map-figure'), LEGEND);
    assert.equal(await map.marker('R3').locator('.assumed-badge').count(), 0, 'R3 current was changed');
    assert.equal(await map.marker('R1').locator('.assumed-badge').count(), 1);
    assert.match(await map.marker('R1').getAttribute('aria-label'), /\(assumed\)/);
    assert.match(await page.textContent('.appetite-control'), /\(assumed\)/);
    await page.click('text=Show as table');
    assert.match(await page.textContent('table.map-table tr[data-risk="R1"]'), /\(assumed\)/);
    // The summary counts bands; it adds no scores up.
    const summary = await page.textContent('.summary');
    assert.doesNotMatch(summary, /exposure|of a possible|take away/i);
    assert.match(summary, /above appetite at current ratings, against 6 before controls/);
  },

  async 'board: the register fills in its closed sections after opening, so they print and can be found'({ page, origin, out }) {
    await page.goto(`${origin}/#/register`);
    await page.waitForSelector('main h1');
    // The view opens with the cards' closed sections empty (a shorter first task); they
    // are filled in one at a time just after, without being opened.
    await page.waitForFunction(() => document.querySelectorAll('article.risk-card details[data-filled="true"]').length === 18, null, { timeout: 5000 });
    assert.equal(await page.locator('article.risk-card details:not([open])').count(), 18, 'still closed');
    assert.equal(await page.locator('article.risk-card ul.evidence').count(), 9);
    // Printed, every card shows its reasons, controls and evidence.
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(out, 'register.pdf');
    await page.pdf({ path: pdf, format: 'A4', landscape: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    let text;
    try { text = execFileSync('pdftotext', [pdf, '-']).toString('utf8'); } catch {
      console.log('\n!!!!!!!! register print: pdftotext (poppler-utils) is MISSING: the PDF was NOT checked. !!!!!!!!\n');
      return;
    }
    assert.equal((text.match(/Controls and mitigations/g) || []).length, 9, 'every card\'s controls are printed');
    // And the reasons for each rating (the first card's first, as the page shows it).
    const flat = (t) => t.replace(/\s+/g, ' ');
    const why = flat(await page.locator('#risk-R1 .why-list dd').first().textContent()).trim().slice(0, 40);
    assert.ok(why.length > 20, why);
    assert.ok(flat(text).includes(why), `the PDF has “${why}”`);
  },

  async 'board: a current rating moved above its inherent one says so, on the map and in the register'({ page, origin, out }) {
    const map = new MapPage(page, origin);
    await map.open('map');
    await page.click('button.start-close');
    // R8: inherent 3 × 3 = 9, current 2 × 3 = 6. Two steps up: 2 × 5 = 10, above inherent.
    await map.marker('R8').focus();
    await page.keyboard.press('ArrowUp');
    await map.waitForPosition('R8', 2, 4);
    assert.equal(await page.locator('.detail .order-warning').count(), 0, '8 is not above 9');
    await page.keyboard.press('ArrowUp');
    await map.waitForPosition('R8', 2, 5);
    const warning = page.locator('.detail .order-warning');
    await warning.waitFor();
    assert.match(await warning.textContent(), /current score \(10\) is above the inherent score \(9\)/);
    // The "=" of the editor stays on the line of its result.
    const eq = await page.locator('.detail .equals').boundingBox();
    const badge = await page.locator('.detail .result .band-badge').boundingBox();
    assert.ok(Math.abs((eq.y + eq.height) - (badge.y + badge.height)) < 12, 'the = sits beside its result');
    await page.screenshot({ path: path.join(out, 'board-map-warning.png') });

    const reg = new RegisterPage(page, origin);
    await reg.goTo('register');
    const card = page.locator('#risk-R8');
    assert.match(await card.locator('.rating-row[data-kind="current"] .order-warning').textContent(), /above the inherent score/);
    assert.match(await card.locator('.rating-row[data-kind="inherent"] .order-warning').textContent(), /above the inherent score/);
    assert.equal(await card.locator('.rating-row[data-kind="target"] .order-warning').count(), 0);
    // A target worse than the current rating is said too.
    await reg.setLevel('R8', 'target', 'likelihood', 5);
    await card.locator('.rating-row[data-kind="target"] .order-warning').waitFor();
    assert.match(await card.locator('.rating-row[data-kind="target"] .order-warning').textContent(), /target score \(15\) is above the current score \(10\)/);
  },

  async 'board: the path view shows the selected risk only, at 1366 and 1920'({ page, origin, out }) {
    const map = new MapPage(page, origin);
    await map.open('map');
    await page.click('button.start-close');
    await page.check('text=Show the selected risk\'s path');
    await map.marker('R6').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('g.paths g.path[data-risk="R6"]');
    assert.equal(await page.locator('g.paths g.path').count(), 1);
    assert.equal(await page.locator('g.marker').count(), 1, 'the other risks step aside');
    assert.equal(await page.locator('g.path-stop').count(), 2, 'inherent and target as dashed stops');
    assert.equal(await page.locator('g.paths path[marker-end]').count(), 2);
    assert.match(await page.textContent('.legend .path-key'), /Path of R6 only/);
    for (const [w, h] of [[1366, 768], [1920, 1080]]) {
      await page.setViewportSize({ width: w, height: h });
      // No link's ends sit inside a stop: each ends outside every circle on the map.
      const ok = await page.evaluate(() => {
        const circles = [...document.querySelectorAll('svg.heatmap g.marker .dot, svg.heatmap g.path-stop circle')]
          .map((c) => ({ x: +c.getAttribute('cx'), y: +c.getAttribute('cy'), r: +c.getAttribute('r') }));
        return [...document.querySelectorAll('svg.heatmap g.paths path')].every((p) => {
          const len = p.getTotalLength();
          for (let k = 0; k <= 50; k++) {
            const q = p.getPointAtLength((len * k) / 50);
            if (circles.some((c) => Math.hypot(q.x - c.x, q.y - c.y) < c.r)) return false;
          }
          return true;
        });
      });
      assert.ok(ok, `no link runs through a stop at ${w}`);
      await page.locator('figure.map-figure').screenshot({ path: path.join(out, `board-path-${w}.png`) });
    }
    // Closing the selection brings every risk back.
    await page.click('.detail button:has-text("Close")');
    await page.waitForFunction(() => !document.querySelector('g.paths g.path'));
    assert.equal(await page.locator('g.marker').count(), 9, 'with none selected, every risk is back');
  },
};
