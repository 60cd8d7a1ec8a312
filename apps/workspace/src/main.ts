import { RegistryApi } from './api';
import { h, mount } from './dom';
import { currentSession, endSession } from './session';
import './style.css';
import { showOperator } from './views/operator-page';
import { showSearch } from './views/search';
import { showSignIn } from './views/sign-in';

const app = document.getElementById('app')!;
const sessionBar = document.getElementById('session')!;

/** Routes: `#/` search, `#/shop/<platformId>/<shopId>` the operator of a shop. */
function route(): void {
  const session = currentSession();
  if (!session) {
    mount(sessionBar);
    showSignIn(app, route);
    return;
  }
  mount(
    sessionBar,
    h('span', { class: 'case' }, 'Case ', h('strong', {}, session.caseReference), ' · ', session.purpose),
    h('button', { type: 'button', class: 'link', onclick: () => (endSession(), route()) }, 'End session'),
  );
  const api = new RegistryApi(session);
  const shop = /^#\/shop\/([^/]+)\/([^/?]+)/.exec(location.hash);
  if (shop) showOperator(app, api, `${decodeURIComponent(shop[1])}:${decodeURIComponent(shop[2])}`);
  else showSearch(app, api);
}

window.addEventListener('hashchange', route);
route();
