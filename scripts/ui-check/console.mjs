#!/usr/bin/env node
// Checks the web console the api-server serves at / in a headless Chromium: two corpus files that should be READY
// are dropped on the upload area and a corrupt one is chosen with the file input (opened from the keyboard); every
// row's bar moves and ends READY, or FAILED with the code the corpus's MANIFEST expects; a search finds a phrase of
// one READY file with the match highlighted; deleting a row removes it. Screenshots of each page go to --out.
//
//   node scripts/ui-check/console.mjs --api http://127.0.0.1:8080 --out target/console-check
//     [--token <api token>] [--corpus ../shared/corpus] [--timeout 300] [--docs-screenshot docs/console.png]
//
// --token is typed into the console's token form when it asks (an API without tokens never asks). --timeout bounds
// each wait for documents to end, in seconds. Exit 0 when every check passed, 1 when one failed (a screenshot of
// the page is saved), 2 on bad arguments or a browser that will not start.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureChromium, firstLine, launch } from './browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Two small files that end READY (the memo alone says "blankets") and one that fails in the pipeline. */
const READY_FILES = ['pdf-text-1p-memo-unstructured.pdf', 'md-readme-unstructured.md'];
const FAILING_FILE = 'pdf-corrupt-fuzzed-pdfjs.pdf';
const SEARCH = { query: 'bottles of water and blankets', expected: 'pdf-text-1p-memo-unstructured.pdf' };

/** The code a FAILED document of each MANIFEST expectation carries (as scripts/faults/bad-input.sh reads it). */
const CODE_OF_EXPECTATION = {
  'reject-corrupt': 'CORRUPT_DOCUMENT',
  'reject-encrypted': 'ENCRYPTED_DOCUMENT',
};

const STEP_MS = 30000;

function usage(message) {
  console.error(`console-check: ${message}`);
  console.error('usage: node console.mjs --api <url> --out <dir> [--token <token>] [--corpus <dir>]'
    + ' [--timeout 300] [--docs-screenshot <png>]');
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        api: { type: 'string', default: 'http://127.0.0.1:8080' },
        token: { type: 'string', default: process.env.SCRIPTORIUM_API_TOKEN || '' },
        out: { type: 'string', default: 'target/console-check' },
        corpus: { type: 'string', default: join(ROOT, '..', 'shared', 'corpus') },
        timeout: { type: 'string', default: '300' },
        'docs-screenshot': { type: 'string' },
      },
    }));
  }
  catch (error) {
    usage(error.message);
  }
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) {
    usage('--timeout must be a positive number of seconds');
  }
  const corpus = resolve(values.corpus);
  const manifest = readManifest(join(corpus, 'MANIFEST.tsv'));
  const expected = {};
  for (const file of READY_FILES) {
    if (!(manifest[file] || '').startsWith('ok')) {
      usage(`${file} is not an ok file of ${corpus}/MANIFEST.tsv`);
    }
    expected[file] = { status: 'READY' };
  }
  const code = CODE_OF_EXPECTATION[manifest[FAILING_FILE]];
  if (!code) {
    usage(`${FAILING_FILE} is not a reject-corrupt or reject-encrypted file of ${corpus}/MANIFEST.tsv`);
  }
  expected[FAILING_FILE] = { status: 'FAILED', code };
  return {
    api: values.api.replace(/\/+$/, ''),
    token: values.token,
    out: resolve(values.out),
    corpus,
    expected,
    timeoutMs: timeoutSeconds * 1000,
    docsScreenshot: values['docs-screenshot'] ? resolve(values['docs-screenshot']) : null,
  };
}

/** file name -> expectation (ok, ok-no-text, reject-corrupt, ...). */
function readManifest(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  }
  catch (error) {
    usage(`cannot read ${path}: ${error.message}`);
  }
  const [header, ...lines] = text.trim().split('\n');
  const columns = header.split('\t');
  const file = columns.indexOf('file');
  const expectation = columns.indexOf('expectation');
  return Object.fromEntries(lines.map((line) => line.split('\t')).map((cells) => [cells[file], cells[expectation]]));
}

class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new CheckFailed(message);
  }
  console.log(`console-check: ok: ${message}`);
}

/** The console asks for a token when the API wants one: type --token, or fail saying that it is needed. */
async function passTokenForm(page, opts) {
  const dialog = page.locator('#token-dialog');
  const table = page.locator('#documents-table');
  await Promise.race([
    dialog.waitFor({ state: 'visible', timeout: STEP_MS }),
    table.waitFor({ state: 'visible', timeout: STEP_MS }),
  ]);
  if (!await dialog.isVisible()) {
    return false;
  }
  if (!opts.token) {
    throw new CheckFailed('the API asks for a token: pass --token');
  }
  await page.getByLabel('Bearer token').fill(opts.token);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: STEP_MS });
  return true;
}

