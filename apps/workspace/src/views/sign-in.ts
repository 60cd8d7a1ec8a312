import { fieldsOf, h, mount } from '../dom';
import { startSession } from '../session';

/** Asked once per session: every read the workspace makes is recorded under this case and purpose. */
export function showSignIn(target: Element, started: () => void): void {
  const form = h(
    'form',
    { class: 'card narrow', id: 'sign-in' },
    h('h1', {}, 'Open a case session'),
    h('p', { class: 'muted' }, 'Every view you open is an audited read, recorded with your key, this case reference and this purpose.'),
    h('label', {}, 'Enforcement API key', h('input', { name: 'apiKey', type: 'password', required: true, autocomplete: 'off' })),
    h('label', {}, 'Case reference', h('input', { name: 'caseReference', required: true, minlength: 3, placeholder: 'QLTT-HN-2026-0117' })),
    h('label', {}, 'Purpose', h('input', { name: 'purpose', required: true, minlength: 3, placeholder: 'Counterfeit cosmetics investigation' })),
    h('button', { type: 'submit' }, 'Start'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { apiKey, caseReference, purpose } = fieldsOf(form);
    startSession({ apiKey, caseReference, purpose });
    started();
  });
  mount(target, form);
}
