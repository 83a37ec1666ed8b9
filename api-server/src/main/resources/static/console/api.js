// The API as the console calls it: the token (kept for the tab's session), JSON requests, uploads with progress,
// and errors as the API's problem details (RFC 9457, with a `code`).

const TOKEN_KEY = 'scriptorium.apiToken';

/** An error answer of the API, or a request that never got one (status 0). */
export class ApiError extends Error {
  constructor(status, problem) {
    const title = problem.title || (status ? `HTTP ${status}` : 'No answer');
    super(problem.detail || title);
    this.status = status;
    this.code = problem.code || null;
    this.title = title;
    this.detail = problem.detail || '';
  }

  /** What a person reads: "Unsupported Media Type (UNSUPPORTED_TYPE): The file ...". */
  get readable() {
    const head = this.code ? `${this.title} (${this.code})` : this.title;
    return this.detail && this.detail !== this.title ? `${head}: ${this.detail}` : head;
  }
}

let askForToken = async () => null;

/**
 * How the console asks for a token when the API answers 401: a function that resolves to the new token, or to
 * null when the person gives up.
 */
export function onTokenNeeded(ask) {
  askForToken = ask;
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  }
  else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/** The Authorization header, when a token was given (an API without tokens, the local stack's, needs none). */
export function authHeaders() {
  const current = token();
  return current ? { Authorization: `Bearer ${current}` } : {};
}

/** Asks for the token again; false when the person cancelled. */
export async function renewToken(reason) {
  const next = await askForToken(reason);
  if (next === null) {
    return false;
  }
  setToken(next);
  return true;
}

export function url(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of [].concat(value)) {
      if (one !== undefined && one !== null && one !== '') {
        params.append(name, one);
      }
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    }
    catch {
      // An error body that is not JSON after all: the status says enough.
    }
  }
  return { title: response.statusText || `HTTP ${response.status}` };
}

/**
 * A JSON request; resolves to the parsed body (null for 204), throws ApiError. A 401 asks for the token and tries
 * again with it.
 */
export async function request(method, path, { query, signal } = {}) {
  for (;;) {
    let response;
    try {
      response = await fetch(url(path, query), {
        method,
        headers: { Accept: 'application/json', ...authHeaders() },
        signal,
      });
    }
    catch (error) {
      if (error.name === 'AbortError') {
        throw error;
      }
      throw new ApiError(0, { title: 'The API did not answer', detail: error.message });
    }
    if (response.status === 401) {
      const problem = await problemOf(response);
      if (await renewToken(token() ? 'The API refused this token.' : 'This API needs a token.')) {
        continue;
      }
      throw new ApiError(401, problem);
    }
    if (!response.ok) {
      throw new ApiError(response.status, await problemOf(response));
    }
    return response.status === 204 ? null : response.json();
  }
}

export const api = {
  settings: () => request('GET', '/api/v1/console'),
  documents: (query) => request('GET', '/api/v1/documents', { query }),
  document: (id, progress = false) => request('GET', `/api/v1/documents/${id}`,
    { query: progress ? { progress: true } : {} }),
  chunks: (id, offset, limit) => request('GET', `/api/v1/documents/${id}/chunks`, { query: { offset, limit } }),
  remove: (id) => request('DELETE', `/api/v1/documents/${id}`),
  retry: (id) => request('POST', `/api/v1/documents/${id}/retry`),
  search: (query) => request('GET', '/api/v1/search', { query }),
};

/**
 * Uploads one file with XMLHttpRequest, the only browser API that reports an upload's progress.
 * onProgress receives the share of the bytes sent (0..1). Resolves to the upload's answer, throws ApiError.
 */
export function upload(file, query, onProgress) {
  const send = () => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url('/api/v1/documents', query));
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(authHeaders())) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(event.loaded / event.total);
      }
    };
    xhr.onload = () => {
      let body = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      }
      catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'The upload did not reach the API' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return (async () => {
    for (;;) {
      const { status, body } = await send();
      if (status === 401 && await renewToken(token() ? 'The API refused this token.' : 'This API needs a token.')) {
        continue;
      }
      if (status < 200 || status >= 300) {
        throw new ApiError(status, body || {});
      }
      return body;
    }
  })();
}
