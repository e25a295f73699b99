-- Source health counts failed articles, not only whether the last run reached the site (issue #14):
-- a run where 7 of 9 articles failed used to read as healthy. NULL until a run records them.
ALTER TABLE sources ADD COLUMN last_run_articles INTEGER;
ALTER TABLE sources ADD COLUMN last_run_articles_failed INTEGER;
