// Sections about what to do when things go wrong (recovery, escalation, incidents, rollback levels, disaster,
// failover, troubleshooting) are playbooks opened on demand, never a gate before T-0: what their lists say
// becomes manual (gate) steps of a procedure, not required checklist items. Triggers and criteria ("Rollback
// Triggers", "When to roll back") describe when to open one, and contacts are a reference: neither is a playbook.

const CONTINGENCY =
  /\b(recover(y|ies|ing)?|escalat\w*|incidents?|disasters?|emergenc(y|ies)|contingenc(y|ies)|fail[\s-]?over|troubleshoot\w*|break[\s-]?glass|post[\s-]?mortems?|roll[\s-]?backs?|revert(ing)?|levels?\s+\d|sev(erity)?[\s-]?\d|outages?)\b/i;
const NOT_A_PLAYBOOK = /\b(triggers?|criteria|when to|decision|contacts?|communication|templates?|metrics|severity levels)\b/i;

export function isContingencyHeading(text: string): boolean {
  return CONTINGENCY.test(text) && !NOT_A_PLAYBOOK.test(text);
}

/** Whether a heading rules contingency out for what is under it ("Emergency Contacts", "Rollback Triggers"). */
export function isNotAPlaybook(text: string): boolean {
  return NOT_A_PLAYBOOK.test(text);
}
