/**
 * The CDK construct of the Step Functions driver (`powertune/cdk`). Needs
 * `aws-cdk-lib` and `constructs` (peer dependencies).
 *
 * @module stepfunctions/cdk
 */
export { PowerTuneStateMachine } from './power-tune-state-machine.js';
export type { PowerTuneStateMachineProps } from './power-tune-state-machine.js';
