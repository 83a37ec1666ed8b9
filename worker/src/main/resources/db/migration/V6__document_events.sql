-- Live status: every change of a document's status, stage or embedding progress is a row here, written by a trigger
-- (so no code path can change a document without its event) and announced with NOTIFY. The API's event streams and
-- the webhooks read these rows, so they work with any number of api-server replicas and survive reconnects.

ALTER TABLE documents
    -- Chunks embedded so far in the current run, set by the embedding activities after each batch; null before.
    ADD COLUMN chunks_embedded integer;

CREATE TABLE document_events (
    id              bigserial   PRIMARY KEY,
    -- The writing transaction. Sequence values are taken before commit, so a smaller id can commit after a larger
    -- one; readers order by (tx, id) and read only below the oldest running transaction
    -- (pg_snapshot_xmin(pg_current_snapshot())), where no event can still appear.
    tx              xid8        NOT NULL DEFAULT pg_current_xact_id(),
    type            text        NOT NULL,     -- document.created, .stage, .progress, .ready, .failed, .cancelled, .deleted
    document_id     uuid        NOT NULL,     -- no foreign key: a deleted document's events stay
    filename        text        NOT NULL,
    collection      text,
    status          text        NOT NULL,
    stage           text        NOT NULL,
    pages           integer,
    chunks          integer,
    chunks_embedded integer,
    error_code      text,
    error_message   text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_events_order ON document_events (tx, id);
CREATE INDEX document_events_document ON document_events (document_id, tx, id);
CREATE INDEX document_events_created ON document_events (created_at);

CREATE FUNCTION record_document_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc        documents;
    event_type text;
    page_count integer;
    chunk_count integer;
BEGIN
    IF TG_OP = 'DELETE' THEN
        doc := OLD;
        event_type := 'document.deleted';
    ELSE
        doc := NEW;
        IF TG_OP = 'INSERT' THEN
            event_type := 'document.created';
        ELSIF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('READY', 'FAILED', 'CANCELLED') THEN
            event_type := 'document.' || lower(NEW.status);
        ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.stage IS DISTINCT FROM OLD.stage THEN
            event_type := 'document.stage';
        ELSIF NEW.chunks_embedded IS DISTINCT FROM OLD.chunks_embedded THEN
            event_type := 'document.progress';
        ELSE
            RETURN NULL;                      -- a retried activity set what was already there
        END IF;
    END IF;
    page_count := doc.pages;
    chunk_count := doc.chunks;
    -- While a document is processed its counts are not in its row yet: what the stages have written so far.
    IF TG_OP = 'UPDATE' AND doc.status = 'PROCESSING' THEN
        page_count := NULLIF((SELECT count(*) FROM document_pages WHERE document_id = doc.id), 0);
        chunk_count := NULLIF((SELECT count(*) FROM chunks WHERE document_id = doc.id), 0);
    END IF;
    INSERT INTO document_events (type, document_id, filename, collection, status, stage, pages, chunks,
                                 chunks_embedded, error_code, error_message)
    VALUES (event_type, doc.id, doc.filename, doc.collection, doc.status, doc.stage, page_count, chunk_count,
            doc.chunks_embedded, doc.error_code, doc.error_message);
    PERFORM pg_notify('document_events', '');
    RETURN NULL;
END $$;

CREATE TRIGGER documents_events AFTER INSERT OR DELETE OR UPDATE OF status, stage, chunks_embedded ON documents
    FOR EACH ROW EXECUTE FUNCTION record_document_event();
