import { z } from 'zod';
import { parseDate } from '../text/index.js';
import type { ImportRow } from './types.js';

const idField = z
  .union([z.string().regex(/^\d+$/, 'must be digits'), z.number().int().nonnegative()], { error: 'expected digits (a string or a whole number)' })
  .transform(String);
const count = z.number().int().nonnegative().optional();

/**
 * A video of the TikTok Research API (`/v2/research/video/query/`), fields as its codebook names them. Ids are
 * 64-bit: the reader quotes long integers before parsing so they arrive here as exact strings.
 */
const videoSchema = z.object({
  id: idField,
  create_time: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)], { error: 'expected Unix seconds' }).optional(),
  create_date: z.string().optional(),
  video_description: z.string().default(''),
  voice_to_text: z.string().optional(),
  username: z.string().min(1).optional(),
  region_code: z.string().optional(),
  view_count: count,
  like_count: count,
  comment_count: count,
  share_count: count,
  favorites_count: count,
  hashtag_names: z.array(z.string()).default([]),
  music_id: idField.optional(),
  playlist_id: idField.optional(),
  video_duration: z.number().nonnegative().optional(),
  is_stem_verified: z.boolean().optional(),
});

/**
 * Other names TikTok's documentation gives the same fields: its codebook says the id "is also called item_id or
 * video_id", and the Virtual Compute Environment returns video_id, create_date, video_length and hashtag_name.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  id: ['video_id', 'item_id'],
  video_duration: ['video_length'],
  hashtag_names: ['hashtag_name'],
};

/** One JSON value of a TikTok export: a video, or a response page `{ data: { videos: [...] } }` / `{ videos }`. */
export function tiktokValueToRows(value: unknown, line: number): ImportRow[] {
  const videos = pageVideos(value);
  return (videos ?? [value]).map((video) => videoRow(video, line));
}

function pageVideos(value: unknown): unknown[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as { data?: { videos?: unknown }; videos?: unknown };
  const videos = record.data?.videos ?? record.videos;
  return Array.isArray(videos) ? videos : null;
}

function videoRow(raw: unknown, line: number): ImportRow {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { line, error: `TikTok video: expected an object, found ${describeValue(raw)}` };
  const record = withCanonicalNames(raw as Record<string, unknown>);
  const parsed = videoSchema.safeParse(record);
  if (!parsed.success) return { line, error: `TikTok video: ${describeProblems(parsed.error, record)}` };
  const video = parsed.data;
  const publishedAt = video.create_time !== undefined ? new Date(video.create_time * 1000) : parseDate(video.create_date ?? '');
  if (publishedAt === null) {
    const found = video.create_date === undefined ? 'neither' : `create_date ${JSON.stringify(video.create_date.slice(0, 40))}, which is not a date`;
    return { line, error: `TikTok video ${video.id}: missing create_time (Unix seconds) or create_date; found ${found}` };
  }
  const transcript = video.voice_to_text?.trim() ?? '';
  return {
    line,
    item: {
      platform: 'tiktok',
      externalId: video.id,
      url: video.username
        ? `https://www.tiktok.com/@${encodeURIComponent(video.username)}/video/${video.id}`
        : `https://www.tiktok.com/video/${video.id}`,
      authorHandle: video.username ?? null,
      title: null,
      // Spoken claims count as much as written ones, so the transcript is part of the text.
      text: [video.video_description.trim(), transcript].filter((part) => part !== '').join('\n\n'),
      language: null,
      publishedAt,
      metadata: {
        format: 'tiktok-research-api',
        regionCode: video.region_code ?? null,
        hashtags: video.hashtag_names.map((tag) => tag.toLowerCase()),
        hasTranscript: transcript !== '',
        viewCount: video.view_count ?? null,
        likeCount: video.like_count ?? null,
        commentCount: video.comment_count ?? null,
        shareCount: video.share_count ?? null,
        favoritesCount: video.favorites_count ?? null,
        musicId: video.music_id ?? null,
        playlistId: video.playlist_id ?? null,
        durationSeconds: video.video_duration ?? null,
      },
    },
  };
}

/** A copy with each documented alias under the field's canonical name, unless that name is present too. */
function withCanonicalNames(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...record };
  for (const [name, aliases] of Object.entries(ALIASES)) {
    const alias = aliases.find((candidate) => copy[candidate] !== undefined && copy[candidate] !== null);
    if ((copy[name] === undefined || copy[name] === null) && alias !== undefined) copy[name] = copy[alias];
  }
  // The VCE's hashtag_name may be one comma-separated string.
  if (typeof copy.hashtag_names === 'string') copy.hashtag_names = copy.hashtag_names.split(',').map((tag) => tag.trim()).filter(Boolean);
  return copy;
}

/** Which field is missing or wrong, what was found instead, and (for a missing field) the fields the video has. */
function describeProblems(error: z.ZodError, record: Record<string, unknown>): string {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const field = String(issue.path[0] ?? '(video)');
    const value = record[field];
    const aliases = ALIASES[field] ? ` (or ${ALIASES[field]!.join(', ')})` : '';
    if (value === undefined || value === null) return `missing ${field}${aliases}`;
    return `${issue.path.join('.')}: ${issue.message}, found ${describeValue(issue.path.length > 1 ? undefined : value)}`;
  });
  const missing = error.issues.some((issue) => record[String(issue.path[0])] === undefined || record[String(issue.path[0])] === null);
  const fields = Object.keys(record).slice(0, 20).join(', ') || 'none';
  return `${problems.join('; ')}${missing ? `; fields found: ${fields}` : ''}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'a value of another shape';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}
