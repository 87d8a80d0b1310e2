import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Brotli's best quality costs about fifteen times the time of quality 7 on the 2.4 MB password dictionaries
 * for 5 % less, and those load only on the password forms: large files get the faster setting.
 */
const LARGE_FILE_BYTES = 1024 * 1024;

/** The two encoded siblings of one file: `x.br` and `x.gz`, each written only when it is smaller. */
export async function compressFile(file: string): Promise<void> {
  const content = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]:
          content.length > LARGE_FILE_BYTES ? 7 : constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  await Promise.all([
    br.length < content.length ? writeFile(`${file}.br`, br) : undefined,
    gz.length < content.length ? writeFile(`${file}.gz`, gz) : undefined,
  ]);
}

/**
 * Writes a brotli and a gzip copy beside every text file of the build, so that the server sends them
 * as they are (@fastify/static's `preCompressed`) instead of compressing on every request, and can afford
 * the strongest settings once at build time.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'vmsp:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter(
        (name) => COMPRESSIBLE.test(name) && !name.startsWith('.vite/'),
      );
      await Promise.all(files.map((name) => compressFile(path.join(outDir, name))));
    },
  };
}
