-- The extension is created by a superuser when the database is set up (scripts/stack, the compose init script);
-- this only fails clearly where it is missing.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE documents (
    id              uuid PRIMARY KEY,
    filename        text        NOT NULL,
    content_type    text        NOT NULL,     -- DocumentType name: PDF, DOCX, ...
    sha256          char(64)    NOT NULL,
    size_bytes      bigint      NOT NULL,
    status          text        NOT NULL,     -- DocumentStatus
    stage           text        NOT NULL,     -- Stage
    pages           integer,
    chunks          integer,
    embedding_model text,
    warnings        text[]      NOT NULL DEFAULT '{}',
    error_code      text,
    error_message   text,
    error_stage     text,
    workflow_id     text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- The same bytes uploaded twice are the same document.
CREATE UNIQUE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_status_created ON documents (status, created_at, id);
CREATE INDEX documents_created ON documents (created_at, id);

-- Claim check: document bytes live here, and only ids travel through Temporal.
CREATE TABLE document_blobs (
    document_id uuid   NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind        text   NOT NULL,              -- ORIGINAL, PDF (converted)
    content     bytea  NOT NULL,
    size_bytes  bigint NOT NULL,
    PRIMARY KEY (document_id, kind)
);

-- Extracted text, page by page, between the parse and chunk stages.
CREATE TABLE document_pages (
    document_id uuid    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page        integer NOT NULL,             -- 1-based
    text        text    NOT NULL,
    PRIMARY KEY (document_id, page)
);

CREATE TABLE chunks (
    document_id     uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    chunk_index     integer     NOT NULL,     -- 0-based, in reading order
    page            integer,                  -- 1-based page the chunk starts on; null for text formats
    text            text        NOT NULL,
    token_count     integer     NOT NULL,
    embedding       vector(384),              -- null until embedded; the dimension is checked at startup
    embedding_model text,
    searchable      boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (document_id, chunk_index)
);
CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops);
