-- Hybrid search: full-text search beside the vectors, chunks that know where they sit, documents in collections.

ALTER TABLE documents
    -- The text-search configuration of the document's language, detected when it is parsed; 'simple' (no stemming,
    -- no stop words) where no stemmer fits (Korean, or text too short to tell).
    ADD COLUMN language   text  NOT NULL DEFAULT 'simple',
    ADD COLUMN title      text,                            -- from the document's own metadata, if it has one
    ADD COLUMN collection text,                            -- optional, given at upload; search filters by it
    ADD COLUMN metadata   jsonb NOT NULL DEFAULT '{}';     -- string keys and values given at upload
CREATE INDEX documents_collection ON documents (collection) WHERE collection IS NOT NULL;
CREATE INDEX documents_metadata ON documents USING gin (metadata jsonb_path_ops);

-- The headings of a document in reading order: a PDF's outline (LibreOffice writes one from a DOCX's headings), a
-- Markdown file's # lines. Chunking reads them to give each chunk its section path.
CREATE TABLE document_headings (
    document_id uuid    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal     integer NOT NULL,             -- 0-based, in reading order
    page        integer NOT NULL,             -- the page (segment for text formats) the heading is on
    level       integer NOT NULL,             -- 1 for the top level
    title       text    NOT NULL,
    PRIMARY KEY (document_id, ordinal)
);

ALTER TABLE chunks
    ADD COLUMN last_page integer,             -- the page the chunk ends on; null for text formats
    ADD COLUMN section   text,                -- heading path, ' > ' between levels; null before the first heading
    -- What the model and the full-text index read before the chunk's text (title and section: a contextual
    -- header); never shown as the chunk's text.
    ADD COLUMN context   text,
    ADD COLUMN text_search_config regconfig NOT NULL DEFAULT 'simple',
    ADD COLUMN terms tsvector GENERATED ALWAYS AS
        (to_tsvector(text_search_config, coalesce(context || E'\n', '') || text)) STORED;
-- Like the HNSW index, only searchable rows: a chunk enters the index once, when its document is published.
-- fastupdate off: with GIN's pending list, every search right after a large ingestion scanned up to 4 MB of
-- unmerged entries per query word (keyword search p50 18 ms became 314 ms until autovacuum merged them); writing
-- the index at publish costs that publish a little more, once.
CREATE INDEX chunks_terms ON chunks USING gin (terms) WITH (fastupdate = off) WHERE searchable;
