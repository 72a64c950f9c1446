/**
 * `npm run lighthouse -w @shoestring/web`: scores the production build (apps/web/dist, built by the npm script
 * just before this runs) with Lighthouse 12 in Debian's Chromium, on a phone profile and a desktop profile,
 * and prints performance, accessibility and best-practices. Full reports go to test-artifacts/lighthouse/.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { previewWithStubApi } from './preview-with-stub-api.ts';

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const reportDir = join(webRoot, '..', '..', 'test-artifacts', 'lighthouse');
const lighthouseCli = fileURLToPath(import.meta.resolve('lighthouse/cli/index.js'));
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS =
  '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const PROFILES = [
  { name: 'mobile', flags: [] },
  { name: 'desktop', flags: ['--preset=desktop'] },
] as const;

type Scores = Record<(typeof CATEGORIES)[number], number>;

async function runLighthouse(url: string, profile: (typeof PROFILES)[number]): Promise<Scores> {
  const outputPath = join(reportDir, profile.name);
  await promisify(execFile)(
    process.execPath,
    [
      lighthouseCli,
      url,
      ...profile.flags,
      `--only-categories=${CATEGORIES.join(',')}`,
      '--output=json',
      '--output=html',
      `--output-path=${outputPath}`,
      `--chrome-flags=${CHROME_FLAGS}`,
      '--quiet',
    ],
    { env: { ...process.env, CHROME_PATH: chromePath }, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(readFileSync(`${outputPath}.report.json`, 'utf8')) as {
    categories: Record<string, { score: number | null }>;
    runtimeError?: { message: string };
  };
  if (report.runtimeError)
    throw new Error(`Lighthouse could not load ${url}: ${report.runtimeError.message}`);
  return Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((report.categories[c]?.score ?? 0) * 100)]),
  ) as Scores;
}

async function main(): Promise<void> {
  if (!existsSync(join(webRoot, 'dist', 'index.html'))) {
    throw new Error(
      'apps/web/dist has no build. Run `npm run lighthouse -w @shoestring/web`, which builds first.',
    );
  }
  if (!existsSync(chromePath)) {
    throw new Error(
      `No Chromium at ${chromePath}. Install it with \`apt-get install -y chromium\` or set CHROME_PATH.`,
    );
  }
  mkdirSync(reportDir, { recursive: true });
  const { url, server } = await previewWithStubApi(webRoot);
  try {
    console.log(`Lighthouse ${CATEGORIES.join(', ')} of the production build at ${url}`);
    for (const profile of PROFILES) {
      console.log(`  running the ${profile.name} profile...`);
      const scores = await runLighthouse(url, profile);
      const line = CATEGORIES.map((c) => `${c} ${scores[c]}`).join('  ');
      console.log(`  ${profile.name.padEnd(8)} ${line}`);
    }
    console.log(`Reports: ${reportDir}/{mobile,desktop}.report.html`);
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`lighthouse: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
