// The schema, as numbered migrations: version N is reached by running 1..N in order, once each.

/** Migration SQL by version (index 0 is version 1). Never edit a shipped one: add the next. */
export const MIGRATIONS: readonly string[] = [
  `create table quiesce_lock (
     pool text primary key, key integer not null, id text not null, host text not null,
     pid integer not null, command text not null, ci_job_url text, revision text,
     since timestamptz not null, backend_pid integer not null);
   create table quiesce_audit (
     id bigserial primary key, time timestamptz not null, pool text not null, server text,
     record jsonb not null);
   create index quiesce_audit_pool_time on quiesce_audit (pool, time);
   create index quiesce_audit_server_time on quiesce_audit (server, time);
   create index quiesce_audit_time on quiesce_audit (time);
   create table quiesce_drain (
     pool text not null, server text not null, service text not null, began timestamptz not null,
     source text not null, primary key (pool, server, service));
   create table quiesce_snapshot (
     pool text primary key, at timestamptz not null, observer jsonb not null, servers jsonb not null,
     status jsonb);
   create table quiesce_status (scope text primary key, document jsonb not null, at timestamptz not null);
   create table quiesce_owner (
     pool text primary key, key integer not null, watcher_id text not null, watcher jsonb not null,
     since timestamptz not null, backend_pid integer not null);`,
  `create table quiesce_record (
     kind text not null, key text not null, value jsonb not null, updated timestamptz not null,
     primary key (kind, key));`,
  // The startup type a drain found (null: unknown), so a return puts back exactly that.
  'alter table quiesce_drain add column start_type text;',
];

/** The schema version this quiesce writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
