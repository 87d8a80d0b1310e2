import pg from 'pg';

const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A benchmark's own database on the PostgreSQL server (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the
 * local server), created afresh, or as a copy of `template` (which must have no connections); `drop` removes it
 * unless the benchmark was started with --keep. With `reuse`, a database of that name kept by an earlier run is
 * used as it is (`reused` says so).
 */
export async function benchDatabase(
  name: string,
  template?: string,
  options: { reuse?: boolean } = {},
): Promise<{ url: string; reused: boolean; drop(): Promise<void> }> {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const keep = process.argv.includes('--keep');
  const drop = async () => {
    if (!keep) await adminQuery(`drop database if exists ${name} with (force)`);
  };
  if (options.reuse && (await databaseExists(name))) return { url: url.toString(), reused: true, drop };
  await adminQuery(`drop database if exists ${name} with (force)`);
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(`create database ${name}${template ? ` template ${template}` : ''}`);
      break;
    } catch (err) {
      // An autovacuum worker may still be in the template for a moment.
      if (!template || attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return { url: url.toString(), reused: false, drop };
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}
