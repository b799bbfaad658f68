import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ApprovalStore } from './ApprovalStore';
import { migrate } from './migrate';

const { databases } = createTestDatabases();
const migrations = {
  directory: resolvePackagePath(
    '@stagecraft/plugin-stagecraft-backend',
    'migrations',
  ),
  tableName: 'stagecraft__knex_migrations',
};
const pending = (n: number) => ({
  component_ref: 'component:default/api',
  environment: 'production',
  from_environment: 'staging',
  release_id: 'r1',
  requested_by: `user:default/u${n}`,
  state: 'pending',
});

describe('ApprovalStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps one pending request per release and environment, even when twenty race, on %p',
    async id => {
      const knex = await databases.init(id);
      await migrate(knex);
      const approvals = new ApprovalStore(knex);
      const onCreated = jest.fn(async () => {});
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          approvals.request(
            {
              componentRef: 'component:default/api',
              environment: 'production',
              fromEnvironment: 'staging',
              releaseId: 'r1',
              requestedBy: `user:default/u${n}`,
            },
            onCreated,
          ),
        ),
      );
      expect(new Set(results.map(r => r.request.id)).size).toBe(1);
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(onCreated).toHaveBeenCalledTimes(1);
      // The index, not only the service, refuses a second pending twin.
      const twin = await knex('approvals')
        .insert(pending(99))
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(twin).toMatch(
        /UNIQUE constraint failed|duplicate key value violates unique constraint/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'closes pending twins recorded before the unique index, keeping the oldest, on %p',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.up(migrations);
      await knex.migrate.up(migrations);
      await knex('approvals').insert([pending(1), pending(2), pending(3)]);
      await knex('approvals').insert({ ...pending(4), release_id: 'r2' });

      await migrate(knex);

      const rows = await knex('approvals').orderBy('id');
      expect(
        rows.map(r => [r.release_id, r.state, r.decided_by, r.comment]),
      ).toEqual([
        ['r1', 'pending', null, null],
        [
          'r1',
          'denied',
          'stagecraft:migration',
          `duplicate of approval request ${rows[0].id}`,
        ],
        [
          'r1',
          'denied',
          'stagecraft:migration',
          `duplicate of approval request ${rows[0].id}`,
        ],
        ['r2', 'pending', null, null],
      ]);
    },
  );
});

describe('ApprovalStore.request when the pending twin is decided as it joins', () => {
  it.each(databases.eachSupportedId())(
    'answers a ConflictError, not a crash, on %p',
    async id => {
      const knex = await databases.init(id);
      await migrate(knex);
      const [{ id: twinId }] = await knex('approvals')
        .insert(pending(1))
        .returning('id');
      // The twin is decided between this request's no-op insert and its read of the twin (on
      // PostgreSQL another transaction can commit there; here it is simulated in between).
      const decidedInBetween = new Proxy(knex, {
        get: (target, key) =>
          key !== 'transaction'
            ? Reflect.get(target, key)
            : (run: (tx: Knex.Transaction) => Promise<unknown>) =>
                target.transaction(tx =>
                  run(
                    new Proxy(tx, {
                      apply(table, self, args) {
                        const query = Reflect.apply(table, self, args);
                        const first = query.first.bind(query);
                        query.first = async (...columns: string[]) => {
                          await tx('approvals')
                            .where({ id: twinId })
                            .update({ state: 'approved', decided_by: 'bob' });
                          return first(...columns);
                        };
                        return query;
                      },
                    }),
                  ),
                ),
      });
      const approvals = new ApprovalStore(decidedInBetween);

      await expect(
        approvals.request({
          componentRef: 'component:default/api',
          environment: 'production',
          fromEnvironment: 'staging',
          releaseId: 'r1',
          requestedBy: 'user:default/ann',
        }),
      ).rejects.toThrow(
        new ConflictError(
          'the pending approval request for release r1 into production was decided while this promotion was joining it; look at its outcome, and promote again if it is still needed',
        ),
      );
    },
  );
});
