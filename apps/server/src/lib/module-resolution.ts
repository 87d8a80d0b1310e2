import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Resolves the relative imports inside installed packages (`import './column.js'` within drizzle-orm)
 * without Node's own package lookup. Node parses the `exports` field of the package's package.json anew for
 * every file it loads, to learn the file's format; drizzle-orm's is 179 KB and the portal loads over a hundred
 * of its files: a second of CPU and 100 MB of garbage at every start. A relative import in a package needs no
 * `exports`: its format is the extension's, or for `.js` the `type` of the nearest package.json, as Node's own
 * rule says; that package.json is read once per folder here. A package name (`drizzle-orm/pg-core`) is
 * resolved by Node once per importing folder, where Node would do it once per importing file.
 *
 * Imported first by the entry point, so that it applies to everything the command loads.
 */

type Format = 'module' | 'commonjs';

const typeOfFolder = new Map<string, Format>();

/** The `type` of the package.json nearest to the folder, as Node decides a `.js` file's format. */
function packageType(folder: string): Format {
  const cached = typeOfFolder.get(folder);
  if (cached) return cached;
  let type: Format;
  try {
    const json = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { type?: unknown };
    type = json.type === 'module' ? 'module' : 'commonjs';
  } catch (err) {
    const parent = path.dirname(folder);
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === folder) type = 'commonjs';
    else type = packageType(parent);
  }
  typeOfFolder.set(folder, type);
  return type;
}

function formatOf(file: string): Format | null {
  if (file.endsWith('.mjs')) return 'module';
  if (file.endsWith('.cjs')) return 'commonjs';
  if (file.endsWith('.js')) return packageType(path.dirname(file));
  return null;
}

/** Package names resolved from a folder: the answer depends only on the folder and the conditions. */
const resolvedNames = new Map<string, nodeModule.ResolveFnOutput>();

const isPackageName = (specifier: string) =>
  /^[@a-z0-9]/i.test(specifier) && !/^[a-z][a-z0-9+.-]*:/i.test(specifier);

// Node keeps the compiled code of every module it loads after this in its compile cache (in the system's
// temporary folder unless NODE_COMPILE_CACHE names another), so that later starts skip compiling: about a
// fifth of the time the portal's modules take to load.
nodeModule.enableCompileCache?.();

if (typeof nodeModule.registerHooks === 'function') {
  nodeModule.registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      // Only `import` (require has its own lookup: extensions, folders) of a file named in full, from a
      // file of an installed package; anything else takes Node's way.
      if (relative && parent?.startsWith('file:') && parent.includes('/node_modules/')) {
        if (context.conditions.includes('import')) {
          const url = new URL(specifier, parent);
          const format = formatOf(fileURLToPath(url));
          if (format) return { url: url.href, format, shortCircuit: true };
        }
      }
      if (parent?.startsWith('file:') && isPackageName(specifier)) {
        const key = `${new URL('.', parent).href}\0${specifier}\0${context.conditions.join()}`;
        let resolved = resolvedNames.get(key);
        if (!resolved) {
          resolved = { ...nextResolve(specifier, context), shortCircuit: true };
          resolvedNames.set(key, resolved);
        }
        return resolved;
      }
      return nextResolve(specifier, context);
    },
  });
}
