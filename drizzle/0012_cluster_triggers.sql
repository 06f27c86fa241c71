-- Issue 18: clusters stay consistent when posts are deleted (retention, source removal). When members leave, a
-- cluster whose face left gets the earliest remaining member as its face, and a cluster left empty is deleted.
CREATE OR REPLACE FUNCTION cluster_posts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM post_clusters c
   WHERE c.id IN (SELECT DISTINCT o.cluster_id FROM cluster_posts_removed o)
     AND NOT EXISTS (SELECT 1 FROM cluster_posts m WHERE m.cluster_id = c.id);
  UPDATE post_clusters c
     SET face_post_id = (SELECT m.post_id FROM cluster_posts m WHERE m.cluster_id = c.id ORDER BY m.seen_at, m.post_id LIMIT 1)
   WHERE c.id IN (SELECT DISTINCT o.cluster_id FROM cluster_posts_removed o)
     AND c.face_post_id IN (SELECT o.post_id FROM cluster_posts_removed o);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cluster_posts_after_delete AFTER DELETE ON cluster_posts
  REFERENCING OLD TABLE AS cluster_posts_removed
  FOR EACH STATEMENT EXECUTE FUNCTION cluster_posts_after_delete();
