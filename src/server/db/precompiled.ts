/**
 * A query built and compiled once, then run with new parameters each time: for the queries every
 * request makes (the session behind its cookie, the access check, a reading's insert). Building a
 * Kysely query and compiling it (with the CamelCasePlugin's pass over the tree) cost more than
 * running it on SQLite; the SQL text never changes, only the values. The compiled query is run
 * through Kysely as any other (kysely.dev "Splitting query building and execution"), so results
 * are camelCased the same way.
 */
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './types.js';

/** Stands for a parameter while compiling: it must come out as a bound value, never in the SQL. */
const placeholder = (name: string) => `\u0000precompiled-parameter:${name}\u0000`;

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each bound value: the parameter's name, or null for a value fixed in the query. */
  slots: (string | null)[];
}

/**
 * `build` receives placeholders in place of the parameters (typed as the parameters: the builder
 * only passes them on as values). Each must reach the SQL as a bound value; compiling fails
 * otherwise, so a parameter can never be frozen into the SQL text. The query is compiled once per
 * database and runs on `on`, the database or one of its transactions (a transaction is a new
 * object each time: compiling per transaction would undo the saving).
 */
export function precompiledQuery<P extends Record<string, unknown>, R>(
  names: readonly (keyof P & string)[],
  build: (db: Db, parameters: P) => Compilable<R>,
): (db: Db, parameters: P, on?: Db) => Promise<QueryResult<R>> {
  const compiledFor = new WeakMap<Db, Compiled<R>>();
  const compile = (db: Db): Compiled<R> => {
    const stand = Object.fromEntries(names.map((name) => [name, placeholder(name)])) as unknown as P;
    const query = build(db, stand).compile();
    const byPlaceholder = new Map(names.map((name) => [placeholder(name), name]));
    const slots = query.parameters.map((value) =>
      typeof value === 'string' ? (byPlaceholder.get(value) ?? null) : null,
    );
    for (const name of names) {
      if (!slots.includes(name) || query.sql.includes(placeholder(name))) {
        throw new Error(`precompiled: parameter ${name} is not a bound value in ${query.sql}`);
      }
    }
    return { query, slots };
  };
  return (db, parameters, on = db) => {
    let compiled = compiledFor.get(db);
    if (!compiled) {
      try {
        compiled = compile(db);
      } catch (error) {
        // As any query's failure: a rejected promise, never a throw at the call.
        return Promise.reject(error as Error);
      }
      compiledFor.set(db, compiled);
    }
    const { query, slots } = compiled;
    const values = query.parameters.map((value, i) => {
      const name = slots[i];
      return name === null || name === undefined ? value : parameters[name];
    });
    return on.executeQuery<R>({ ...query, parameters: values });
  };
}

/** A query with one string parameter (the common case: a row by its key); answers its rows. */
export function precompiled<R>(build: (db: Db, parameter: string) => Compilable<R>) {
  const run = precompiledQuery<{ value: string }, R>(['value'], (db, { value }) => build(db, value));
  return async (db: Db, parameter: string): Promise<R[]> => (await run(db, { value: parameter })).rows;
}
