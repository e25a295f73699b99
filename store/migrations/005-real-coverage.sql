-- Where a publication date came from: the supplier, the page's metadata, or the text (with the
-- words it was read from). Dates are never the fetch or import time.
ALTER TABLE analyses ADD COLUMN published_at_source TEXT;
ALTER TABLE analyses ADD COLUMN published_at_evidence TEXT;

-- How many linked documents carry each word or concept of the linker's text features: a word that
-- half the archive uses says nothing about which matter a report belongs to (inverse document
-- frequency), whatever the archive's size.
CREATE TABLE link_terms (
  term TEXT PRIMARY KEY,
  docs INTEGER NOT NULL
) WITHOUT ROWID;
