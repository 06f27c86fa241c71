/** Field filters a query may use; `hashtag:` and `url:` match tokens of the post, the others its metadata. */
export const QUERY_FIELDS = ['lang', 'source', 'author', 'hashtag', 'url'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

interface Located {
  /** 0-based offset of the node's first character in the query text. */
  start: number;
  /** Offset just past the node's last character. */
  end: number;
}

/** A bare word as typed; `*` anywhere makes it a wildcard. */
export interface TermNode extends Located {
  type: 'term';
  text: string;
}

/** Words inside double quotes, matched as consecutive exact (normalised) words. */
export interface PhraseNode extends Located {
  type: 'phrase';
  text: string;
}

export interface FieldNode extends Located {
  type: 'field';
  field: QueryField;
  value: string;
}

export interface AndNode extends Located {
  type: 'and';
  children: QueryNode[];
}

export interface OrNode extends Located {
  type: 'or';
  children: QueryNode[];
}

export interface NotNode extends Located {
  type: 'not';
  child: QueryNode;
}

/** `left NEAR/n right` (either order) or `left ONEAR/n right` (left first): at most n words between them. */
export interface NearNode extends Located {
  type: 'near';
  left: QueryNode;
  right: QueryNode;
  distance: number;
  ordered: boolean;
}

export type QueryNode = TermNode | PhraseNode | FieldNode | AndNode | OrNode | NotNode | NearNode;
