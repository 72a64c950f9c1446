import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A built site on disk, shaped like Vite's output, that a test can change between deploys. */
export class SiteFixture {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'shoestring-site-'));

  /** The first build: a page, two hashed assets, two stable-named files. */
  static initial(): SiteFixture {
    const site = new SiteFixture();
    site.write('assets/index-Ab3dE5fG.js', 'console.log("v1");');
    site.write('assets/index-Xy9zW8vU.css', 'body { color: black; }');
    site.write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    site.write('robots.txt', 'User-agent: *\nAllow: /\n');
    site.write('index.html', page('assets/index-Ab3dE5fG.js'));
    return site;
  }

  write(key: string, content: string): void {
    const file = path.join(this.dir, key);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  remove(key: string): void {
    rmSync(path.join(this.dir, key));
  }

  /** A new build of the script: a new hashed name, and the page pointing at it. */
  replaceScript(oldKey: string, newKey: string, content: string): void {
    this.remove(oldKey);
    this.write(newKey, content);
    this.write('index.html', page(newKey));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function page(script: string): string {
  return `<!doctype html><html><head><script type="module" src="/${script}"></script></head><body></body></html>`;
}
