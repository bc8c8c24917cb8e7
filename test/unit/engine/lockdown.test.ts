// The engine after start: no extension, no URL, no file but the workbench's own registered ones,
// and no way to change that back (issue 14). Each refusal asserted by DuckDB's own message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { ENGINE_FILE_PREFIX } from '$lib/engine/types';
import { trusted } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const run = (text: string) => engine.query(trusted(text));

describe('a locked-down engine', () => {
  it('reads a registered file of the workbench', async () => {
    engine.registerBuffer(`${ENGINE_FILE_PREFIX}a.csv`, new TextEncoder().encode('x,y\n1,2\n'));
    const t = await run(`SELECT (x + y)::INTEGER AS s FROM read_csv('${ENGINE_FILE_PREFIX}a.csv')`);
    expect(t.toArray()[0].toJSON()).toEqual({ s: 3 });
  });

  it('refuses any URL and any other file, before a byte could travel', async () => {
    await expect(run(`SELECT * FROM read_csv('https://example.invalid/x.csv')`)).rejects.toThrow(/Permission Error: .*file system operations are disabled by configuration/);
    await expect(run(`SELECT * FROM 'https://example.com/x.csv'`)).rejects.toThrow(/Permission Error/);
    await expect(run(`SELECT * FROM read_csv('/etc/passwd')`)).rejects.toThrow(/Permission Error/);
  });

  it('cannot be unlocked: extension autoloading, external access and the lock itself stay as set', async () => {
    for (const statement of ['SET autoload_known_extensions = true', 'SET enable_external_access = true', 'SET lock_configuration = false', "SET allowed_directories = ['/']"]) {
      await expect(run(statement)).rejects.toThrow(/the configuration has been locked/);
    }
    const settings = await run(`SELECT current_setting('autoload_known_extensions') AS a, current_setting('enable_external_access') AS e`);
    expect(settings.toArray()[0].toJSON()).toEqual({ a: false, e: false });
  });

  it('refuses a Parquet read (an extension it would otherwise download) with DuckDB’s own message', async () => {
    await expect(run(`SELECT * FROM read_parquet('${ENGINE_FILE_PREFIX}x.parquet')`)).rejects.toThrow(/read_parquet|parquet/i);
  });

  it('only registers files under its own prefix', () => {
    expect(() => engine.registerBuffer('elsewhere.csv', new Uint8Array(1))).toThrow(ENGINE_FILE_PREFIX);
    expect(() => engine.registerBuffer(`${ENGINE_FILE_PREFIX}../x.csv`, new Uint8Array(1))).toThrow(ENGINE_FILE_PREFIX);
  });
});
