import type pg from 'pg';

export interface TestPostgres {
  /** The DATABASE_URL to give the apps. */
  url: string;
  /** False when no new database could be created and `url` is the shared one as given. */
  fresh: boolean;
  /** Drops the database created for this run (nothing, when it is the shared one). */
  drop(): Promise<void>;
}

/** A new, empty database whose name starts with `prefix` (default `omni_e2e`), or the shared one. */
export declare function freshDatabase(baseUrl: string, prefix?: string): Promise<TestPostgres>;

/** Runs `fn` with a connected client on `url`, and closes it after. */
export declare function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T>;
