import { agreementRepositoryConformance } from '@izinkit/test-utils/agreements';
import { InMemoryAgreementRepository } from '../src/index.js';

agreementRepositoryConformance(
  'InMemoryAgreementRepository',
  () => ({ repository: new InMemoryAgreementRepository() }),
  {
    runs: 60,
  },
);
