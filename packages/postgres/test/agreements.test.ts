import { agreementRepositoryConformance } from '@izinkit/test-utils/agreements';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { migrate, PgAgreementRepository } from '../src/index.js';

// The same conformance suite the in-memory repository passes, on PGlite and on the server.
for (const fixture of databaseFixtures()) {
  agreementRepositoryConformance(
    `PgAgreementRepository on ${fixture.name}`,
    async () => {
      const { db, dispose } = await fixture.open();
      await migrate(db);
      return { repository: new PgAgreementRepository(db), cleanup: dispose };
    },
    { runs: 15 },
  );
}
