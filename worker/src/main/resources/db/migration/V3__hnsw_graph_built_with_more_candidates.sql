-- With pgvector's default ef_construction (64), the graph built while documents are ingested could leave a small,
-- distinct cluster (a README among handbooks and novels) poorly linked: a query for a sentence of the README missed
-- it at ef_search 100 and 40 and found it only at 200 (similarity 0.56 against 0.40 for the best chunk returned).
-- The same chunks inserted in the same order into a graph built with ef_construction 128 are found at ef_search 40,
-- for about 0.4 ms more per inserted chunk (a chunk costs tens of milliseconds to embed).
DROP INDEX chunks_embedding_hnsw;
CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 128)
    WHERE searchable;
