// The search page: the query, its mode and filters (kept in the address, so that a search can be linked), and the
// results with the query's words highlighted.
import { api } from './api.js';
import { h, pageRange, replaceChildren, showProblem, snippet } from './dom.js';

const TYPES = ['PDF', 'DOCX', 'DOC', 'ODT', 'RTF', 'PPTX', 'TXT', 'MD', 'HTML'];

function field(id, label, control, help) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    help ? h('small', { id: `${id}-help` }, help) : null);
}

/** metadata "team=hr, year=2024" as the API's metadata.<key>=<value> parameters. */
function metadataParameters(text) {
  const parameters = {};
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) {
      parameters[`metadata.${pair.slice(0, at).trim()}`] = pair.slice(at + 1).trim();
    }
  }
  return parameters;
}

const isoOfDate = (value) => (value ? new Date(`${value}T00:00:00`).toISOString() : '');

export function searchPage(main, params) {
  const q = h('input', { id: 'search-q', name: 'q', type: 'search', required: true, autocomplete: 'off',
    value: params.get('q') || '' });
  const mode = h('select', { id: 'search-mode', name: 'mode' },
    [['hybrid', 'Hybrid'], ['keyword', 'Keyword'], ['vector', 'Vector']]
      .map(([value, label]) => h('option', { value, selected: params.get('mode') === value }, label)));
  const k = h('input', { id: 'search-k', name: 'k', type: 'number', min: '1', max: '100',
    value: params.get('k') || '10' });
  const collection = h('input', { id: 'search-collection', name: 'collection', type: 'text', autocomplete: 'off',
    value: params.get('collection') || '' });
  const type = h('select', { id: 'search-type', name: 'contentType' }, h('option', { value: '' }, 'Any type'),
    TYPES.map((name) => h('option', { value: name, selected: params.get('contentType') === name }, name)));
  const metadata = h('input', { id: 'search-metadata', name: 'metadata', type: 'text', autocomplete: 'off',
    placeholder: 'team=hr', value: params.get('metadata') || '', 'aria-describedby': 'search-metadata-help' });
  const after = h('input', { id: 'search-after', name: 'after', type: 'date', value: params.get('after') || '' });
  const before = h('input', { id: 'search-before', name: 'before', type: 'date',
    value: params.get('before') || '' });
  const results = h('section', { id: 'search-results', 'aria-labelledby': 'results-title', 'aria-live': 'polite',
    'aria-busy': 'false' });

  const form = h('form', { class: 'search', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, control] of Object.entries({ q, mode, k, collection, contentType: type, metadata, after,
      before })) {
      if (control.value.trim()) {
        next.set(name, control.value.trim());
      }
    }
    // The address holds the search; the router runs it (so that back and forward work).
    const target = `#/search?${next}`;
    if (window.location.hash === target) {
      run();
    }
    else {
      window.location.hash = target;
    }
  } },
  h('div', { class: 'search-main' }, field('search-q', 'Query', q), field('search-mode', 'Mode', mode),
    field('search-k', 'Results', k), h('button', { type: 'submit' }, 'Search')),
  h('fieldset', { class: 'filters' }, h('legend', {}, 'Filters'),
    field('search-collection', 'Collection', collection), field('search-type', 'Type', type),
    field('search-metadata', 'Metadata', metadata, 'key=value, comma-separated'),
    field('search-after', 'Uploaded from', after), field('search-before', 'Uploaded before', before)));

  replaceChildren(main, h('h1', {}, 'Search'), form, results);

  async function run() {
    if (!q.value.trim()) {
      return;
    }
    results.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.search({ q: q.value.trim(), mode: mode.value, k: k.value,
        collection: collection.value.trim(), contentType: type.value, uploadedAfter: isoOfDate(after.value),
        uploadedBefore: isoOfDate(before.value), ...metadataParameters(metadata.value) });
      showProblem(null);
      replaceChildren(results,
        h('h2', { id: 'results-title' }, `${answer.results.length} result${answer.results.length === 1 ? '' : 's'}`,
          h('span', { class: 'help' }, ` (${answer.mode.toLowerCase()}, ${answer.embeddingModel})`)),
        h('ol', { class: 'results' }, answer.results.map(result)));
    }
    catch (error) {
      replaceChildren(results, h('h2', { id: 'results-title' }, 'No results'));
      showProblem(error);
    }
    finally {
      results.setAttribute('aria-busy', 'false');
    }
  }

  function result(item) {
    const where = [item.section, item.page ? `page ${pageRange(item.page, item.lastPage)}` : null,
      item.collection ? `collection ${item.collection}` : null].filter(Boolean).join(' · ');
    const ranks = [`score ${item.score.toFixed(4)}`,
      item.keywordRank ? `keyword #${item.keywordRank}` : null,
      item.vectorRank ? `vector #${item.vectorRank}` : null].filter(Boolean).join(' · ');
    return h('li', { class: 'result', 'data-document-id': item.documentId },
      h('h3', {}, h('a', { href: `#/documents/${item.documentId}` }, item.filename)),
      where ? h('p', { class: 'result-where' }, where) : null,
      h('p', { class: 'result-snippet' }, item.snippet ? snippet(item.snippet) : item.text),
      h('p', { class: 'result-ranks' }, ranks));
  }

  run();
  return { dispose() {} };
}
