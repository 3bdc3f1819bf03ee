// Notifications: facts of a round → deduplicated events → webhooks.
export { deriveEvents, emptyMemory, type NotifyEvent, type NotifyMemory } from './derive.ts';
export { type Fact, factsOf } from './facts.ts';
export { payloads } from './formats/index.ts';
export {
  createNotifier,
  type Notifier,
  type SenderOptions,
  type WebhookTarget,
  wants,
} from './sender.ts';
