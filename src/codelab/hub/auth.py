"""Username + password login with hashed passwords, no open sign-up.

Admins create accounts (through the hub API or `codelab`); a trainee given an initial
password must choose their own before their server starts.
"""

from __future__ import annotations

import asyncio
import dataclasses
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jupyterhub.apihandlers.base import APIHandler
from jupyterhub.auth import Authenticator
from jupyterhub.handlers.base import BaseHandler
from jupyterhub.handlers.login import LoginHandler
from jupyterhub.handlers.pages import SpawnHandler
from jupyterhub.orm import new_token
from jupyterhub.scopes import needs_scope
from jupyterhub.utils import url_path_join
from tornado import web
from traitlets import Enum, Int, Unicode, default

from codelab.config import RESERVED_USERNAMES
from codelab.faults import out_of_room
from codelab.hub.accounts import (
    MAX_PASSWORD_LENGTH,
    AccountStore,
    NewAccount,
    Profile,
    hash_password,
)
from codelab.hub.landing import formgrader_url
from codelab.hub.redirects import ServiceRedirectHandler
from codelab.i18n import LANGUAGES, MESSAGES, t

TEMPLATES = Path(__file__).parent / "templates"
CHANGE_PASSWORD_PATH = "/change-password"
LOGIN_FORM_TEXTS = {
    "@@SIGN_IN@@": "sign_in",
    "@@USERNAME@@": "username",
    "@@PASSWORD@@": "password",
    "@@SUBMIT@@": "submit_sign_in",
    "@@BAD_LOGIN@@": "bad_login",
}


class CodelabAuthenticator(Authenticator):
    """Accounts of codelab's own store, created by admins only."""

    accounts_db = Unicode(
        "codelab-accounts.sqlite",
        help="SQLite file holding password hashes, relative to the hub's working directory.",
    ).tag(config=True)

    language = Enum(LANGUAGES, "fr", help="Language of the login and password pages.").tag(
        config=True
    )

    min_password_length = Int(8, help="Shortest password a user may choose.").tag(config=True)

    max_failed_logins = Int(
        5, help="Failed logins in a row after which the account waits lockout_seconds."
    ).tag(config=True)

    lockout_seconds = Int(300, help="How long a throttled account must wait.").tag(config=True)

    bcrypt_rounds = Int(12, help="bcrypt cost factor of stored password hashes.").tag(config=True)

    initial_bcrypt_rounds = Int(
        10,
        help="bcrypt cost factor of generated initial passwords. They are random (about 57 "
        "bits), so a lower cost than a chosen password's is as safe, and a class of 100 "
        "is created in seconds; the trainee replaces them at first login.",
    ).tag(config=True)

    def validate_username(self, username: str) -> bool:
        # username_pattern (set from codelab.config) plus the names the lab's objects use.
        return super().validate_username(username) and username not in RESERVED_USERNAMES

    @default("allow_existing_users")
    def _allow_existing(self) -> bool:
        # Users the admin created through the hub may log in once they have a password.
        return True

    _store: AccountStore | None = None

    @property
    def store(self) -> AccountStore:
        if self._store is None:
            self._store = AccountStore(
                self.accounts_db,
                max_failed_logins=self.max_failed_logins,
                lockout_seconds=self.lockout_seconds,
                rounds=self.bcrypt_rounds,
            )
        return self._store

    async def _run(self, func, *args, **kwargs):
        # bcrypt takes a quarter second on purpose: keep it off the event loop.
        return await asyncio.to_thread(func, *args, **kwargs)

    async def authenticate(self, handler, data):
        username = self.normalize_username(data.get("username", ""))
        result = await self._run(self.store.check_login, username, data.get("password", ""))
        if result.locked or result.inactive:
            # Said on the login page in place of "wrong username or password".
            handler.login_error = t(
                "locked" if result.locked else "account_inactive", self.language
            )
        if not result.ok:
            return None
        return {"name": username}

    async def must_change_password(self, username: str) -> bool:
        return await self._run(self.store.must_change, username)

    async def set_password(self, username: str, password: str, *, must_change: bool) -> None:
        await self._run(self.store.set_password, username, password, must_change=must_change)

    def password_problem(self, password: str) -> str | None:
        """Why a new password is refused, in the user's language, or None."""
        if len(password) < self.min_password_length:
            return t("too_short", self.language, n=self.min_password_length)
        if len(password) > MAX_PASSWORD_LENGTH:
            return t("too_long", self.language, n=MAX_PASSWORD_LENGTH)
        return None

    async def create_accounts(self, profiles: list[Profile], passwords: list[str]) -> None:
        """Create accounts that must change their password, all or none (hashing in parallel)."""
        with ThreadPoolExecutor() as pool:
            hashes = await asyncio.gather(
                *(
                    asyncio.wrap_future(pool.submit(hash_password, p, self.initial_bcrypt_rounds))
                    for p in passwords
                )
            )
        accounts = [
            NewAccount(dataclasses.replace(profile, must_change=True, active=True), hashed)
            for profile, hashed in zip(profiles, hashes, strict=True)
        ]
        await self._run(self.store.create, accounts)

    async def pre_spawn_start(self, user, spawner):
        if await self._run(self.store.deactivated, user.name):
            raise web.HTTPError(403, t("account_inactive", self.language))
        if await self.must_change_password(user.name):
            url = url_path_join(spawner.hub.base_url, CHANGE_PASSWORD_PATH)
            raise web.HTTPError(403, t("spawn_blocked", self.language, url=url))

    def delete_user(self, user):
        self.store.delete(user.name)
        return super().delete_user(user)

    def get_custom_html(self, base_url):
        html = (TEMPLATES / "login-form.html").read_text(encoding="utf-8")
        for placeholder, key in LOGIN_FORM_TEXTS.items():
            html = html.replace(placeholder, t(key, self.language))
        return html

    def get_handlers(self, app):
        return [
            (r"/login", CodelabLoginHandler),
            (r"/spawn", CodelabSpawnHandler),
            (r"/spawn/([^/]+)", CodelabSpawnHandler),
            (r"/spawn/([^/]+)/([^/]+)", CodelabSpawnHandler),
            (CHANGE_PASSWORD_PATH, ChangePasswordHandler),
            (r"/api/codelab/accounts", AccountListAPIHandler),
            (r"/api/codelab/accounts/([^/]+)", AccountAPIHandler),
            # Not about logging in, but the authenticator is where a hub takes handlers.
            (r"/services/([^/]+)(/.*)?", ServiceRedirectHandler),
        ]


