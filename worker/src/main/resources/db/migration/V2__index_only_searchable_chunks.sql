-- Every chunk row is written three times: inserted without a vector, given its vector, then made searchable. With
-- the HNSW index on every row, the last update left a dead twin of each vector in the graph until vacuum, and a
-- search with ef_search 100 missed the best chunk of the corpus end-to-end test (an exact scan found it). Indexing
-- only searchable rows puts each vector in the graph once; search filters on `searchable` anyway.
DROP INDEX chunks_embedding_hnsw;
CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops) WHERE searchable;
