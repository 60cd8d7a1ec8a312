import { ApiError } from '../api';
import { h } from '../dom';

/** What went wrong, in words an officer can act on; a read this registry does not offer yet says so. */
export function failure(error: unknown, missingRead = 'This read'): HTMLElement {
  if (error instanceof ApiError && error.routeMissing) {
    return h('p', { class: 'notice', role: 'status' }, `${missingRead} is not offered by this registry yet (HTTP 404). The other reads work as usual.`);
  }
  if (error instanceof ApiError) return h('p', { class: 'error', role: 'alert' }, `HTTP ${error.status}: ${error.message}`);
  return h('p', { class: 'error', role: 'alert' }, String(error));
}