class CodelabLoginHandler(LoginHandler):
    """The stock login handler, sending a must-change user to choose a password first."""

    _pending_change = False

    def get_next_url(self, user=None, default=None):
        if user is not None and self._pending_change:
            return url_path_join(self.hub.base_url, CHANGE_PASSWORD_PATH)
        return super().get_next_url(user, default)

    login_error: str | None = None

    def _render(self, login_error=None, username=None, **kwargs):
        # Not async, as the stock one: write_error renders the form through it (sync=True)
        # when a login fails with an error, such as the hub's disk being full.
        if out_of_room(kwargs.get("exception")):
            login_error = t("hub_disk_full", self.authenticator.language)
        return super()._render(self.login_error or login_error, username, **kwargs)

    async def login_user(self, data=None):
        user = await super().login_user(data)
        if user is not None:
            self._pending_change = await self.authenticator.must_change_password(user.name)
        return user


class CodelabSpawnHandler(SpawnHandler):
    """The stock spawn page, sending a must-change user to choose a password first."""

    async def prepare(self):
        await super().prepare()
        user = self.current_user
        if user is not None and await self.authenticator.must_change_password(user.name):
            self.redirect(url_path_join(self.hub.base_url, CHANGE_PASSWORD_PATH))


class ChangePasswordHandler(BaseHandler):
    """A logged-in user changes their password (required at first login)."""

    def _page(self, **ns):
        auth = self.authenticator
        return self.render_template(
            "codelab-change-password.html",
            texts={key: t(key, auth.language, n=auth.min_password_length) for key in MESSAGES},
            **ns,
        )

    @web.authenticated
    async def get(self):
        must = await self.authenticator.must_change_password(self.current_user.name)
        self.finish(await self._page(must_change=must, error=None, done=False))

    @web.authenticated
    async def post(self):
        auth = self.authenticator
        user = self.current_user
        new = self.get_body_argument("new_password", "")
        must_change = await auth.must_change_password(user.name)
        error = await self._problem(user.name, new, must_change)
        if error:
            self.set_status(400)
            self.finish(await self._page(must_change=must_change, error=error, done=False))
            return
        await auth.set_password(user.name, new, must_change=False)
        self.log.info("User %s changed their password", user.name)
        # On to where a login lands: an instructor's formgrader, a trainee's workspace.
        grading = formgrader_url(self)
        start = {"url": grading, "text": t("start_grading", auth.language)} if grading else {
            "url": url_path_join(self.hub.base_url, "spawn"), "text": t("start", auth.language)
        }  # fmt: skip
        self.finish(await self._page(must_change=False, error=None, done=True, start=start))

    async def _problem(self, username: str, new: str, must_change: bool) -> str | None:
        """The sentence saying why the form's new password is refused, or None."""
        auth = self.authenticator
        current = None
        # A forced change follows the login with the card's password by seconds: typing
        # those 14 characters again proves nothing the session does not, and loses people.
        if not must_change:
            current = self.get_body_argument("current_password", "")
            result = await auth._run(auth.store.check_login, username, current)
            if result.locked:
                return t("locked", auth.language)
            if not result.ok:
                return t("wrong_current", auth.language)
        if new != self.get_body_argument("repeat_password", ""):
            return t("mismatch", auth.language)
        if current is None:
            same_as_old = await auth._run(auth.store.password_is, username, new)
        else:
            same_as_old = new == current
        return t("same_as_old", auth.language) if same_as_old else auth.password_problem(new)


