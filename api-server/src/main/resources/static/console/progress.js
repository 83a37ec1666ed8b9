// A document as the console shows it, made from the API's document, an upload's answer or an event, and where its
// bar stands.

/** The stages in pipeline order (workflows' Stage enum), and each one's share of the bar, in percent. */
export const STAGES = ['UPLOAD', 'CONVERT', 'PARSE', 'OCR', 'CHUNK', 'EMBED', 'INDEX', 'DONE'];
const SHARE = { UPLOAD: 15, CONVERT: 10, PARSE: 20, OCR: 15, CHUNK: 5, EMBED: 30, INDEX: 5, DONE: 0 };

/** The bar's value (0-100): the shares of the stages behind, EMBED filled by the chunks embedded. */
export function barValue(doc) {
  if (doc.status === 'READY') {
    return 100;
  }
  if (doc.status === 'UPLOADING') {
    return Math.round(SHARE.UPLOAD * (doc.uploaded || 0));
  }
  const stage = doc.stage && STAGES.includes(doc.stage) ? doc.stage : 'UPLOAD';
  // A document the API holds has been uploaded, even while its stage still says UPLOAD.
  let value = 0;
  for (const name of STAGES) {
    if (name === stage) {
      break;
    }
    value += SHARE[name];
  }
  if (stage === 'UPLOAD') {
    value = SHARE.UPLOAD;
  }
  if (stage === 'EMBED' && doc.chunks > 0 && doc.chunksEmbedded > 0) {
    value += SHARE.EMBED * Math.min(1, doc.chunksEmbedded / doc.chunks);
  }
  return Math.round(value);
}

/** From GET /api/v1/documents/{id} (with or without progress) or an item of the list. */
export function fromDocument(response) {
  const progress = response.progress || {};
  return {
    id: response.id,
    filename: response.filename,
    type: response.type,
    collection: response.collection,
    status: progress.status || response.status,
    stage: progress.stage || response.stage,
    pages: progress.pages ?? response.pages,
    chunks: progress.chunks || response.chunks,
    chunksEmbedded: progress.chunksEmbedded,
    warnings: response.warnings || [],
    errorCode: response.error ? response.error.code : null,
    errorMessage: response.error ? response.error.message : null,
    errorStage: response.error ? response.error.stage : null,
    workflowId: response.workflowId,
    createdAt: response.createdAt,
  };
}

/** From an event's data; only the fields it carries. */
export function fromEvent(data) {
  const doc = { id: data.documentId };
  for (const field of ['filename', 'collection', 'status', 'stage', 'pages', 'chunks', 'chunksEmbedded',
    'errorCode', 'errorMessage']) {
    if (data[field] !== undefined) {
      doc[field] = data[field];
    }
  }
  return doc;
}

/**
 * Merges news into what is known. Events may arrive late (a stream replayed, a poll answered after an event): a
 * terminal status is never replaced by a running one, and the stage never goes back while the status stays.
 */
export function merge(known, news) {
  if (!known) {
    return { ...news };
  }
  const terminal = ['READY', 'FAILED', 'CANCELLED'];
  if (terminal.includes(known.status) && news.status && !terminal.includes(news.status)) {
    return known;
  }
  const merged = { ...known };
  for (const [field, value] of Object.entries(news)) {
    if (value !== undefined) {
      merged[field] = value;
    }
  }
  if (merged.status === known.status && known.stage && STAGES.indexOf(merged.stage) < STAGES.indexOf(known.stage)) {
    merged.stage = known.stage;
  }
  return merged;
}
