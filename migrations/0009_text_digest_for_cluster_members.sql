-- Serves moveBetterFits (src/pipeline/cluster/member-moves.ts): members are read with the digest of
-- their text, and a text is read only when its terms were not counted under that digest before.
ALTER TABLE "articles" ADD COLUMN "text_digest" text GENERATED ALWAYS AS (md5(coalesce(content_text, summary, ''))) STORED NOT NULL;