/** Every value each row's bar takes, by file name, recorded in the page as the console sets them. */
async function recordBars(page) {
  await page.evaluate(() => {
    window.barValues = {};
    const note = (bar) => {
      const row = bar.closest('tr');
      if (row && row.dataset.filename) {
        (window.barValues[row.dataset.filename] ||= []).push(Number(bar.value));
      }
    };
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === 'attributes' && mutation.target instanceof HTMLProgressElement) {
          note(mutation.target);
        }
        for (const node of mutation.addedNodes || []) {
          if (node instanceof Element) {
            node.querySelectorAll('progress').forEach(note);
          }
        }
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
}

/** Drops files on the drop zone as a person dragging them from a file manager would. */
async function dropFiles(page, paths) {
  const files = paths.map((path) => ({
    name: basename(path),
    type: path.endsWith('.pdf') ? 'application/pdf' : 'text/markdown',
    base64: readFileSync(path).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    return transfer;
  }, files);
  await page.locator('#drop-zone').dispatchEvent('dragover', { dataTransfer });
  await page.locator('#drop-zone').dispatchEvent('drop', { dataTransfer });
}

/**
 * The drop zone is also a button: Enter on it opens the file chooser. Headless Chromium now and then reports no
 * chooser although the page opened one (Playwright's filechooser event is missed); the page's own record that Enter
 * reached the file input then shows the keyboard path works, and the file is set on that input.
 */
async function chooseWithKeyboard(page, path) {
  await page.evaluate(() => {
    window.fileInputClicks = 0;
    document.getElementById('upload-files').addEventListener('click', () => window.fileInputClicks++);
  });
  await page.locator('#drop-zone').focus();
  try {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }),
      page.keyboard.press('Enter')]);
    await chooser.setFiles(path);
    return;
  }
  catch (error) {
    if (!await page.evaluate(() => window.fileInputClicks > 0)) {
      throw new CheckFailed(`Enter on the drop zone did not open the file input (${firstLine(error)})`);
    }
  }
  console.log('console-check: Enter on the drop zone opened the file input (Chromium reported no chooser)');
  await page.locator('#upload-files').setInputFiles(path);
}

function row(page, filename) {
  return page.locator(`#documents-table tbody tr[data-filename="${filename}"]`);
}

async function waitForEnd(page, filename, expected, timeoutMs) {
  const ended = row(page, filename).and(page.locator('[data-status="READY"], [data-status="FAILED"], '
    + '[data-status="CANCELLED"], [data-status="REJECTED"]'));
  await ended.first().waitFor({ state: 'attached', timeout: timeoutMs });
  const status = await ended.first().getAttribute('data-status');
  check(status === expected.status, `${filename} ends ${expected.status} (${status})`);
  if (expected.code) {
    await ended.first().locator('.error-code').waitFor({ timeout: STEP_MS });
    const code = (await ended.first().locator('.error-code').textContent()).trim();
    check(code === expected.code, `${filename} shows its code ${expected.code} (${code})`);
  }
}

async function apiStatus(opts, path) {
  const headers = opts.token ? { Authorization: `Bearer ${opts.token}` } : {};
  const response = await fetch(`${opts.api}${path}`, { headers });
  return response.status;
}

