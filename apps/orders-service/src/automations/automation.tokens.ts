export const AUTOMATION_STORE = Symbol('AUTOMATION_STORE');
export const AUTOMATION_CONFIG = Symbol('AUTOMATION_CONFIG');
/** the TargetPolicy (@orders/automations) built from the configuration and the service's own listener */
export const AUTOMATION_TARGET_POLICY = Symbol('AUTOMATION_TARGET_POLICY');
