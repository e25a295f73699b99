-- Where a publication date came from: the supplier, the page's metadata, or the text (with the
-- words it was read from). Dates are never the fetch or import time.
ALTER TABLE analyses ADD COLUMN published_at_source TEXT;
ALTER TABLE analyses ADD COLUMN published_at_evidence TEXT;
