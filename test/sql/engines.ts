// The real engines of the SQL tests, in this process: DuckDB through its Node package and PostgreSQL as
// PGlite, opened before a describe block's tests and closed after them.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll } from "vitest";

/** The open engines; read them inside tests (they are set by `beforeAll`). */
export interface Engines {
  duck: DuckDBConnection;
  pg: PGlite;
}

/** Opens DuckDB and PGlite for the enclosing describe block and closes them after it. */
export function useEngines(): Engines {
  const engines = {} as Engines;
  beforeAll(async () => {
    const instance = await DuckDBInstance.create(":memory:");
    engines.duck = await instance.connect();
    engines.pg = new PGlite();
    await engines.pg.waitReady;
  }, 60_000);
  afterAll(async () => {
    engines.duck?.closeSync();
    await engines.pg?.close();
  });
  return engines;
}
