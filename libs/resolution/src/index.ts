import { AuditTrailProjection } from './audit/audit-trail.projection';
import { CreateEnforcementAudit1764400021000 } from './audit/1764400021000-create-enforcement-audit';
import { KeyedAuditSubjects1764400170000 } from './audit/1764400170000-keyed-audit-subjects';
import { CreateResolutionFacts1764400020000 } from './identity-graph/1764400020000-create-resolution-facts';
import { IndexResolutionFactsByPosition1764400022000 } from './identity-graph/1764400022000-index-resolution-facts-by-position';
import { IdentityGraphProjection } from './identity-graph/identity-graph.projection';
import { RecordErasures1764400100000 } from './identity-graph/1764400100000-record-erasures';
import { LeanResolutionFacts1764400060000 } from './identity-graph/1764400060000-lean-resolution-facts';
import { NamesStoredOnce1764400270000 } from './identity-graph/1764400270000-names-stored-once';
import { SourcesByShop1764400271000 } from './identity-graph/1764400271000-sources-by-shop';
import { DataKeysAsBytes1764400291000 } from './identity-graph/1764400291000-data-keys-as-bytes';
import { LeanerFactRows1764400292000 } from './identity-graph/1764400292000-leaner-fact-rows';
import { ErasuresTellAttestations1764400321000 } from './identity-graph/1764400321000-erasures-tell-attestations';
import { CreateOperatorView1764400050000 } from './operator-view/1764400050000-create-operator-view';
import { UncountedOperatorView1764400072000 } from './operator-view/1764400072000-uncounted-operator-view';
import { PackedOperatorView1764400120000 } from './operator-view/1764400120000-packed-operator-view';
import { KeyShopsInOperatorView1764400210000 } from './operator-view/1764400210000-key-shops-in-operator-view';
import { DeflatedOperatorView1764400220000 } from './operator-view/1764400220000-deflated-operator-view';
import { CountedKeysInOperatorView1764400300000 } from './operator-view/1764400300000-counted-keys-in-operator-view';
import { OperatorViewBuild1764400320000 } from './operator-view/1764400320000-operator-view-build';
import { KeyCountsInSlices1764400330000 } from './operator-view/1764400330000-key-counts-in-slices';
import { PersonalTaxCodesAsNationalIds1764400340000 } from './identity-graph/1764400340000-personal-tax-codes-as-national-ids';
import { OperatorViewProjection } from './operator-view/operator-view.projection';

export * from './domain';
export * from './resolution.module';
export { IdentityGraphReader } from './reading/identity-graph.reader';
export { OperatorMembership } from './reading/operator-membership';
export { AuditedRead } from './enforcement/audited-read';
export { EnforcementReads } from './enforcement/enforcement-read.decorator';
export type { OperatorGroup } from './reading/operator-membership';
export const resolutionMigrations = [
  CreateResolutionFacts1764400020000,
  CreateEnforcementAudit1764400021000,
  IndexResolutionFactsByPosition1764400022000,
  CreateOperatorView1764400050000,
  LeanResolutionFacts1764400060000,
  UncountedOperatorView1764400072000,
  RecordErasures1764400100000,
  PackedOperatorView1764400120000,
  KeyedAuditSubjects1764400170000,
  KeyShopsInOperatorView1764400210000,
  DeflatedOperatorView1764400220000,
  NamesStoredOnce1764400270000,
  SourcesByShop1764400271000,
  DataKeysAsBytes1764400291000,
  LeanerFactRows1764400292000,
  CountedKeysInOperatorView1764400300000,
  OperatorViewBuild1764400320000,
  ErasuresTellAttestations1764400321000,
  KeyCountsInSlices1764400330000,
  PersonalTaxCodesAsNationalIds1764400340000,
];
// The operator view after the identity graph: it reads the graph as the same transaction left it.
export const resolutionProjections = [IdentityGraphProjection, OperatorViewProjection, AuditTrailProjection];

/**
 * Enforcement's note on a flag, and an officer's note on the purpose of a read, may name people:
 * stored encrypted like a link's evidence (a read's note under one key per case).
 */
export const resolutionPersonalFields = {
  ShopFlagged: { fields: ['note'], scope: (stream: string) => stream },
  EnforcementReadRecorded: {
    fields: ['purposeNote'],
    scope: (_stream: string, data: Record<string, unknown>) => `enforcement-case:${String(data.caseReference)}`,
  },
};
export { PURPOSE_CODES, PURPOSE_HEADER_DESCRIPTION, PURPOSE_NOTE_DESCRIPTION } from './audit/read-context';
