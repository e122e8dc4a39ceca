// The admin page's script: plain JavaScript served as it is, no build step. The access token lives in this closure
// only (never localStorage or a cookie): closing or reloading the tab logs out. Words and API paths come from the
// page's JSON block, which the server renders from the message catalogue and the wire contract.
'use strict';

const { paths, texts } = JSON.parse(document.getElementById('admin-config').textContent);
const $ = (selector) => document.querySelector(selector);
let token = null;
/** The logged-in administrator's own id: their row has no button to lock themselves out. */
let myId = null;
let accounts = null;

function say(key, params = {}) {
  return texts[key].replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

function show(notice, text, isError) {
  notice.textContent = text;
  notice.classList.toggle('error', isError);
  notice.hidden = false;
}

/** A call to the server; a refusal rejects with the server's own (Vietnamese) message. */
async function call(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new Error(say('admin.offline'));
  }
  const json = await response.json().catch(() => null);
  if (response.ok) return json;
  const error = new Error(json?.error?.message ?? say('admin.offline'));
  error.status = response.status;
  throw error;
}

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function render() {
  const unitsById = new Map(accounts.units.map((unit) => [unit.id, unit]));
  $('#org-name').textContent = `${accounts.name} (${accounts.organId})`;
  $('#user-rows').replaceChildren(
    ...accounts.users.map((user) => {
      const unit = unitsById.get(user.unitId);
      const state = element('span', { className: 'badge', textContent: say(user.disabled ? 'admin.state.disabled' : 'admin.state.active') });
      const action = element('td');
      if (user.id !== myId) {
        const button = element('button', {
          type: 'button',
          className: user.disabled ? 'row-action' : 'row-action danger',
          textContent: say(user.disabled ? 'admin.enable' : 'admin.disable'),
        });
        button.addEventListener('click', () => changeState(user, !user.disabled));
        action.append(button);
      }
      const name = [user.username, ...(user.isAdmin ? [element('span', { className: 'tag', textContent: say('admin.adminBadge') })] : [])];
      return element('tr', { className: user.disabled ? 'disabled' : '' }, [
        element('td', {}, name),
        element('td', {}, [user.fullName, ...(user.position ? [element('small', { textContent: user.position })] : [])]),
        element('td', { textContent: say(`ui.role.${user.role}`) }),
        element('td', { textContent: unit ? unit.name : say('admin.noUnit') }),
        element('td', {}, [state]),
        action,
      ]);
    }),
  );
  $('#unit-list').replaceChildren(...accounts.units.map((unit) => element('li', { textContent: `${unit.name} (${unit.abbrev})` })));
  // A list rebuilt after an action keeps what was chosen in it.
  const refill = (select, options) => {
    const chosen = select.value;
    select.replaceChildren(...options);
    if (options.some((option) => option.value === chosen)) select.value = chosen;
  };
  for (const select of document.querySelectorAll('.unit-choice')) {
    refill(select, accounts.units.map((unit) => element('option', { value: unit.abbrev, textContent: `${unit.name} (${unit.abbrev})` })));
  }
  for (const select of document.querySelectorAll('.user-choice')) {
    refill(select, accounts.users.map((user) => element('option', { value: user.id, textContent: `${user.fullName} (${user.username})` })));
  }
  showPlace();
}

/** The role form starts from the chosen user's present role, unit and administrator right. */
function showPlace() {
  const form = $('#user-place-form');
  const user = byId(accounts.users, form.elements.userId.value);
  if (!user) return;
  const unit = byId(accounts.units, user.unitId);
  form.elements.role.value = user.role;
  if (unit) form.elements.unitAbbrev.value = unit.abbrev;
  form.elements.isAdmin.checked = user.isAdmin;
}

async function reload() {
  accounts = await call('GET', paths.accounts);
  render();
}

function logOut(message) {
  token = null;
  myId = null;
  accounts = null;
  $('#admin-view').hidden = true;
  $('#admin-message').hidden = true;
  $('#logout').hidden = true;
  $('#org-name').textContent = '';
  $('#login-view').hidden = false;
  const notice = $('#login-form .notice');
  if (message) show(notice, message, true);
  else notice.hidden = true;
}

/** Runs an admin action and reports its outcome, worded from its result; an ended session goes back to the login form. */
async function act(work, describe) {
  const notice = $('#admin-message');
  try {
    const result = await work();
    await reload();
    show(notice, describe(result), false);
    return true;
  } catch (error) {
    if (error.status === 401) logOut(error.message);
    else show(notice, error.message, true);
    return false;
  }
}

function changeState(user, disabled) {
  void act(
    () => call('POST', paths.userState, { userId: user.id, disabled }),
    () => say(disabled ? 'admin.done.disabled' : 'admin.done.enabled', { username: user.username }),
  );
}

/** A form's fields as an object; submitted by an action, cleared when it succeeds. */
function onSubmit(selector, run) {
  const form = $(selector);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      if (await run(values)) form.reset();
    } finally {
      button.disabled = false;
    }
  });
}

onSubmit('#login-form', async ({ username, password }) => {
  const notice = $('#login-form .notice');
  try {
    const session = await call('POST', paths.login, { username, password });
    token = session.accessToken;
    myId = session.user.id;
    await reload();
  } catch (error) {
    token = null;
    myId = null;
    show(notice, error.message, true);
    return false;
  }
  notice.hidden = true;
  $('#login-view').hidden = true;
  $('#admin-view').hidden = false;
  $('#logout').hidden = false;
  return true;
});

const byId = (list, id) => list.find((item) => item.id === id);

onSubmit('#add-user-form', (user) => act(() => call('POST', paths.addUser, user), (added) => say('admin.done.userAdded', { username: added.username })));

onSubmit('#reset-password-form', (reset) =>
  act(
    () => call('POST', paths.resetPassword, reset),
    ({ id }) => say('admin.done.password', { username: byId(accounts.users, id).username }),
  ),
);

$('#user-place-form').elements.userId.addEventListener('change', showPlace);
onSubmit('#user-place-form', async ({ userId, role, unitAbbrev, isAdmin }) => {
  await act(
    () => call('POST', paths.userPlace, { userId, role, unitAbbrev, isAdmin: isAdmin === 'on' }),
    ({ id }) => {
      const user = byId(accounts.users, id);
      const unit = byId(accounts.units, user.unitId);
      return say('admin.done.place', { username: user.username, role: say(`ui.role.${user.role}`), unit: unit ? unit.name : say('admin.noUnit') });
    },
  );
  // Kept filled in: after a refusal with the choice that was refused, after a change with the user as they now are.
  return false;
});

onSubmit('#add-unit-form', (unit) => act(() => call('POST', paths.addUnit, unit), ({ id }) => say('admin.done.unitAdded', byId(accounts.units, id))));

$('#logout').addEventListener('click', () => logOut());
