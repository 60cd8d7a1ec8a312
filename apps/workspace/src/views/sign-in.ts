import { fieldsOf, h, mount } from '../dom';
import { PURPOSE_CODES } from '../../../../libs/resolution/src/audit/purpose-codes';
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
    h(
      'label',
      {},
      'Purpose',
      h(
        'select',
        { name: 'purpose', required: true },
        Object.entries(PURPOSE_CODES).map(([code, label]) => h('option', { value: code }, label)),
      ),
    ),
    h(
      'label',
      {},
      'Note on the purpose (optional, kept encrypted)',
      h('input', { name: 'purposeNote', maxlength: 500, placeholder: 'Buyer complaint about fake serum' }),
    ),
    h('button', { type: 'submit' }, 'Start'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { apiKey, caseReference, purpose, purposeNote } = fieldsOf(form);
    startSession({ apiKey, caseReference, purpose, purposeNote: purposeNote || undefined });
    started();
  });
  mount(target, form);
}
