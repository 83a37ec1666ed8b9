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
    -- Korean, Chinese and Japanese character pairs of the context and text (TextSearchLanguage.cjkBigrams).
    ADD COLUMN cjk_bigrams text,
    ADD COLUMN text_search_config regconfig NOT NULL DEFAULT 'simple',
    ADD COLUMN terms tsvector GENERATED ALWAYS AS
        (to_tsvector(text_search_config,
            coalesce(context || E'\n', '') || text || coalesce(E'\n' || cjk_bigrams, ''))) STORED;
-- Like the HNSW index, only searchable rows: a chunk enters the index once, when its document is published.
-- fastupdate off: with GIN's pending list, every search right after a large ingestion scanned up to 4 MB of
-- unmerged entries per query word (keyword search p50 18 ms became 314 ms until autovacuum merged them); writing
-- the index at publish costs that publish a little more, once.
CREATE INDEX chunks_terms ON chunks USING gin (terms) WITH (fastupdate = off) WHERE searchable;

-- A denser graph. With bge-small's vectors, the 66 chunks of a short paper among 6,000 (War and Peace, handbooks)
-- were missed by a query that an exact scan answers with them (similarity 0.68 against 0.56 for the novel's chunk
-- returned), until more nodes happened to link them in: the small, distinct cluster of V3 again. Twice the links
-- per node and a wider build search make such clusters reachable for about twice the insert cost (a chunk costs
-- tens of milliseconds to embed, the insert under one).
DROP INDEX chunks_embedding_hnsw;
CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 32, ef_construction = 200)
    WHERE searchable;

-- In how many searchable chunks each lexeme is (BM25's document frequency), and under the empty lexeme how many
-- searchable chunks there are: the keyword ranking's weights, read in one index lookup a word, so that a search no
-- longer reads a thousand chunks of a common word only to learn that it is common (at 100,000 chunks the keyword
-- search's p50 went from 94 to 78 ms). The triggers keep it as chunks become searchable (published), are inserted
-- searchable, or are deleted; only rows that change searchability count, so a repeated publish counts nothing
-- twice. Lexemes are upserted in order, so concurrent publishes take their row locks in one order.
CREATE TABLE search_terms (
    lexeme text   PRIMARY KEY,
    chunks bigint NOT NULL
);

CREATE FUNCTION count_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed tsvector[];
    sign    integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(terms), 1 INTO changed, sign FROM new_rows WHERE searchable;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(n.terms), 1 INTO changed, sign
        FROM new_rows n JOIN old_rows o USING (document_id, chunk_index)
        WHERE n.searchable AND NOT o.searchable;
    ELSE
        SELECT array_agg(terms), -1 INTO changed, sign FROM old_rows WHERE searchable;
    END IF;
    IF changed IS NOT NULL THEN
        INSERT INTO search_terms (lexeme, chunks)
        SELECT lexeme, sign * count(*)
        FROM (
            SELECT t.lexeme FROM unnest(changed) AS chunk (terms), unnest(chunk.terms) AS t
            UNION ALL
            SELECT '' FROM unnest(changed)
        ) counted
        GROUP BY lexeme
        ORDER BY lexeme
        ON CONFLICT (lexeme) DO UPDATE SET chunks = search_terms.chunks + excluded.chunks;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER chunks_inserted AFTER INSERT ON chunks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_terms();
CREATE TRIGGER chunks_updated AFTER UPDATE ON chunks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_terms();
CREATE TRIGGER chunks_deleted AFTER DELETE ON chunks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_terms();
