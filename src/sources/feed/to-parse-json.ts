import type { ParsedDocument } from './types.js';

/** The JSON `vaksam parse` prints: a stable subset of the model, dates as ISO-8601 UTC, missing values null. */
export interface ParseJson {
  kind: ParsedDocument['kind'];
  title: string | null;
  link: string | null;
  language: string | null;
  items: ParseJsonItem[];
}

export interface ParseJsonItem {
  id: string;
  url: string | null;
  title: string | null;
  author: string | null;
  published: string | null;
  text: string;
  categories: string[];
}

export function toParseJson(feed: ParsedDocument): ParseJson {
  return {
    kind: feed.kind,
    title: feed.title,
    link: feed.link,
    language: feed.language,
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      author: item.author,
      published: item.published?.toISOString() ?? null,
      text: item.text,
      categories: item.categories,
    })),
  };
}
