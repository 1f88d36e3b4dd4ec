export { notifyChanges, type Notification, type NotifyEvent, type NotifyOptions, type NotifyPayload } from './changes.js';
export { notifyWebhookUrl } from './config.js';
