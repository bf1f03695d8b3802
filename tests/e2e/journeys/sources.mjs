// Sources a board member can follow: citations name the document and its section and
// show the cited words on focus; About lists documents by title; the funding table adds up.
import assert from 'node:assert/strict';
import path from 'node:path';

/** `£1,051.0m` or `−£1.8m` as tenths of £m (whole numbers, so sums are exact). */
function tenths(cell) {
  const digits = cell.replace(/[^0-9]/g, '');
  assert.ok(digits.length > 0, `not an amount: ${cell}`);
  return (cell.trim().startsWith('−') ? -1 : 1) * Number(digits);
}

export const journeys = {
  async 'sources: a register citation names its section and shows the cited words on focus'({ page, origin, out }) {
    await page.goto(`${origin}/#/register`);
    await page.waitForSelector('main h1');
    const cite = page.locator('main cite.has-tip').first();
    const words = (await cite.textContent()).trim();
    assert.match(words, /^(Business Plan 2024-29|Annual Report 2024\/25), §\d+ /, words);
    assert.doesNotMatch(words, /line|\.txt/);
    // No citation anywhere on the page is written as a line or a file.
    const all = await page.locator('main cite').allTextContents();
    assert.ok(all.length > 9, `${all.length} citations`);
    for (const w of all) assert.doesNotMatch(w, /\blines? \d|\.txt/, w);
    // The line reference is kept for checking only.
    assert.match(await cite.getAttribute('data-cite'), /\.txt:\d+/);
    // Keyboard focus shows the quoted words, which describe the citation (one tooltip,
    // shared by every citation on the page).
    const tip = page.locator('#cite-tip');
    assert.equal(await page.locator('[role="tooltip"]#cite-tip').count(), 1);
    assert.equal(await tip.isVisible(), false);
    await cite.focus();
    assert.equal(await tip.isVisible(), true);
    assert.equal(await cite.getAttribute('aria-describedby'), 'cite-tip');
    const said = (await tip.textContent()).trim();
    assert.match(said, /^The document says: “.+”$/s);
    // The risk card's statement is in the words its citation points at.
    assert.ok(said.length > 30, said);
    // Under the citation, inside the window.
    const [c, t] = [await cite.boundingBox(), await tip.boundingBox()];
    assert.ok(Math.abs(t.y - (c.y + c.height)) < 3, `tip at ${t.y}, citation ends at ${c.y + c.height}`);
    assert.ok(t.x >= 0 && t.x + t.width <= 1366, `tip from ${t.x} to ${t.x + t.width}`);
    await page.screenshot({ path: path.join(out, 'sources-register-tip.png') });
    // Escape hides it; moving on and back shows it again.
    await page.keyboard.press('Escape');
    assert.equal(await tip.isVisible(), false);
    await page.keyboard.press('Tab');
    assert.equal(await cite.getAttribute('aria-describedby'), null);
    await cite.focus();
    assert.equal(await tip.isVisible(), true);
    // Hover shows another citation's words; the pointer can move onto them and they
    // stay; off both, they go.
    await page.locator('main h1').focus();
    assert.equal(await tip.isVisible(), false);
    const second = page.locator('main cite.has-tip:visible').nth(1);
    await second.hover();
    assert.equal(await tip.isVisible(), true);
    assert.equal(await second.getAttribute('aria-describedby'), 'cite-tip');
    assert.equal(await cite.getAttribute('aria-describedby'), null);
    const box = await tip.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    assert.equal(await tip.isVisible(), true, 'the words stay while the pointer is on them');
    await page.mouse.move(5, 5, { steps: 4 });
    assert.equal(await tip.isVisible(), false);
    // A new view hides the words of a citation no longer on the page.
    await second.hover();
    assert.equal(await tip.isVisible(), true);
    await page.evaluate(() => { location.hash = '#/about'; });
    await page.waitForSelector('main[data-page="about"]');
    assert.equal(await tip.isVisible(), false);
  },

  async 'sources: about lists the documents by title, date and publisher, not by file'({ page, origin }) {
    await page.goto(`${origin}/#/about`);
    await page.waitForSelector('table.sources');
    const rows = await page.locator('table.sources tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
    assert.equal(rows.length, 5);
    assert.deepEqual(rows.map((r) => r[0]), [
      'Business Plan 2024-29',
      'Cabinet Committee Group Company Governance: June 2022 Update',
      'Annual Report 2024/25',
      'Strategic Business Plan 2018-2023: 2020/21 (Year 3) Update',
      'Self Evaluation',
    ]);
    for (const r of rows) {
      assert.equal(r.length, 4);
      assert.ok(r.every((c) => c.length > 0), r.join(' | '));
    }
    const main = await page.textContent('main');
    assert.doesNotMatch(main, /\.txt|[0-9a-f]{16}/);
    assert.doesNotMatch(main, /\blines? \d/);
  },

  async 'sources: the drivers funding table adds up as shown'({ page, origin, out }) {
    await page.goto(`${origin}/#/drivers`);
    await page.waitForSelector('#funding-table table');
    const rows = await page.locator('#funding-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
    assert.equal(rows.length, 5);
    assert.deepEqual(rows.map((r) => r[0]), [
      'Core contract sum from the Council',
      '+ Government grants paid via the Council',
      '= Contract sum',
      '+ Other grants received directly by the Trust',
      '= Total funding',
    ]);
    // The published year, to the decimal.
    assert.deepEqual(rows.map((r) => r[1]), ['£305.3m', '£24.5m', '£329.8m', '£9.1m', '£338.9m']);
    const note = await page.locator('#funding-table .rounding-note').count();
    for (let col = 1; col < rows[0].length; col++) {
      const v = rows.map((r) => tenths(r[col]));
      const adds = v[0] + v[1] === v[2] && v[2] + v[3] === v[4];
      assert.ok(adds || note === 1, `year ${col} does not add up and no rounding note`);
    }
    // Total funding is the first chart's funding line, year by year.
    const chart = page.locator('[data-chart="spend-funding"]');
    await chart.locator('button.table-toggle').click();
    const funding = await chart.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => tr.querySelectorAll('th, td')[2].textContent.trim()));
    assert.deepEqual(funding, rows[4].slice(1));
    // The share of the contract sum names the year and the sum.
    assert.match(await page.textContent('[data-figure="last-gap"]'), /of the 2029\/30 contract sum of £[\d,]+\.\dm/);
    await page.locator('#funding-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, 'sources-funding.png') });
  },
};
