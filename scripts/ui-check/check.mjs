#!/usr/bin/env node
// Checks in a headless Chromium that the Temporal UI lists a document's workflow (document-<uuid>, found by its
// DocumentId search attribute) with the expected status, opens it, and saves screenshots of both pages.
//
//   node scripts/ui-check/check.mjs --ui http://127.0.0.1:8233 --document-id <uuid> --status READY --out <dir>
//     [--namespace default] [--timeout 60]
//
// --status is a document status (READY, FAILED, CANCELLED, PROCESSING, PENDING) or a workflow status as the UI
// shows it (Completed, Failed, Canceled, Terminated, Running, TimedOut). Exit 0 when found, 1 when not found within
// --timeout seconds (a screenshot of what the UI showed is saved), 2 on bad arguments or a browser that will not
// start. Uses Debian's /usr/bin/chromium (installed with apt-get if missing); it never downloads a browser.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureChromium, firstLine, launch } from './browser.mjs';

// What the ingestion workflow's run status is once the document has this status.
const RUN_STATUS_OF_DOCUMENT = {
  READY: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Canceled',
  PROCESSING: 'Running',
  PENDING: 'Running',
};

const RUN_STATUSES = ['Running', 'Completed', 'Failed', 'Canceled', 'Terminated', 'TimedOut', 'ContinuedAsNew'];

function usage(message) {
  console.error(`ui-check: ${message}`);
  console.error('usage: node check.mjs --ui <url> --document-id <uuid> --status <status> --out <dir>'
    + ' [--namespace default] [--timeout 60]');
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        ui: { type: 'string', default: 'http://127.0.0.1:8233' },
        'document-id': { type: 'string' },
        status: { type: 'string' },
        out: { type: 'string', default: '.' },
        namespace: { type: 'string', default: 'default' },
        timeout: { type: 'string', default: '60' },
      },
    }));
  }
  catch (error) {
    usage(error.message);
  }
  const documentId = values['document-id'];
  if (!documentId || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(documentId)) {
    usage('--document-id must be a UUID');
  }
  const status = values.status || usage('--status is required');
  const runStatus = RUN_STATUS_OF_DOCUMENT[status.toUpperCase()]
    || RUN_STATUSES.find((known) => known.toLowerCase() === status.toLowerCase());
  if (!runStatus) {
    usage(`unknown --status ${status}`);
  }
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) {
    usage('--timeout must be a positive number of seconds');
  }
  return {
    ui: values.ui.replace(/\/+$/, ''),
    documentId: documentId.toLowerCase(),
    runStatus,
    out: resolve(values.out),
    namespace: values.namespace,
    timeoutMs: timeoutSeconds * 1000,
  };
}

/** Polls the filtered list (the UI does not refresh it by itself) until the run's row shows the status. */
async function findRow(page, listUrl, workflowId, runStatus, deadline) {
  let lastError;
  while (Date.now() < deadline) {
    try {
      await page.goto(listUrl, { waitUntil: 'domcontentloaded', timeout: 15000 });
      const row = page.locator('tr, [role="row"]').filter({ hasText: workflowId }).filter({ hasText: runStatus });
      await row.first().waitFor({ state: 'visible', timeout: Math.min(10000, Math.max(1, deadline - Date.now())) });
      return row.first();
    }
    catch (error) {
      lastError = error;
      await page.waitForTimeout(Math.min(2000, Math.max(0, deadline - Date.now())));
    }
  }
  console.error(`ui-check: ${lastError ? firstLine(lastError) : 'timed out'}`);
  return null;
}

async function main() {
  const opts = options();
  mkdirSync(opts.out, { recursive: true });
  ensureChromium();
  const workflowId = `document-${opts.documentId}`;
  const query = `DocumentId="${opts.documentId}"`;
  const listUrl = `${opts.ui}/namespaces/${encodeURIComponent(opts.namespace)}/workflows`
    + `?query=${encodeURIComponent(query)}`;
  const listShot = join(opts.out, `temporal-ui-${opts.documentId}-list.png`);
  const runShot = join(opts.out, `temporal-ui-${opts.documentId}.png`);
  const deadline = Date.now() + opts.timeoutMs;

  const userDataDir = mkdtempSync(join(tmpdir(), 'scriptorium-ui-check-'));
  let context;
  try {
    try {
      context = await launch(userDataDir, { width: 1600, height: 1000 });
    }
    catch (error) {
      console.error(`ui-check: Chromium did not start: ${firstLine(error)}`);
      return 2;
    }
    const page = context.pages()[0] || await context.newPage();
    console.log(`ui-check: looking for ${workflowId} (${opts.runStatus}) at ${listUrl}`);
    const row = await findRow(page, listUrl, workflowId, opts.runStatus, deadline);
    if (!row) {
      const shot = join(opts.out, `temporal-ui-${opts.documentId}-not-found.png`);
      await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      console.error(`ui-check: no ${opts.runStatus} run of ${workflowId} within ${opts.timeoutMs / 1000}s; see ${shot}`);
      return 1;
    }
    await page.screenshot({ path: listShot, fullPage: true });

    await row.getByRole('link', { name: workflowId }).first().click();
    await page.waitForURL((url) => url.pathname.includes(`/workflows/${workflowId}/`),
      { timeout: Math.max(5000, deadline - Date.now()) });
    await page.getByText(opts.runStatus, { exact: true }).first()
      .waitFor({ state: 'visible', timeout: Math.max(5000, deadline - Date.now()) });
    await page.getByText(workflowId).first().waitFor({ state: 'visible', timeout: 5000 });
    await page.screenshot({ path: runShot, fullPage: true });
    console.log(`ui-check: found ${workflowId} ${opts.runStatus}; screenshots ${listShot} ${runShot}`);
    return 0;
  }
  catch (error) {
    console.error(`ui-check: ${firstLine(error)}`);
    if (context) {
      const page = context.pages()[0];
      const shot = join(opts.out, `temporal-ui-${opts.documentId}-error.png`);
      await page?.screenshot({ path: shot, fullPage: true }).catch(() => {});
    }
    return 1;
  }
  finally {
    await context?.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
