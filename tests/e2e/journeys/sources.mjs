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
    const cite = page.locator('main .cite-link cite.has-tip').first();
    const words = (await cite.textContent()).trim();
    assert.match(words, /^(Business Plan 2024-29|Annual Report 2024\/25), §\d+ /, words);
    assert.doesNotMatch(words, /line|\.txt/);
    // No citation anywhere on the page is written as a line or a file.
    const all = await page.locator('main cite').allTextContents();
    assert.ok(all.length > 9, `${all.length} citations`);
    for (const w of all) assert.doesNotMatch(w, /\blines? \d|\.txt/, w);
    // The line reference is kept for checking only.
    const link = page.locator('main .cite-link').first();
    assert.match(await link.getAttribute('data-cite'), /\.txt:\d+/);
    // Keyboard focus shows the quoted words, which describe the citation.
    const tip = link.locator('.cite-tip');
    assert.equal(await tip.isVisible(), false);
    await cite.focus();
    assert.equal(await tip.isVisible(), true);
    const tipId = await cite.getAttribute('aria-describedby');
    assert.equal(await tip.getAttribute('id'), tipId);
    const said = (await tip.textContent()).trim();
    assert.match(said, /^The document says: “.+”$/s);
    // The risk card's statement is in the words its citation points at.
    assert.ok(said.length > 30, said);
    await page.screenshot({ path: path.join(out, 'sources-register-tip.png') });
    // Escape hides it; moving on and back shows it again.
    await page.keyboard.press('Escape');
    assert.equal(await tip.isVisible(), false);
    await page.keyboard.press('Tab');
    await cite.focus();
    assert.equal(await tip.isVisible(), true);
    // Hover shows it too.
    await page.locator('main h1').focus();
    const second = page.locator('main .cite-link:visible').nth(1);
    await second.locator('cite').hover();
    assert.equal(await second.locator('.cite-tip').isVisible(), true);
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
