// Exports and the board pack: every export downloads and parses (CSV columns and values
// equal the table's, SVG is well-formed, PNG decodes), the pictures carry the scenario
// that made them and reopen it when dropped back on the app, and the board pack prints
// to an A4 landscape PDF with every section, in order, one part to a page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';

const DATE = /\d{4}-\d{2}-\d{2}/;

/// Chooses an item of a chart card's Export menu and returns the download saved in `out`.
async function exportChart(page, out, chart, format) {
  await page.click(`.export-menu[data-export="${chart}"] > summary`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`.export-menu[data-export="${chart}"] button[data-format="${format}"]`),
  ]);
  const file = path.join(out, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), file, bytes: fs.readFileSync(file) };
}

/// RFC 4180 rows (quoted fields with commas and doubled quotes).
function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\r\n').filter((l) => l !== '')) {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"' && quoted && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) { cells.push(cell); cell = ''; } else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

/// A PNG's chunks, each CRC checked.
function pngChunks(buf) {
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  const chunks = [];
  let at = 8;
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.subarray(at + 4, at + 8).toString('latin1');
    const data = buf.subarray(at + 8, at + 8 + len);
    const crc = buf.readUInt32BE(at + 8 + len);
    assert.equal(crc, zlib.crc32(buf.subarray(at + 4, at + 8 + len)), `${type} CRC`);
    chunks.push({ type, data });
    at += 12 + len;
    if (type === 'IEND') break;
  }
  return chunks;
}

/// The scenario file in an exported PNG's iTXt chunk.
function pngScenario(buf) {
  const itxt = pngChunks(buf).find((c) => c.type === 'iTXt' && c.data.subarray(0, 23).toString('latin1') === 'risk-explorer-scenario\0');
  assert.ok(itxt, 'the PNG has the scenario chunk');
  const rest = itxt.data.subarray(23);
  assert.equal(rest[0], 1, 'compressed');
  // flag, method, empty language, empty translated keyword, then zlib data.
  return JSON.parse(zlib.inflateSync(rest.subarray(4)).toString('utf8'));
}

/// Drops a file on the page as a person dragging it from their desktop would.
async function dropFile(page, name, mime, bytes) {
  await page.evaluate(async ({ name, mime, b64 }) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bin], name, { type: mime }));
    const target = document.querySelector('main');
    target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, { name, mime, b64: bytes.toString('base64') });
}

const gap = (page) => page.getAttribute('[data-figure="five-year-gap"]', 'data-value');

/// The number a table cell shows, as the CSV should hold it (null when it is words).
function shownNumber(cell) {
  const m = cell.trim().match(/^([−+-]?)(£?)([\d,]+(?:\.\d+)?)(m|k|%| children)?( overspend| surplus| \(level\))?$/)
    || cell.trim().match(/^×()()([\d.]+)()()$/);
  if (!m) return null;
  let x = Number(m[3].replace(/,/g, ''));
  if (m[1] === '−' || m[1] === '-' || m[5] === ' surplus') x = -Math.abs(x);
  return x;
}