async function run(page, opts) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`script error: ${firstLine(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`policy: ${message.text()}`);
    }
  });
  const shot = (name) => page.screenshot({ path: join(opts.out, `${name}.png`), fullPage: true });

  await page.goto(`${opts.api}/`, { waitUntil: 'domcontentloaded', timeout: STEP_MS });
  const askedForToken = await passTokenForm(page, opts);
  await page.locator('#documents-table').waitFor({ timeout: STEP_MS });
  if (askedForToken) {
    // Kept for the session: a reload does not ask again.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator('#documents-table').waitFor({ timeout: STEP_MS });
    check(!await page.locator('#token-dialog').isVisible(), 'the token is asked once and kept for the session');
  }
  await recordBars(page);

  await dropFiles(page, READY_FILES.map((file) => join(opts.corpus, file)));
  await chooseWithKeyboard(page, join(opts.corpus, FAILING_FILE));
  for (const file of [...READY_FILES, FAILING_FILE]) {
    await row(page, file).first().waitFor({ state: 'attached', timeout: STEP_MS });
  }
  check(true, 'a row for each of the three files, two dropped and one chosen from the keyboard');
  await shot('uploading');

  const deadline = Date.now() + opts.timeoutMs;
  for (const [file, expected] of Object.entries(opts.expected)) {
    await waitForEnd(page, file, expected, Math.max(1000, deadline - Date.now()));
  }
  const bars = await page.evaluate(() => window.barValues);
  for (const [file, expected] of Object.entries(opts.expected)) {
    const values = bars[file] || [];
    const moved = values.some((value, i) => i > 0 && value > values[i - 1]);
    check(moved, `${file}'s bar moved (${values.join(' → ')})`);
    if (!values.some((value) => value > 15 && value < 100)) {
      // Small files may pass every stage between two updates, or already be documents (a second run on one stack).
      console.log(`console-check: note: ${file}'s bar showed its upload but no stage before its end`);
    }
    if (expected.status === 'READY') {
      check(values.at(-1) === 100, `${file}'s bar ends full`);
      check(values.some((value) => value > 0 && value < 100), `${file}'s bar stood between empty and full`);
    }
  }
  const memo = row(page, SEARCH.expected).first();
  const memoId = await memo.getAttribute('data-id');
  const runHref = await memo.locator('a.run-link').getAttribute('href', { timeout: STEP_MS });
  check(/^https?:\/\/.+\/namespaces\/[^/]+\/workflows\/document-[0-9a-f-]{36}$/.test(runHref)
    && runHref.endsWith(`/workflows/document-${memoId}`), `rows link their runs in the Temporal UI (${runHref})`);
  await shot('documents');
  if (opts.docsScreenshot) {
    mkdirSync(dirname(opts.docsScreenshot), { recursive: true });
    await page.screenshot({ path: opts.docsScreenshot });
    console.log(`console-check: ${opts.docsScreenshot} (${statSync(opts.docsScreenshot).size} bytes)`);
  }

  // A document's page: its chunks with their text.
  await row(page, SEARCH.expected).first().getByRole('link', { name: SEARCH.expected, exact: true }).click();
  await page.locator('.chunks li .chunk-text').first().waitFor({ timeout: STEP_MS });
  const chunkText = await page.locator('.chunks li .chunk-text').allTextContents();
  check(chunkText.join(' ').includes('blankets'), `${SEARCH.expected}'s page shows its chunks`);
  await shot('document');

  // Search: the phrase only the memo holds, highlighted.
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Query').fill(SEARCH.query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = page.locator('.result').filter({ has: page.getByRole('link', { name: SEARCH.expected, exact: true }) });
  await hit.first().waitFor({ timeout: STEP_MS });
  const marks = await hit.first().locator('.result-snippet mark').allTextContents();
  check(marks.length > 0, `a search for "${SEARCH.query}" finds ${SEARCH.expected} with its match highlighted `
    + `(${marks.join(', ')})`);
  await shot('search');

  // Delete: the failed row goes, from the table and from the API.
  await page.getByRole('link', { name: 'Documents' }).click();
  const failed = row(page, FAILING_FILE).first();
  await failed.waitFor({ timeout: STEP_MS });
  const id = await failed.getAttribute('data-id');
  page.once('dialog', (dialog) => dialog.accept());
  await failed.getByRole('button', { name: /^Delete/ }).click();
  await row(page, FAILING_FILE).first().waitFor({ state: 'detached', timeout: STEP_MS });
  check(await apiStatus(opts, `/api/v1/documents/${id}`) === 404, `deleting ${FAILING_FILE} removes its row`);
  await shot('after-delete');

  check(problems.length === 0, `no script error or policy violation${problems.length ? `: ${problems}` : ''}`);
}

async function main() {
  const opts = options();
  mkdirSync(opts.out, { recursive: true });
  rmSync(join(opts.out, 'failure.png'), { force: true });
  ensureChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'scriptorium-console-check-'));
  let context;
  try {
    try {
      context = await launch(userDataDir, { width: 1280, height: 800 });
    }
    catch (error) {
      console.error(`console-check: Chromium did not start: ${firstLine(error)}`);
      return 2;
    }
    const page = context.pages()[0] || await context.newPage();
    console.log(`console-check: the console at ${opts.api}/`);
    await run(page, opts);
    console.log(`console-check: passed; screenshots in ${opts.out}`);
    return 0;
  }
  catch (error) {
    console.error(`console-check: FAILED: ${firstLine(error)}`);
    const page = context?.pages()[0];
    await page?.screenshot({ path: join(opts.out, 'failure.png'), fullPage: true }).catch(() => {});
    return 1;
  }
  finally {
    await context?.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
