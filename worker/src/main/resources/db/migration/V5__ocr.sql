-- OCR: pages without a text layer are recognised by workers with Tesseract (the scriptorium-ocr task queue).

ALTER TABLE document_pages
    -- Set by the parser: the page's text layer is empty, or holds almost nothing on a page covered by images.
    ADD COLUMN ocr_needed     boolean NOT NULL DEFAULT false,
    -- Set when the page was recognised: the mean confidence (0-100) of its words, null for a page without words.
    ADD COLUMN ocr_confidence real,
    ADD COLUMN ocr_done       boolean NOT NULL DEFAULT false;
CREATE INDEX document_pages_ocr_needed ON document_pages (document_id, page) WHERE ocr_needed;

ALTER TABLE documents
    -- Tesseract's languages for the document's scanned pages (e.g. deu+eng), as asked at upload; null: the default.
    ADD COLUMN ocr_language text;

-- The languages the running OCR workers have installed, announced by each at startup: the API refuses an upload
-- asking for another one.
CREATE TABLE ocr_languages (
    language  text        PRIMARY KEY,
    seen_at   timestamptz NOT NULL DEFAULT now()
);
