/** Topic a service publishes its events to: `xaso.<service>.events.v1`. */
export function topicFor(service: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(service)) throw new Error(`invalid service name for a topic: "${service}"`);
  return `xaso.${service}.events.v1`;
}

/** Dead-letter topic of one consumer group on one topic: `<topic>.<group>.dlt`. */
export function deadLetterTopic(topic: string, group: string): string {
  if (!topic || !group) throw new Error('deadLetterTopic needs a topic and a consumer group');
  return `${topic}.${group}.dlt`;
}
