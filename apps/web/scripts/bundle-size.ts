/**
 * Prints what the browser downloads for the first page: the entry chunk and every chunk it imports
 * statically (followed through Vite's manifest), gzip-compressed as the server sends them, beside the
 * target. Lazy chunks (dynamic imports) are listed by size but do not count.
 *
 * Usage: node scripts/bundle-size.ts [distDir]   (exit code 1 when the initial route is over the target)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { constants, gzipSync } from 'node:zlib';

const TARGET_GZIP_BYTES = 200 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The entry's chunk key and every chunk it reaches through static imports. */
export function initialChunks(manifest: Manifest): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('the manifest has no entry chunk');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...seen];
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }).length;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(): void {
  const distDir = path.resolve(process.argv[2] ?? 'dist');
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const initial = initialChunks(manifest);
  const initialFiles = new Set(initial.map((key) => manifest[key]?.file as string));
  const rows = [...new Set(Object.values(manifest).map((chunk) => chunk.file))]
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const full = path.join(distDir, file);
      return { file, raw: readFileSync(full).length, gzip: gzipSize(full), initial: initialFiles.has(file) };
    })
    .sort((a, b) => b.gzip - a.gzip);

  const initialRows = rows.filter((row) => row.initial);
  const initialGzip = initialRows.reduce((sum, row) => sum + row.gzip, 0);
  const initialRaw = initialRows.reduce((sum, row) => sum + row.raw, 0);
  const css = [...new Set(initial.flatMap((key) => manifest[key]?.css ?? []))];
  const cssGzip = css.reduce((sum, file) => sum + gzipSize(path.join(distDir, file)), 0);

  console.log('\nInitial route (entry + static imports), JS:');
  for (const row of initialRows) console.log(`  ${row.file.padEnd(48)} ${kb(row.gzip).padStart(10)} gzip`);
  const lazy = rows.filter((row) => !row.initial);
  console.log(
    `Lazy chunks: ${lazy.length}, largest ${lazy
      .slice(0, 3)
      .map((row) => `${row.file} ${kb(row.gzip)}`)
      .join(', ')}`,
  );
  const ok = initialGzip <= TARGET_GZIP_BYTES;
  console.log(
    `initial route JS: ${kb(initialGzip)} gzip (${kb(initialRaw)} raw), target ≤ ${kb(TARGET_GZIP_BYTES)} gzip: ${ok ? 'ok' : 'OVER TARGET'}`,
  );
  console.log(`initial route CSS: ${kb(cssGzip)} gzip`);
  if (!ok) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
