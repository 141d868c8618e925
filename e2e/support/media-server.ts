import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * Pictures and videos for the composer's previews, as a creator's own host would serve them:
 * `/image-1920x1080.svg` (a picture of that size), `/video-14s.webm` (the demo clip, its header
 * saying it lasts 14 s) and 404 for anything else. On 127.0.0.1, which the page's CSP allows.
 */
export interface MediaServer {
  url: string;
  close(): Promise<void>;
}

const SAMPLE = readFileSync(path.join(process.cwd(), 'public', 'demo', 'sample-video.webm'));

/** The WebM Duration element (ID 0x4489, an 8-byte float of milliseconds at the default timecode scale). */
const DURATION_ELEMENT = Buffer.from([0x44, 0x89, 0x88]);

function videoLasting(seconds: number): Buffer {
  const copy = Buffer.from(SAMPLE);
  const at = copy.indexOf(DURATION_ELEMENT);
  if (at < 0) throw new Error('the sample video has no 8-byte Duration element');
  copy.writeDoubleBE(seconds * 1000, at + DURATION_ELEMENT.length);
  return copy;
}

function picture(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#4f46e5"/><circle cx="50%" cy="50%" r="${Math.min(width, height) / 3}" fill="#facc15"/></svg>`;
}

export async function startMediaServer(): Promise<MediaServer> {
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://media').pathname;
    const image = /^\/image-(\d+)x(\d+)\.svg$/.exec(pathname);
    const video = /^\/video-(\d+(?:\.\d+)?)s\.webm$/.exec(pathname);
    if (image) {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end(picture(Number(image[1]), Number(image[2])));
    } else if (video) {
      const body = videoLasting(Number(video[1]));
      res.writeHead(200, { 'content-type': 'video/webm', 'content-length': body.length });
      res.end(body);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
