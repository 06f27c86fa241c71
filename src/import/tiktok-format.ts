import { z } from 'zod';
import { describeIssues } from '../sources/api/index.js';
import type { ImportRow } from './types.js';

const idField = z
  .union([z.string().regex(/^\d+$/, 'must be digits'), z.number().int().nonnegative()])
  .transform(String);
const count = z.number().int().nonnegative().optional();

/**
 * A video of the TikTok Research API (`/v2/research/video/query/`), fields as its codebook names them. Ids are
 * 64-bit: the reader quotes long integers before parsing so they arrive here as exact strings.
 */
const videoSchema = z.object({
  id: idField,
  create_time: z.number().int().positive(),
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
  const parsed = videoSchema.safeParse(raw);
  if (!parsed.success) return { line, error: `TikTok video: ${describeIssues(parsed.error)}` };
  const video = parsed.data;
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
      publishedAt: new Date(video.create_time * 1000),
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
