/**
 * The text a post is classified, assessed and clustered on: the title first unless the body already starts with it.
 * One definition for the classify stage, threat cases and clusters, so offsets and fingerprints agree.
 */
export function assessedText(post: { title: string | null; text: string }): string {
  return post.title && !post.text.startsWith(post.title) ? `${post.title}\n\n${post.text}` : post.text;
}
