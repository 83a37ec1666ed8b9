// Small DOM helpers: elements built from data (never from HTML strings), announcements, the problem banner.

/** h('a', {href: '#/x', class: 'y'}, 'text', child...): attributes, properties starting with "on", children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    }
    else if (name === 'class') {
      element.className = value;
    }
    else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : String(child));
  }
}

export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/**
 * A search snippet: the API escapes the chunk's text and marks the query's words with <mark>. Only text and <mark>
 * are taken from it, so that nothing else could ever become markup even if the escaping failed.
 */
export function snippet(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html || ''}</body>`, 'text/html');
  const out = h('span', { class: 'snippet' });
  const copy = (from, to) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.append(node.textContent);
      }
      else if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.tagName === 'MARK') {
          const mark = h('mark');
          copy(node, mark);
          to.append(mark);
        }
        else {
          copy(node, to);
        }
      }
    }
  };
  copy(parsed.body, out);
  return out;
}

const announcer = () => document.getElementById('announcer');

/** Says something to screen readers (the page's polite live region). */
export function announce(text) {
  const region = announcer();
  if (!region) {
    return;
  }
  region.append(h('p', {}, text));
  // Keep the region short: assistive technology reads what is added, not what stays.
  while (region.childNodes.length > 5) {
    region.firstChild.remove();
  }
}

/** Shows an ApiError (or any error) in the page's alert banner; null hides it. */
export function showProblem(error) {
  const banner = document.getElementById('problem');
  if (!error) {
    banner.hidden = true;
    banner.replaceChildren();
    return;
  }
  replaceChildren(banner,
    h('p', {}, error.readable || error.message || String(error)),
    h('button', { type: 'button', class: 'quiet', onclick: () => showProblem(null) }, 'Dismiss'));
  banner.hidden = false;
}

export function pagesText(doc) {
  if (doc.pages === null || doc.pages === undefined) {
    return '';
  }
  return doc.pages === 0 ? '–' : String(doc.pages);
}

export function pageRange(page, lastPage) {
  if (!page) {
    return '';
  }
  return lastPage && lastPage !== page ? `${page}–${lastPage}` : String(page);
}

/** The Temporal UI's page of a document's workflow, when the settings are known. */
export function runLink(settings, doc) {
  if (!settings || !doc.id) {
    return null;
  }
  const workflowId = doc.workflowId || `document-${doc.id}`;
  const href = `${settings.temporalUiUrl}/namespaces/${encodeURIComponent(settings.temporalNamespace)}`
    + `/workflows/${encodeURIComponent(workflowId)}`;
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'run-link' }, 'Run',
    h('span', { class: 'visually-hidden' }, ` of ${doc.filename} in the Temporal UI (opens a new tab)`));
}