class AccountAPIHandler(APIHandler):
    """PUT /hub/api/codelab/accounts/:name {"password": ..., "must_change": bool}.

    Admin-scoped provisioning: the hub user must already exist (POST /hub/api/users/:name).
    """

    @needs_scope("admin:users")
    async def put(self, user_name):
        if self.find_user(user_name) is None:
            raise web.HTTPError(404, f"No hub user {user_name!r}: create it first.")
        body = self.get_json_body() or {}
        password = body.get("password")
        if not isinstance(password, str):
            raise web.HTTPError(400, "Give the new password as a string in 'password'.")
        problem = self.authenticator.password_problem(password)
        if problem:
            raise web.HTTPError(400, problem)
        must_change = bool(body.get("must_change", True))
        await self.authenticator.set_password(user_name, password, must_change=must_change)
        self.log.info("Password of %s set by %s", user_name, self.current_user.name)
        self.set_status(204)
        self.finish()


class AccountListAPIHandler(APIHandler):
    """Admin-scoped, for whole cohorts at once.

    GET: every account's profile (never a hash).
    POST {"accounts": [{"username", "password", "first_name", "last_name", "email"}]}:
        create them all or none; the hub users must exist; each must change its password.
    PATCH {"users": [...], "active": false}: deactivate (or reactivate) accounts. A
        deactivated user cannot log in or start a server, and every login cookie and token
        they had stops working at once.
    """

    @needs_scope("admin:users")
    async def get(self):
        profiles = await self.authenticator._run(self.authenticator.store.profiles)
        self.finish({"accounts": [dataclasses.asdict(p) for p in profiles]})

    @needs_scope("admin:users")
    async def post(self):
        entries = (self.get_json_body() or {}).get("accounts")
        if not isinstance(entries, list) or not entries:
            raise web.HTTPError(400, "Give the accounts to create as a list in 'accounts'.")
        missing = [e.get("username") for e in entries if self.find_user(e.get("username")) is None]
        if missing:
            raise web.HTTPError(404, f"No hub users {missing}: create them first.")
        try:
            profiles = [
                Profile(e["username"], e["first_name"], e["last_name"], e.get("email"))
                for e in entries
            ]
            passwords = [e["password"] for e in entries]
        except (KeyError, TypeError) as error:
            raise web.HTTPError(400, f"Each account needs {error}.") from None
        problems = {p for p in map(self.authenticator.password_problem, passwords) if p}
        if problems:
            raise web.HTTPError(400, " ".join(problems))
        try:
            await self.authenticator.create_accounts(profiles, passwords)
        except Exception as error:  # sqlite3.IntegrityError: one of them exists already
            raise web.HTTPError(409, f"No account created: {error}") from None
        self.log.info("%d accounts created by %s", len(profiles), self.current_user.name)
        self.set_status(201)
        self.finish({"created": [p.username for p in profiles]})

    @needs_scope("admin:users")
    async def patch(self):
        body = self.get_json_body() or {}
        names, active = body.get("users"), body.get("active")
        if not isinstance(names, list) or not isinstance(active, bool):
            raise web.HTTPError(400, "Give 'users' (a list) and 'active' (true or false).")
        users = [self.find_user(name) for name in names]
        unknown = [name for name, user in zip(names, users, strict=True) if user is None]
        if unknown:
            raise web.HTTPError(404, f"No hub users {unknown}.")
        await self.authenticator._run(self.authenticator.store.set_active, names, active)
        if not active:
            for user in users:
                user.orm_user.cookie_id = new_token()  # every login cookie of theirs dies
                for token in list(user.orm_user.api_tokens):
                    self.db.delete(token)
            self.db.commit()
        self.log.info("Accounts %s set active=%s by %s", names, active, self.current_user.name)
        self.set_status(204)
        self.finish()
