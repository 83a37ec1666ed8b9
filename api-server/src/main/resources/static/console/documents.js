// The documents page: the upload area (many files at once, dropped or chosen) and the documents table, kept up to
// date by the API's event stream (or, on an API without one, by polling).
import { api, ApiError, upload } from './api.js';
import { announce, h, pagesText, replaceChildren, runLink, showProblem } from './dom.js';
import { follow, isTerminal, poll } from './events.js';
import { barValue, fromDocument, fromEvent, merge } from './progress.js';

const PAGE_SIZE = 50;
const PARALLEL_UPLOADS = 3;
/** With events, a slow re-read of unfinished rows in case the stream missed something while it reconnected. */
const RECONCILE_MS = 30000;
const STATUSES = ['PENDING', 'PROCESSING', 'READY', 'FAILED', 'CANCELLED'];

export function documentsPage(main, settings) {
  const rows = new Map();
  const queue = [];
  let uploading = 0;
  let nextUploadKey = 0;
  let cursor = null;
  let live = null;
  let poller = null;
  let reconciler = null;

  const collection = h('input', { id: 'upload-collection', name: 'collection', type: 'text',
    placeholder: 'e.g. payroll', autocomplete: 'off' });
  const metadata = h('input', { id: 'upload-metadata', name: 'metadata', type: 'text',
    placeholder: '{"team": "hr"}', autocomplete: 'off', 'aria-describedby': 'upload-metadata-help' });
  const language = h('input', { id: 'upload-language', name: 'language', type: 'text', placeholder: 'eng',
    autocomplete: 'off', 'aria-describedby': 'upload-language-help' });
  const fileInput = h('input', { id: 'upload-files', type: 'file', multiple: true, class: 'visually-hidden',
    tabindex: '-1', onchange: () => {
      enqueue([...fileInput.files]);
      fileInput.value = '';
    } });
  const dropZone = h('button', { type: 'button', id: 'drop-zone', class: 'drop-zone',
    'aria-describedby': 'drop-zone-help', onclick: () => fileInput.click() },
  h('strong', {}, 'Drop files here'), h('span', {}, ' or press to choose files'));
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    enqueue([...event.dataTransfer.files]);
  });

  const statusFilter = h('select', { id: 'status-filter', onchange: () => reload() },
    h('option', { value: '' }, 'Any status'), STATUSES.map((status) => h('option', { value: status }, status)));
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'quiet', hidden: true, onclick: () => loadPage() },
    'Load more documents');

  replaceChildren(main,
    h('h1', {}, 'Documents'),
    h('section', { class: 'upload', 'aria-labelledby': 'upload-title' },
      h('h2', { id: 'upload-title' }, 'Upload'),
      h('div', { class: 'upload-options' },
        h('div', { class: 'field' }, h('label', { for: 'upload-collection' }, 'Collection'), collection),
        h('div', { class: 'field' }, h('label', { for: 'upload-metadata' }, 'Metadata (JSON object of strings)'),
          metadata, h('small', { id: 'upload-metadata-help' }, 'Search can filter on it.')),
        h('div', { class: 'field' }, h('label', { for: 'upload-language' }, 'OCR language'), language,
          h('small', { id: 'upload-language-help' }, 'Tesseract languages for scanned pages, e.g. deu+eng.'))),
      h('label', { for: 'upload-files', class: 'visually-hidden' }, 'Files to upload'), fileInput,
      dropZone,
      h('p', { id: 'drop-zone-help', class: 'help' },
        'PDF, DOCX, DOC, ODT, RTF, PPTX, TXT, MD or HTML; many at once. Each row\'s bar shows its upload, then '
        + 'its stages.')),
    h('section', { class: 'documents', 'aria-labelledby': 'documents-title' },
      h('div', { class: 'table-head' },
        h('h2', { id: 'documents-title' }, 'Documents'),
        h('div', { class: 'field inline' }, h('label', { for: 'status-filter' }, 'Status'), statusFilter),
        h('button', { type: 'button', class: 'quiet', onclick: () => reload() }, 'Refresh')),
      h('div', { class: 'table-scroll' },
        h('table', { id: 'documents-table' },
          h('caption', { class: 'visually-hidden' }, 'Documents, newest first'),
          h('thead', {}, h('tr', {}, ['File', 'Progress', 'Status', 'Stage', 'Pages', 'Chunks', 'Warnings', 'Error',
            'Collection', 'Actions'].map((name) => h('th', { scope: 'col' }, name)))),
          body)),
      more));

  // ---- rows

  function rowOf(doc, key) {
    const cells = {
      file: h('th', { scope: 'row', class: 'file' }),
      progress: h('td', { class: 'progress' }),
      status: h('td', { class: 'status' }),
      stage: h('td', { class: 'stage' }),
      pages: h('td', { class: 'num pages' }),
      chunks: h('td', { class: 'num chunks' }),
      warnings: h('td', { class: 'warnings' }),
      error: h('td', { class: 'error' }),
      collection: h('td', { class: 'collection' }),
      actions: h('td', { class: 'actions' }),
    };
    const bar = h('progress', { max: '100', value: '0' });
    cells.progress.append(bar);
    const tr = h('tr', {}, Object.values(cells));
    const row = { key, doc, tr, cells, bar };
    rows.set(key, row);
    render(row);
    return row;
  }

  function render(row) {
    const { doc, cells, tr } = row;
    tr.dataset.status = doc.status || '';
    tr.dataset.filename = doc.filename || '';
    if (doc.id) {
      tr.dataset.id = doc.id;
    }
    replaceChildren(cells.file, doc.id ? h('a', { href: `#/documents/${doc.id}` }, doc.filename) : doc.filename);
    const value = barValue(doc);
    row.bar.value = value;
    row.bar.setAttribute('aria-label', `${doc.filename}: ${value}%`);
    row.bar.classList.toggle('failed', doc.status === 'FAILED' || doc.status === 'REJECTED');
    cells.status.textContent = doc.status || '';
    cells.status.className = `status status-${(doc.status || '').toLowerCase()}`;
    cells.stage.textContent = doc.status === 'UPLOADING' ? `${Math.round((doc.uploaded || 0) * 100)}% sent`
      : (doc.stage || '');
    cells.pages.textContent = pagesText(doc);
    cells.chunks.textContent = chunksText(doc);
    cells.warnings.textContent = (doc.warnings || []).join(', ');
    replaceChildren(cells.error, doc.errorCode ? [h('code', { class: 'error-code' }, doc.errorCode), ' ',
      h('span', { class: 'error-message' }, doc.errorMessage || '')] : []);
    cells.collection.textContent = doc.collection || '';
    replaceChildren(cells.actions, actions(row));
  }

  function chunksText(doc) {
    if (doc.status === 'PROCESSING' && doc.stage === 'EMBED' && doc.chunks > 0 && doc.chunksEmbedded !== undefined
        && doc.chunksEmbedded !== null) {
      return `${doc.chunksEmbedded}/${doc.chunks}`;
    }
    return doc.chunks === null || doc.chunks === undefined ? '' : String(doc.chunks);
  }

  function actions(row) {
    const { doc } = row;
    if (!doc.id) {
      return doc.status === 'REJECTED'
        ? h('button', { type: 'button', class: 'quiet', onclick: () => removeRow(row) }, 'Dismiss',
          h('span', { class: 'visually-hidden' }, ` ${doc.filename}`))
        : [];
    }
    return [
      runLink(settings(), doc),
      doc.status === 'FAILED' || doc.status === 'CANCELLED'
        ? h('button', { type: 'button', class: 'quiet', onclick: () => retry(row) }, 'Retry',
          h('span', { class: 'visually-hidden' }, ` ${doc.filename}`))
        : null,
      h('button', { type: 'button', class: 'quiet danger', onclick: () => remove(row) }, 'Delete',
        h('span', { class: 'visually-hidden' }, ` ${doc.filename}`)),
    ];
  }

  function update(row, news, replace = false) {
    const before = row.doc.status;
    row.doc = replace ? { ...row.doc, ...news } : merge(row.doc, news);
    render(row);
    if (row.doc.status !== before && row.doc.status) {
      const code = row.doc.errorCode ? ` ${row.doc.errorCode}` : '';
      announce(`${row.doc.filename}: ${row.doc.status}${code}`);
    }
  }

  function removeRow(row) {
    rows.delete(row.key);
    row.tr.remove();
  }

  function rowById(id) {
    return rows.get(id);
  }

  function rekey(row, id) {
    rows.delete(row.key);
    row.key = id;
    rows.set(id, row);
  }

  // ---- uploads

  function enqueue(files) {
    if (!files.length) {
      return;
    }
    const query = { collection: collection.value.trim(), metadata: metadata.value.trim(),
      language: language.value.trim() };
    for (const file of files) {
      const row = rowOf({ filename: file.name, status: 'UPLOADING', uploaded: 0 }, `upload-${nextUploadKey++}`);
      body.prepend(row.tr);
      queue.push({ file, query, row });
    }
    announce(`${files.length} file${files.length === 1 ? '' : 's'} queued for upload`);
    pump();
  }

  function pump() {
    while (uploading < PARALLEL_UPLOADS && queue.length) {
      const next = queue.shift();
      uploading++;
      send(next).finally(() => {
        uploading--;
        pump();
      });
    }
  }

  async function send({ file, query, row }) {
    try {
      const answer = await upload(file, query, (share) => {
        if (row.doc.status === 'UPLOADING') {
          update(row, { uploaded: share });
        }
      });
      const news = { id: answer.id, filename: answer.filename, status: answer.status, stage: answer.stage,
        workflowId: answer.workflowId, type: answer.type, collection: query.collection || null };
      const existing = rowById(answer.id);
      if (existing && existing !== row) {
        // The same bytes were already a document (200), or its events got here first: one row for it.
        removeRow(row);
        update(existing, news);
        body.prepend(existing.tr);
      }
      else {
        rekey(row, answer.id);
        update(row, news, row.doc.status === 'UPLOADING');
      }
      // The upload's answer has no pages, chunks or error (a duplicate may already be READY or FAILED): read them.
      refresh(rowById(answer.id));
    }
    catch (error) {
      const problem = error instanceof ApiError ? error : new ApiError(0, { title: error.message });
      update(row, { status: 'REJECTED', errorCode: problem.code || `HTTP ${problem.status}`,
        errorMessage: problem.detail || problem.title }, true);
    }
  }

  // ---- actions

  async function retry(row) {
    try {
      const answer = await api.retry(row.doc.id);
      // A new run: the old failure no longer holds, so the answer replaces the row rather than merging into it.
      update(row, { ...fromDocument(answer), errorCode: null, errorMessage: null, chunksEmbedded: undefined }, true);
    }
    catch (error) {
      showProblem(error);
    }
  }

  async function remove(row) {
    if (!window.confirm(`Delete ${row.doc.filename} and its chunks?`)) {
      return;
    }
    try {
      await api.remove(row.doc.id);
    }
    catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        showProblem(error);
        return;
      }
    }
    removeRow(row);
    announce(`${row.doc.filename} deleted`);
  }

  async function refresh(row) {
    try {
      const doc = await api.document(row.doc.id, true);
      if (rows.get(row.key) === row) {
        update(row, fromDocument(doc));
      }
    }
    catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        removeRow(row);
      }
    }
  }

  // ---- the list and the live updates

  async function loadPage() {
    try {
      const page = await api.documents({ limit: PAGE_SIZE, cursor, status: statusFilter.value });
      for (const item of page.items) {
        const doc = fromDocument(item);
        const existing = rowById(doc.id);
        if (existing) {
          update(existing, doc);
        }
        else {
          body.append(rowOf(doc, doc.id).tr);
        }
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
    }
    catch (error) {
      showProblem(error);
    }
  }

  function reload() {
    for (const row of [...rows.values()]) {
      if (row.doc.id) {
        removeRow(row);
      }
    }
    cursor = null;
    return loadPage();
  }

  function onEvent(data, type) {
    const row = rowById(data.documentId);
    if (type === 'document.deleted') {
      if (row) {
        removeRow(row);
        announce(`${row.doc.filename} deleted`);
      }
      return;
    }
    const news = fromEvent(data);
    if (row) {
      update(row, news);
      return;
    }
    if (statusFilter.value) {
      return;
    }
    // One of ours whose upload has not answered yet, or someone else's document: a row either way.
    const pending = [...rows.values()].find((candidate) => !candidate.doc.id && candidate.doc.status === 'UPLOADING'
      && candidate.doc.filename === data.filename);
    if (pending) {
      rekey(pending, data.documentId);
      update(pending, news, true);
    }
    else {
      body.prepend(rowOf(news, data.documentId).tr);
    }
  }

  const unfinished = () => [...rows.values()].filter((row) => row.doc.id && !isTerminal(row.doc.status))
    .map((row) => row.doc.id);

  live = follow('/api/v1/events', {
    onEvent,
    onMissing: () => {
      // An API without the events endpoint: poll what is still running instead.
      clearInterval(reconciler);
      poller = poll(unfinished, (doc) => {
        const row = rowById(doc.id);
        if (row) {
          update(row, fromDocument(doc));
        }
      }, (id, error) => {
        if (error instanceof ApiError && error.status === 404 && rowById(id)) {
          removeRow(rowById(id));
        }
      });
    },
  });
  reconciler = setInterval(() => unfinished().forEach((id) => refresh(rowById(id))), RECONCILE_MS);
  loadPage();

  return {
    dispose() {
      live?.stop();
      poller?.stop();
      clearInterval(reconciler);
    },
  };
}
