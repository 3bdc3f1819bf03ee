// Types for the pgpass module (node-postgres's own ~/.pgpass reader).
declare module 'pgpass' {
  /** Calls back with the password ~/.pgpass (or PGPASSFILE) gives for the connection, or undefined. */
  export default function pgpass(
    connection: { host?: string; port?: number; database?: string; user?: string },
    callback: (password: string | undefined) => void,
  ): void;
}