export const journeys = {
  async 'export: a chart as PNG, SVG and CSV; the PNG dropped back reopens its scenario'({ page, origin, out }) {
    await page.goto(`${origin}/#/drivers`);
    await page.waitForSelector('main h1');
    await page.fill('#driver-cic_growth', '4');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '1');
    const exported = await gap(page);

    // PNG: twice the chart's size, decodes, carries the scenario.
    const png = await exportChart(page, out, 'spend-funding', 'png');
    assert.match(png.name, new RegExp(`^risk-explorer_spend-funding_${DATE.source}\\.png$`));
    const chunks = pngChunks(png.bytes);
    const ihdr = chunks[0].data;
    assert.equal(chunks[0].type, 'IHDR');
    assert.deepEqual([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4)], [1280, 720], 'PNG at 2× (1280×720)');
    const decoded = await page.evaluate(async (b64) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bin], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bmp, 0, 0);
      const px = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      let ink = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) ink++;
      return { w: bmp.width, h: bmp.height, ink };
    }, png.bytes.toString('base64'));
    assert.equal(decoded.w, 1280);
    assert.ok(decoded.ink > 5000, `the PNG has the chart drawn in it (${decoded.ink} dark pixels)`);
    const carried = pngScenario(png.bytes);
    assert.equal(carried.kind, 'scenario-file');
    assert.match(JSON.stringify(carried.scenarios[0].workspace), /cic_growth/);

    // SVG: well-formed XML, standalone, carries the same scenario.
    const svg = await exportChart(page, out, 'spend-funding', 'svg');
    assert.match(svg.name, new RegExp(`^risk-explorer_spend-funding_${DATE.source}\\.svg$`));
    const svgText = svg.bytes.toString('utf8');
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const err = doc.querySelector('parsererror');
      const root = doc.documentElement;
      return {
        error: err ? err.textContent : null, root: root.localName, ns: root.namespaceURI,
        w: root.getAttribute('width'), h: root.getAttribute('height'),
        meta: doc.getElementById('risk-explorer-scenario')?.textContent,
      };
    }, svgText);
    assert.equal(parsed.error, null, 'the SVG is well-formed');
    assert.deepEqual([parsed.root, parsed.ns, parsed.w, parsed.h], ['svg', 'http://www.w3.org/2000/svg', '640', '360']);
    assert.equal(JSON.parse(parsed.meta).kind, 'scenario-file');
    assert.match(parsed.meta, /cic_growth/);

    // CSV: the table's columns and values.
    const csv = await exportChart(page, out, 'spend-funding', 'csv');
    assert.match(csv.name, new RegExp(`^risk-explorer_spend-funding_${DATE.source}\\.csv$`));
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
    const rows = parseCsv(csv.bytes.toString('utf8').slice(1));
    await page.click('#spend-funding .table-toggle');
    const table = await page.evaluate(() => {
      const t = document.querySelector('#spend-funding table');
      return {
        headers: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
        rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
      };
    });
    assert.equal(rows[0].length, table.headers.length, 'as many columns as the table');
    rows[0].forEach((h, i) => assert.ok(h.startsWith(table.headers[i]), `header ${h} is the table's ${table.headers[i]} (with its unit)`));
    assert.ok(rows[0].some((h) => /\(£m/.test(h)), `units in the headers: ${rows[0]}`);
    assert.equal(rows.length - 1, table.rows.length, 'as many rows as the table');
    let numbers = 0;
    table.rows.forEach((shown, r) => shown.forEach((cell, c) => {
      const got = rows[r + 1][c];
      const want = shownNumber(cell);
      if (want !== null && got !== '' && !Number.isNaN(Number(got))) {
        assert.match(got, /^-?\d+(\.\d+)?$/, `a raw number with an ASCII minus: ${got}`);
        assert.ok(Math.abs(Number(got) - want) < 1e-9, `row ${r} col ${c}: ${got} is the table's ${cell}`);
        numbers++;
      } else {
        assert.ok(got === cell || got === `'${cell}`, `row ${r} col ${c}: ${got} is the table's ${cell}`);
      }
    }));
    assert.ok(numbers > 10, `${numbers} numbers`);

    // Back to the defaults, then drop the PNG on the app: asked first, then the scenario
    // that made the picture is back, with its figures.
    await page.click('.toolbar button:has-text("Reset all")');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '0');
    assert.notEqual(await gap(page), exported);
    await dropFile(page, png.name, 'image/png', png.bytes);
    await page.waitForSelector('.open-file');
    assert.match(await page.textContent('.open-file'), /Open “Scenario behind an exported chart” from risk-explorer_spend-funding_.*\.png\?/);
    assert.notEqual(await gap(page), exported, 'nothing changes before the person says so');
    await page.click('.open-file button:has-text("Open it")');
    await page.waitForFunction((g) => document.querySelector('[data-figure="five-year-gap"]')?.dataset.value === g, exported);
    assert.equal(await page.getAttribute('.differs-count', 'data-differences'), '1');

    // The SVG through File ▾ → Open a file… does the same.
    await page.click('.toolbar button:has-text("Reset all")');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '0');
    await page.setInputFiles('input[data-open-file]', svg.file);
    await page.waitForSelector('.open-file');
    await page.click('.open-file button:has-text("Open it")');
    await page.waitForFunction((g) => document.querySelector('[data-figure="five-year-gap"]')?.dataset.value === g, exported);

    // A picture with no scenario, and a damaged one: a plain message, nothing changes.
    const plain = Buffer.concat(pngChunks(png.bytes).filter((c) => c.type !== 'iTXt').map((c) => {
      const len = Buffer.alloc(4); len.writeUInt32BE(c.data.length);
      const body = Buffer.concat([Buffer.from(c.type, 'latin1'), c.data]);
      const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(body));
      return Buffer.concat([len, body, crc]);
    }));
    await dropFile(page, 'photo.png', 'image/png', Buffer.concat([png.bytes.subarray(0, 8), plain]));
    await page.waitForSelector('.notice.problem');
    assert.match(await page.textContent('.notice.problem'), /“photo\.png”: This picture holds no scenario .*Nothing was opened\./);
    await page.click('.notice.problem button:has-text("Dismiss")');
    await dropFile(page, 'cut.png', 'image/png', png.bytes.subarray(0, png.bytes.length - 100));
    await page.waitForSelector('.notice.problem');
    assert.match(await page.textContent('.notice.problem'), /“cut\.png”: This picture is damaged/);
    assert.equal(await gap(page), exported);
  },

  async 'export: a page\'s key figures as CSV, with their unrounded numbers'({ page, origin, out }) {
    await page.goto(`${origin}/#/drivers`);
    await page.waitForSelector('[data-figure]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-export="key-figures"]'),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^risk-explorer_key-figures-demand-and-finance_${DATE.source}\\.csv$`));
    const file = path.join(out, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    assert.equal(rows[0][1], 'Figure');
    assert.equal(rows[0][3], 'Unit');
    const shown = await page.evaluate(() => [...document.querySelectorAll('[data-figure]')].map((f) => ({
      label: f.querySelector('.figure-label').textContent, value: f.dataset.value,
      text: f.querySelector('.figure-value').textContent,
    })));
    assert.equal(rows.length - 1, shown.length);
    shown.forEach((f, i) => {
      const row = rows[i + 1];
      assert.equal(row[0], 'Demand and finance');
      assert.ok(f.label.startsWith(row[1]), `${row[1]} is the page's label`);
      assert.equal(row[4], f.text, 'the value as shown');
      assert.match(row[2], /^-?\d+(\.\d+)?(e-?\d+)?$/, `a raw number: ${row[2]}`);
      if (f.value !== undefined && f.value !== null && row[3].startsWith('£m')) {
        assert.ok(Math.abs(Number(row[2]) - Number(f.value)) < 0.001, `${f.label}: ${row[2]} is ${f.value}`);
      }
    });
  },

  async 'export: a group of key figures is named in its CSV'({ page, origin, out }) {
    await page.goto(`${origin}/#/scenarios`);
    await page.waitForSelector('.figure-group [data-export="key-figures"]');
    const groups = await page.locator('.figure-group').count();
    assert.ok(groups > 1);
    const names = new Set();
    for (let i = 0; i < groups; i++) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('.figure-group [data-export="key-figures"]').nth(i).click(),
      ]);
      names.add(download.suggestedFilename());
      const title = await page.locator('.figure-group .figure-group-title').nth(i).textContent();
      const file = path.join(out, download.suggestedFilename());
      await download.saveAs(file);
      const rows = parseCsv(fs.readFileSync(file, 'utf8').slice(1));
      assert.equal(rows[1][0], `Stress scenarios: ${title}`);
      assert.match(download.suggestedFilename(), /^risk-explorer_key-figures-stress-scenarios-[a-z0-9-]+_\d{4}-\d{2}-\d{2}\.csv$/);
    }
    assert.equal(names.size, groups, 'each group has its own file name');
  },

  async 'export: the chart card Export menu at 1366×768 and 1920×1080'({ page, origin, out }) {
    for (const [w, h] of [[1366, 768], [1920, 1080]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${origin}/#/drivers`);
      await page.waitForSelector('.export-menu[data-export="spend-funding"]');
      await page.click('.export-menu[data-export="spend-funding"] > summary');
      const menu = await page.locator('.export-menu[data-export="spend-funding"] .export-menu-items').boundingBox();
      const card = await page.locator('#spend-funding').boundingBox();
      assert.ok(menu.x >= card.x && menu.x + menu.width <= card.x + card.width + 1, `the menu is inside its card at ${w}`);
      await page.locator('#spend-funding').screenshot({ path: path.join(out, `export-menu-${w}.png`) });
      // Choosing closes it; the next size starts closed.
      await page.click('.export-menu[data-export="spend-funding"] > summary');
      await page.waitForFunction(() => !document.querySelector('.export-menu[data-export="spend-funding"]').open);
    }
  },

  async 'board pack: File menu prints it; the PDF has every section in order, one part a page'({ page, origin, out }) {
    await page.addInitScript(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
    await page.goto(`${origin}/#/map`);
    await page.waitForSelector('main h1');
    await page.click('button[aria-label="Lower the appetite threshold by 1"]');
    await page.waitForFunction(() => document.querySelector('.differs-count')?.dataset.differences === '1');
    // A stress scenario, so its charts have something to show.
    await page.goto(`${origin}/#/scenarios`);
    await page.click('button:has-text("Workforce, demand and placements in 2026/27")');
    await page.waitForFunction(() => Number(document.querySelector('.differs-count')?.dataset.differences) > 1);
    // File ▾ → Print board pack: the pack, then the browser's print once it is complete.
    await page.click('.work-file > summary');
    await page.click('.work-file-menu a:has-text("Print board pack")');
    await page.waitForSelector('.pack [data-section="simulation"]', { timeout: 120000 });
    await page.waitForFunction(() => window.__printed === 1, null, { timeout: 10000 });
    assert.ok(!page.url().includes('?print'), 'printing once: the address no longer asks for it');

    const sheets = Number(await page.getAttribute('.pack', 'data-sheets'));
    const dom = await page.evaluate(() => ({
      sheets: document.querySelectorAll('.sheet').length,
      order: [...document.querySelectorAll('.sheet')].map((s) => s.dataset.section),
      charts: [...document.querySelectorAll('.sheet[data-chart]')].map((s) => s.querySelector('h3').textContent),
      titles: [...document.querySelectorAll('.sheet > h1, .sheet:not(.cover) > h2')].map((h) => h.textContent),
    }));
    assert.equal(dom.sheets, sheets, 'the pack lays out the sheets the report counts');
    assert.deepEqual(dom.titles, ['Board pack', 'Heat map and register summary', 'Stress scenarios', 'Demand and finance', 'Simulation', 'Assumptions that differ from the defaults', 'Sources']);
    assert.deepEqual([...new Set(dom.order)], ['cover', 'map', 'scenarios', 'drivers', 'simulation', 'assumptions', 'sources']);
    assert.match(await page.textContent('.cover'), /Illustrative, not a forecast/);
    assert.match(await page.textContent('.cover'), /version \d/);
    assert.match(await page.textContent('.cover'), /appetite/i, 'the cover says what differs');

    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(out, 'board-pack.pdf');
    await page.pdf({ path: pdf, format: 'A4', landscape: true, preferCSSPageSize: true, printBackground: true });
    let tools = true;
    try { execFileSync('which', ['pdftotext', 'pdftoppm']); } catch { tools = false; }
    if (!tools) {
      console.log('\n!!!!!!!! board pack: pdftotext/pdftoppm (poppler-utils) are MISSING: the PDF was written to', pdf, 'but its pages were NOT checked. Install poppler-utils. !!!!!!!!\n');
      return;
    }
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
    const pages = text.split('\f');
    if (pages[pages.length - 1].trim() === '') pages.pop();
    assert.equal(pages.length, sheets, `the PDF has ${pages.length} pages; the pack is laid out on ${sheets} (cover, map, a page per section and per chart, assumptions, sources)`);
    pages.forEach((p, i) => {
      assert.ok(p.replace(/Page \d+ of \d+/, '').trim().length > 80, `page ${i + 1} is not blank`);
      assert.match(p, new RegExp(`Page ${i + 1} of ${sheets}`), `page ${i + 1} is numbered`);
      assert.match(p, /Illustrative, not a forecast/, `page ${i + 1} says it is illustrative`);
    });
    // Each section starts its own page, in order; each chart has a page of its own.
    const flat = (s) => s.replace(/\s+/g, ' ');
    let at = 0;
    for (const title of dom.titles) {
      const found = pages.findIndex((p, i) => i >= at && flat(p).includes(title));
      assert.ok(found >= at, `“${title}” is in the PDF after page ${at + 1}`);
      at = found;
    }
    const chartPages = pages.filter((p) => / chart \d+ of \d+/i.test(flat(p)));
    assert.equal(chartPages.length, dom.charts.length, 'one page per chart');
    assert.match(flat(pages[0]), /Board pack/);
    assert.match(flat(pages[pages.length - 1]), /Sources/);
    // The pages as pictures, to look at.
    const dir = path.join(out, 'board-pack');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(dir, 'page')]);
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.png')).length, sheets);
  },
};
