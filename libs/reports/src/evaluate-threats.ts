import { assessUnencryptedTraffic } from './encryption-threat';
import { assessHostAccess } from './host-access-threat';
import { assessInsiderTampering } from './insider-tampering-threat';
import { assessInternetEgress } from './internet-egress-threat';
import { assessIpSpoofing } from './ip-spoofing-threat';
import { assessLateralMovement } from './lateral-movement-threat';
import type { ThreatRow } from './report-model';
import { assessSupplyChain } from './supply-chain-threat';
import { type ThreatContext, threatContextOf } from './threat-context';
import type { ThreatInputs } from './threat-inputs';

/** Seed 002's threat table, in its order. */
const THREATS: ReadonlyArray<(context: ThreatContext) => ThreatRow> = [
  assessLateralMovement,
  assessInternetEgress,
  assessIpSpoofing,
  assessUnencryptedTraffic,
  assessHostAccess,
  assessSupplyChain,
  assessInsiderTampering,
];

/** Each threat of the model with its expected mitigation, the evidence at the period end and a status. */
export function evaluateThreats(inputs: ThreatInputs): ThreatRow[] {
  const context = threatContextOf(inputs);
  return THREATS.map((assess) => assess(context));
}
