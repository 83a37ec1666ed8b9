// The console: hash routes (#/documents, #/documents/<id>, #/search?q=...), the token dialog, the settings.
import { api, onTokenNeeded, setToken, token } from './api.js';
import { documentPage } from './document.js';
import { documentsPage } from './documents.js';
import { showProblem } from './dom.js';
import { searchPage } from './search.js';

let settings = null;
let current = null;
let pendingToken = null;

/** One dialog however many requests got a 401 at once; each of them gets the same answer. */
function askForToken(reason) {
  if (pendingToken) {
    return pendingToken;
  }
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  document.getElementById('token-reason').textContent = `${reason || 'This API needs a token.'} `
    + 'It is kept for this browser tab only (session storage).';
  input.value = '';
  pendingToken = new Promise((resolve) => {
    const form = document.getElementById('token-form');
    const cancel = document.getElementById('token-cancel');
    const finish = (value) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) {
        dialog.close();
      }
      pendingToken = null;
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      finish(input.value.trim() || null);
    };
    const onCancel = (event) => {
      event.preventDefault();
      finish(null);
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
  });
  dialog.showModal();
  input.focus();
  return pendingToken;
}

async function loadSettings() {
  try {
    settings = await api.settings();
  }
  catch (error) {
    // The console still works without the Temporal UI's address; the run links are left out.
    settings = null;
    if (error.status !== 404) {
      showProblem(error);
    }
  }
  // Pages opened before the settings came show their links from the next update on.
}

function route() {
  const hash = window.location.hash || '#/documents';
  const [path, query] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean);
  current?.dispose();
  showProblem(null);
  const main = document.getElementById('main');
  let name = parts[0] || 'documents';
  if (name === 'documents' && parts[1]) {
    current = documentPage(main, () => settings, decodeURIComponent(parts[1]));
  }
  else if (name === 'search') {
    current = searchPage(main, new URLSearchParams(query || ''));
  }
  else {
    name = 'documents';
    current = documentsPage(main, () => settings);
  }
  for (const link of document.querySelectorAll('nav a[data-route]')) {
    if (link.dataset.route === name) {
      link.setAttribute('aria-current', 'page');
    }
    else {
      link.removeAttribute('aria-current');
    }
  }
  document.title = `${name === 'search' ? 'Search' : 'Documents'} · Scriptorium`;
}

onTokenNeeded(askForToken);
document.getElementById('change-token').addEventListener('click', async () => {
  const next = await askForToken(token() ? 'Replace the token in use.' : 'Give the API token, if it needs one.');
  if (next !== null) {
    setToken(next);
    route();
    loadSettings();
  }
});
window.addEventListener('hashchange', () => {
  route();
  document.getElementById('main').focus();
});
// The settings first: a token asked for by their request is then used by the page's.
loadSettings().then(route);
