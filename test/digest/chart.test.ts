import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, renderDailyChart } from '../../src/digest/index.js';

/** Reads back our own PNGs: chunks with valid lengths, and the decompressed rows. */
function decode(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.subarray(at + 4, at + 8).toString('ascii'), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  const header = chunks[0]!.data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const pixel = (x: number, y: number) => [...raw.subarray(y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 4 + x * 3)];
  return { types: chunks.map((c) => c.type), width, height, raw, pixel };
}

describe('PNG chart', () => {
  it('encodes pixels losslessly', () => {
    const png = decode(encodePng(2, 2, new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3])));
    expect(png.types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.pixel(0, 0), png.pixel(1, 0), png.pixel(0, 1), png.pixel(1, 1)]).toEqual([[255, 0, 0], [0, 255, 0], [0, 0, 255], [1, 2, 3]]);
  });

  it('draws one coloured line per narrative over a white plot', () => {
    const chart = renderDailyChart(
      [
        { label: 'a', color: '#0072b2', counts: [0, 5, 10, 3, 0, 0, 1] },
        { label: 'b', color: '#d55e00', counts: [2, 2, 2, 2, 2, 2, 2] },
      ],
      ['16/11', '17/11', '18/11', '19/11', '20/11', '21/11', '22/11'],
    );
    const png = decode(chart.png);
    expect([png.width, png.height]).toEqual([chart.width, chart.height]);
    expect(png.raw.length).toBe((600 * 3 + 1) * 240);
    expect(png.pixel(599, 0)).toEqual([255, 255, 255]);
    const colours = new Set<string>();
    for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) colours.add(png.pixel(x, y).join(','));
    expect(colours).toContain('0,114,178');
    expect(colours).toContain('213,94,0');
    expect(chart.png.length).toBeLessThan(20_000);
  });
});
