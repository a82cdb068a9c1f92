/**
 * The route registry: every API route, in the order they are matched and documented.
 */
import type { AnyRoute } from '../http/route.js';
import { agreementDiff, agreementVersions, listAgreements, publishAgreement } from './agreements.js';
import {
  advanceApplication,
  createApplication,
  erasurePlan,
  exportApplication,
  getApplication,
  listApplications,
} from './applications.js';
import {
  consentHistory,
  consentStatus,
  importConsents,
  importStatusRoute,
  missingConsentsRoute,
  recordConsent,
} from './consents.js';
import { evidenceBundle, evidenceCheckpoint, verifyEvidence } from './evidence.js';
import {
  addRetailer,
  auditLog,
  consentReport,
  consentReportAll,
  createApiKey,
  devOutbox,
  formQr,
  giveRetailerAccess,
  listApiKeys,
  listRetailerAccess,
  listRetailers,
  reconciliations,
  revokeApiKey,
  syncStatus,
} from './operations.js';
import { startOptin, verifyOptinRoute } from './optin.js';
import {
  healthz,
  metrics,
  openapi,
  readyz,
  reference,
  referenceAlias,
  referenceScript,
  referenceStyle,
} from './system.js';

/** Every route. */
export const ROUTES: readonly AnyRoute[] = [
  healthz,
  readyz,
  metrics,
  openapi,
  reference,
  referenceAlias,
  referenceScript,
  referenceStyle,
  recordConsent,
  consentStatus,
  consentHistory,
  missingConsentsRoute,
  importConsents,
  importStatusRoute,
  startOptin,
  verifyOptinRoute,
  listAgreements,
  agreementVersions,
  publishAgreement,
  agreementDiff,
  evidenceBundle,
  evidenceCheckpoint,
  verifyEvidence,
  createApplication,
  listApplications,
  getApplication,
  advanceApplication,
  exportApplication,
  erasurePlan,
  syncStatus,
  reconciliations,
  listRetailers,
  addRetailer,
  giveRetailerAccess,
  listRetailerAccess,
  consentReport,
  consentReportAll,
  formQr,
  devOutbox,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  auditLog,
];
