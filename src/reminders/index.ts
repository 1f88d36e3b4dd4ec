export { cliBanner } from './banner.js';
export { reminders, relinkCommandFor, type Reminder } from './reminders.js';
export { connectionState, EXPIRY_WARNING_MS, type AttentionState, type ConnectionState } from './state.js';
