/**
 * Parts of a page that are never article text, as one list read two ways: a CSS selector for removing them from the
 * page before Readability scores it, and a test of tag and attributes for leaving them out of the text.
 */
const NOISE_TAGS = ['nav', 'button', 'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'input', 'select', 'textarea', 'label'];
const NOISE_ROLES = ['navigation', 'search'];
const NOISE_CLASSES = ['breadcrumb', 'breadcrumbs', 'share', 'social', 'cookie', 'cookies', 'skip-link'];
/** Boilerplate only inside the content: ASP.NET pages wrap the whole body in one <form>, and <aside> can hold a page. */
const CONTENT_ONLY_TAGS = ['aside', 'footer', 'form'];
const CONTENT_ONLY_ROLES = ['complementary'];

/** Removed from the whole page before Readability looks at it. */
export const NOISE_SELECTOR = [
  ...NOISE_TAGS,
  ...NOISE_ROLES.map((role) => `[role="${role}"]`),
  '[aria-hidden="true"]',
  '[hidden]',
  ...NOISE_CLASSES.map((name) => `.${name}`),
].join(', ');

const BOILERPLATE_TAGS = new Set([...NOISE_TAGS, ...CONTENT_ONLY_TAGS]);
const BOILERPLATE_ROLES = new Set([...NOISE_ROLES, ...CONTENT_ONLY_ROLES]);
const BOILERPLATE_CLASSES = new Set(NOISE_CLASSES);

/** True for an element of the content whose subtree is left out of the article text. */
export function isBoilerplate(name: string, attribs: Readonly<Record<string, string>>): boolean {
  if (BOILERPLATE_TAGS.has(name)) return true;
  if (attribs.role !== undefined && BOILERPLATE_ROLES.has(attribs.role)) return true;
  if (attribs['aria-hidden'] === 'true' || attribs.hidden !== undefined) return true;
  return attribs.class !== undefined && attribs.class.split(/\s+/).some((name) => BOILERPLATE_CLASSES.has(name));
}
