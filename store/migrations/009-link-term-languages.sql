-- A word is rare or common among the documents of its own language (see pipeline/link termWeights):
-- link_terms also counts the linked documents per language, under '@<language>' (no word or concept
-- key starts with '@'). Documents linked before this migration are counted from their stored features.
INSERT INTO link_terms (term, docs)
SELECT '@' || json_extract(features, '$.language'), COUNT(*)
FROM case_documents
WHERE json_extract(features, '$.language') IS NOT NULL
GROUP BY 1
ON CONFLICT (term) DO UPDATE SET docs = excluded.docs;
