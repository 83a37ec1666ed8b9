// One document: its status (live while it runs) and its chunks in reading order (section, pages, text).
import { api, ApiError } from './api.js';
import { announce, h, pageRange, pagesText, replaceChildren, runLink, showProblem } from './dom.js';
import { follow, isTerminal, poll } from './events.js';
import { barValue, fromDocument, fromEvent, merge } from './progress.js';

const CHUNK_PAGE = 50;

export function documentPage(main, settings, id) {
  let doc = null;
  let offset = 0;
  let live = null;
  let poller = null;
  const summary = h('dl', { class: 'summary' });
  const bar = h('progress', { max: '100', value: '0', 'aria-labelledby': 'document-title' });
  const chunkList = h('ol', { class: 'chunks', start: '1' });
  const chunkCount = h('p', { class: 'help' });
  const more = h('button', { type: 'button', class: 'quiet', hidden: true, onclick: () => loadChunks() },
    'Load more chunks');
  const title = h('h1', { id: 'document-title' }, 'Document');

  replaceChildren(main,
    h('p', {}, h('a', { href: '#/documents' }, '← Documents')),
    title, bar, summary,
    h('section', { 'aria-labelledby': 'chunks-title' },
      h('h2', { id: 'chunks-title' }, 'Chunks'), chunkCount, chunkList, more));

  function render() {
    title.textContent = doc.filename || 'Document';
    bar.value = barValue(doc);
    bar.classList.toggle('failed', doc.status === 'FAILED');
    const entries = [
      ['Status', h('span', { class: `status status-${(doc.status || '').toLowerCase()}` }, doc.status)],
      ['Stage', doc.stage], ['Type', doc.type], ['Pages', pagesText(doc)], ['Chunks', doc.chunks],
      ['Collection', doc.collection], ['Warnings', (doc.warnings || []).join(', ')],
      ['Error', doc.errorCode ? [h('code', {}, doc.errorCode), ' ', doc.errorMessage] : null],
      ['Run', runLink(settings(), doc)],
    ];
    replaceChildren(summary, entries.filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
  }

  function apply(news) {
    const before = doc.status;
    doc = merge(doc, news);
    render();
    if (doc.status !== before) {
      announce(`${doc.filename}: ${doc.status}`);
      if (doc.status === 'READY') {
        offset = 0;
        chunkList.replaceChildren();
        loadChunks();
      }
    }
  }

  async function loadChunks() {
    try {
      const page = await api.chunks(id, offset, CHUNK_PAGE);
      for (const chunk of page.items) {
        const where = [chunk.section, chunk.page ? `page ${pageRange(chunk.page, chunk.lastPage)}` : null]
          .filter(Boolean).join(' · ');
        chunkList.append(h('li', { value: String(chunk.index + 1) },
          h('p', { class: 'chunk-where' }, where || 'No section'),
          h('p', { class: 'chunk-text' }, chunk.text)));
      }
      offset += page.items.length;
      chunkCount.textContent = page.total ? `${offset} of ${page.total} chunks` : 'No chunks yet.';
      more.hidden = offset >= page.total;
    }
    catch (error) {
      showProblem(error);
    }
  }

  (async () => {
    try {
      doc = fromDocument(await api.document(id, true));
    }
    catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        replaceChildren(main, h('h1', {}, 'No such document'),
          h('p', {}, error.readable), h('p', {}, h('a', { href: '#/documents' }, '← Documents')));
        return;
      }
      showProblem(error);
      return;
    }
    render();
    loadChunks();
    if (!isTerminal(doc.status)) {
      live = follow(`/api/v1/documents/${id}/events`, {
        endsAfterTerminal: true,
        onEvent: (data, type) => {
          if (type === 'document.deleted') {
            showProblem(new Error(`${doc.filename} was deleted.`));
            return;
          }
          apply(fromEvent(data));
        },
        onMissing: () => {
          poller = poll(() => (isTerminal(doc.status) ? [] : [id]), (answer) => apply(fromDocument(answer)));
        },
      });
    }
  })();

  return {
    dispose() {
      live?.stop();
      poller?.stop();
    },
  };
}
