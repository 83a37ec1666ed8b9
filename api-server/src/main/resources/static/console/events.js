// Server-Sent Events read with fetch(), because EventSource cannot send an Authorization header; and the polling
// that stands in for them against an API that has no events endpoint (404).
import { api, authHeaders, renewToken, token } from './api.js';

const TERMINAL = new Set(['READY', 'FAILED', 'CANCELLED']);
const POLL_MS = 2000;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30000;
/** The server sends keep-alive comments; a stream silent for this long is taken for dropped and reopened. */
const SILENCE_MS = 90000;

export function isTerminal(status) {
  return TERMINAL.has(status);
}

/**
 * An incremental SSE parser (the WHATWG event-stream format): feed it text as it arrives; it calls
 * onEvent({id, type, data}) at each blank line that ends an event with data. Comments (": keep-alive") are skipped.
 */
export function sseParser(onEvent) {
  let buffer = '';
  let data = [];
  let type = '';
  let id = null;
  return (text) => {
    buffer += text;
    // A chunk may end between the \r and the \n of one line ending: keep a trailing \r for the next chunk.
    const end = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
    const lines = buffer.slice(0, end).split(/\r\n|\r|\n/);
    buffer = lines.pop() + buffer.slice(end);
    for (const line of lines) {
      if (line === '') {
        if (data.length) {
          onEvent({ id, type: type || 'message', data: data.join('\n') });
        }
        data = [];
        type = '';
        continue;
      }
      if (line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') {
        data.push(value);
      }
      else if (field === 'event') {
        type = value;
      }
      else if (field === 'id' && !value.includes('\0')) {
        id = value;
      }
    }
  };
}

const sleep = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    resolve();
  }, { once: true });
});

/**
 * Follows an event stream until stop() is called, or until it ends after a terminal event (a document's stream),
 * or answers 204. After a drop it reconnects with Last-Event-ID, waiting longer each time (1 s doubling to 30 s).
 * onEvent(data, type) gets each event's parsed JSON; onMissing() is called, and following ends, when the API
 * answers 404 (no events endpoint: the caller polls instead; or no such document).
 */
export function follow(path, { onEvent, onMissing, endsAfterTerminal = false }) {
  const stopper = new AbortController();
  let lastEventId = null;
  let retryMs = FIRST_RETRY_MS;

  const readOnce = async () => {
    const attempt = new AbortController();
    const abort = () => attempt.abort();
    stopper.signal.addEventListener('abort', abort, { once: true });
    let silence = setTimeout(abort, SILENCE_MS);
    let ended = false;
    try {
      const headers = { Accept: 'text/event-stream', ...authHeaders() };
      if (lastEventId !== null) {
        headers['Last-Event-ID'] = lastEventId;
      }
      const response = await fetch(path, { headers, signal: attempt.signal, cache: 'no-store' });
      if (response.status === 404) {
        onMissing?.();
        return 'done';
      }
      if (response.status === 204) {
        return 'done';
      }
      if (response.status === 401) {
        return await renewToken(token() ? 'The API refused this token.' : 'This API needs a token.')
          ? 'again' : 'done';
      }
      if (!response.ok || !response.body) {
        return 'retry';
      }
      const parse = sseParser((event) => {
        lastEventId = event.id ?? lastEventId;
        let data;
        try {
          data = JSON.parse(event.data);
        }
        catch {
          return;
        }
        retryMs = FIRST_RETRY_MS;
        // A document's stream ends after its final event; a reconnect after it would only get a 204.
        if (/^document\.(ready|failed|cancelled|deleted)$/.test(event.type)) {
          ended = true;
        }
        onEvent(data, event.type);
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        clearTimeout(silence);
        silence = setTimeout(abort, SILENCE_MS);
        parse(value);
      }
      return endsAfterTerminal && ended ? 'done' : 'retry';
    }
    catch {
      return 'retry';
    }
    finally {
      clearTimeout(silence);
      stopper.signal.removeEventListener('abort', abort);
    }
  };

  (async () => {
    while (!stopper.signal.aborted) {
      const outcome = await readOnce();
      if (outcome === 'done' || stopper.signal.aborted) {
        return;
      }
      if (outcome === 'retry') {
        await sleep(retryMs, stopper.signal);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    }
  })();
  return { stop: () => stopper.abort() };
}

/**
 * Polls documents (GET ?progress=true) every 2 s, one after the other, while ids() names any; each answer goes to
 * onDocument. Used only where the events endpoint answered 404.
 */
export function poll(ids, onDocument, onError) {
  const stopper = new AbortController();
  (async () => {
    while (!stopper.signal.aborted) {
      for (const id of ids()) {
        if (stopper.signal.aborted) {
          return;
        }
        try {
          onDocument(await api.document(id, true));
        }
        catch (error) {
          onError?.(id, error);
        }
      }
      await sleep(POLL_MS, stopper.signal);
    }
  })();
  return { stop: () => stopper.abort() };
}
