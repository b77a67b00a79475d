/**
 * A query built and compiled once, then run with a new parameter each time: for the queries every
 * request makes (the session behind its cookie). Building a Kysely query and compiling it (with
 * the CamelCasePlugin's pass over the tree) cost more than running it on SQLite; the SQL text never
 * changes, only the value. The compiled query is run through Kysely as any other
 * (kysely.dev "Splitting query building and execution"), so results are camelCased the same way.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './types.js';

/** Stands for the parameter while compiling: it must come out as a bound value, never in the SQL. */
const PLACEHOLDER = '\u0000precompiled-parameter\u0000';

export function precompiled<R>(build: (db: Db, parameter: string) => Compilable<R>) {
  const compiledFor = new WeakMap<Db, CompiledQuery<R>>();
  return async (db: Db, parameter: string): Promise<R[]> => {
    let compiled = compiledFor.get(db);
    if (!compiled) {
      compiled = build(db, PLACEHOLDER).compile();
      if (!compiled.parameters.includes(PLACEHOLDER) || compiled.sql.includes(PLACEHOLDER)) {
        throw new Error(`precompiled: the parameter is not a bound value in ${compiled.sql}`);
      }
      compiledFor.set(db, compiled);
    }
    const parameters = compiled.parameters.map((value) => (value === PLACEHOLDER ? parameter : value));
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}
