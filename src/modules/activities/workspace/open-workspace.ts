// Subscriber: a grant approved in funding opens its project's workspace here (ADR 0011), in the
// transaction that marks the event delivered, so a crash opens it on the retry and never twice.
import type { EventSubscriber } from '../../../core/events/events';
import { type GrantApproved, grantWorkspaceSeed } from '../../funding/api';
import { openWorkspace } from './workspace.store';

export const openWorkspaceOnApproval: EventSubscriber = {
  name: 'activities.open-workspace',
  event: 'grant.approved',
  async handle(event, { tx, deps }) {
    const { grantId } = event.payload as GrantApproved['payload'];
    const seed = await grantWorkspaceSeed(tx, grantId);
    // the grant is written in the same transaction as its event, so it is there; if not, retry
    if (!seed) throw new Error(`grant ${grantId} of a grant.approved event is not there`);
    await openWorkspace(tx, seed, deps.now());
  },
};
