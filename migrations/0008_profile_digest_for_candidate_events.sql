-- Serves candidateEvents (src/db/queries/event-clusters.ts): candidates are ranked without their
-- profiles, and a profile is read and parsed only when its digest is not among those parsed before.
ALTER TABLE "events" ADD COLUMN "terms_digest" text GENERATED ALWAYS AS (md5(terms::text)) STORED NOT NULL;