/**
 * The HTML report opened in a real browser (Debian's headless Chromium) with the network off: it loads
 * with no outgoing request and no console error, shows a hostile column name as text, and prints. Two
 * control pages show the detector works: an image without the CSP is requested, and with it the browser
 * refuses it with a console error.
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPORT_CSP } from '../../src/report/html.js';
import { renderReport } from '../../src/report/render-report.js';
import { visitPage } from '../helpers/headless-chromium.js';
import { DEMO_BASE, HOSTILE, demoResults, resultsDir, wideDriftResult } from '../helpers/report-fixtures.js';

function page(html: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'page-')), 'report.html');
  writeFileSync(file, html);
  return pathToFileURL(file).href;
}

describe('the HTML report in headless Chromium, network off', () => {
  test('loads with no request but itself and no console error; hostile text stays text; it prints', async () => {
    const dir = resultsDir([await wideDriftResult(30)]);
    const { html } = renderReport({ results: dir, baseResults: DEMO_BASE });
    const url = page(html);
    const visit = await visitPage(url, [
      'document.querySelectorAll("img, script, iframe, object, embed, link").length',
      `document.body.innerText.includes(${JSON.stringify(HOSTILE)})`,
      'document.querySelectorAll("svg").length',
      'document.title',
    ]);
    expect(visit.requests).toEqual([url]);
    expect(visit.blocked).toEqual([]);
    expect(visit.errors).toEqual([]);
    expect(visit.values).toEqual([0, true, 10, 'model-ci report: 1 warning']);
    expect(visit.pdfBytes).toBeGreaterThan(10_000);
  });

  test('the demo report (six checks, base results) loads clean too', async () => {
    const { html } = renderReport({ results: demoResults(), baseResults: DEMO_BASE });
    const url = page(html);
    const visit = await visitPage(url);
    expect(visit.requests).toEqual([url]);
    expect(visit.errors).toEqual([]);
  });

  test('controls: without the CSP an image is requested; with it the browser blocks it and says so', async () => {
    const img = '<img src="http://report-test.invalid/pixel.png" alt="">';
    const open = await visitPage(page(`<!DOCTYPE html><html><body>${img}</body></html>`));
    expect(open.requests).toContain('http://report-test.invalid/pixel.png');
    const closed = await visitPage(
      page(
        `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}"></head><body>${img}<script>console.log(1)</script></body></html>`,
      ),
    );
    // Chromium announces the request, then blocks it before anything is sent.
    expect(closed.blocked).toEqual(['csp: http://report-test.invalid/pixel.png']);
    expect(open.blocked).toEqual([]);
    expect(closed.errors.join('\n')).toMatch(
      /Loading the image .* violates the following Content Security Policy/,
    );
    expect(closed.errors.join('\n')).toMatch(
      /Executing inline script violates the following Content Security Policy/,
    );
  });
});
