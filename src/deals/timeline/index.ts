/** Timeline: a deal's status as a pure fold of its dated reports, and what a status change is. */
export type { StatusFold, StatusPoint, StatusStep, StepReason } from './deal-status';
export { compareStatusPoints, foldStatus, inStatusOrder, isTerminalStatus } from './deal-status';
export type { LaterStatus, StatusChange } from './status-change';
export { entriesInScope, laterStatusThan, statusChangeFor } from './status-change';
