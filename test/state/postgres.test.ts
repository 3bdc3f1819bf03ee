// The state contract on PostgreSQL (a real server, started by the test helper).
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { value } from '../helpers/builders/result.ts';
import { postgresCluster } from '../helpers/harnesses/postgres.ts';
import { contractSuite } from './contract.ts';

contractSuite({
  name: 'postgres',
  watchers: 'many',
  async open() {
    const cluster = await postgresCluster();
    return value(await openPostgresStore({ url: await cluster.freshDatabase() }));
  },
});
