-- The text of one top-level field of a JSON document, or null when the text is not JSON (an adapter may queue any
-- payload): SQLite's json_valid + json_extract, which PostgreSQL 15 has no safe equivalent of (IS JSON came in 16).
CREATE FUNCTION secbot_json_text(document text, field text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN document::jsonb ->> field;
EXCEPTION WHEN data_exception THEN
    RETURN NULL;
END
$$;
