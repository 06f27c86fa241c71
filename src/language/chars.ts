/** UTF-16 code units the scanner tests by value, named so a reader need not decode hex. */
export const Char = {
  Space: 0x20,
  Quote: 0x22,
  Hash: 0x23,
  Apostrophe: 0x27,
  Asterisk: 0x2a,
  Comma: 0x2c,
  Hyphen: 0x2d,
  FullStop: 0x2e,
  Colon: 0x3a,
  Semicolon: 0x3b,
  LessThan: 0x3c,
  GreaterThan: 0x3e,
  Exclamation: 0x21,
  Question: 0x3f,
  At: 0x40,
  RightBracket: 0x5d,
  RightParen: 0x29,
  Underscore: 0x5f,
  LowerH: 0x68,
  LowerW: 0x77,
  RightBrace: 0x7d,
  /** Code units below it are ASCII. */
  NonAscii: 0x80,
  NoBreakSpace: 0xa0,
  MiddleDot: 0xb7,
  RightGuillemet: 0xbb,
  ArabicDecimalSeparator: 0x66b,
  ArabicThousandsSeparator: 0x66c,
  ZeroWidthSpace: 0x200b,
  ZeroWidthJoiner: 0x200d,
  RightSingleQuote: 0x2019,
  RightDoubleQuote: 0x201d,
  Ellipsis: 0x2026,
  ThinSpace: 0x2009,
  NarrowNoBreakSpace: 0x202f,
  CombiningKeycap: 0x20e3,
} as const;

/** ASCII letters differ from their capitals in this bit. */
export const ASCII_CASE_BIT = 0x20;

/** The first half of a code point above U+FFFF. */
export function isHighSurrogate(unit: number): boolean {
  return (unit & 0xfc00) === 0xd800;
}

/** Either half of a code point above U+FFFF. */
export function isSurrogate(unit: number): boolean {
  return (unit & 0xf800) === 0xd800;
}

/** UTF-16 code units of a code point: 2 above U+FFFF, else 1. */
export function unitsOf(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}
