import sqlite3

import pytest

from codelab.hub.accounts import AccountStore, NewAccount, Profile, hash_password


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def store(tmp_path, clock=None):
    return AccountStore(
        tmp_path / "a.sqlite", max_failed_logins=3, lockout_seconds=60, rounds=4,
        clock=clock or Clock(),
    )  # fmt: skip


def test_password_is_stored_hashed(tmp_path):
    accounts = store(tmp_path)
    accounts.set_password("amina", "s3cret-pass", must_change=True)
    assert b"s3cret-pass" not in (tmp_path / "a.sqlite").read_bytes()
    result = accounts.check_login("amina", "s3cret-pass")
    assert result.ok and result.must_change


def test_wrong_password_and_unknown_user(tmp_path):
    accounts = store(tmp_path)
    accounts.set_password("amina", "s3cret-pass")
    assert not accounts.check_login("amina", "nope").ok
    assert not accounts.check_login("nobody", "s3cret-pass").ok


def test_throttling_locks_then_releases(tmp_path):
    clock = Clock()
    accounts = store(tmp_path, clock)
    accounts.set_password("amina", "s3cret-pass")
    for _ in range(3):
        accounts.check_login("amina", "wrong")
    locked = accounts.check_login("amina", "s3cret-pass")
    assert locked.locked and not locked.ok
    clock.now += 61
    assert accounts.check_login("amina", "s3cret-pass").ok


def test_changing_password_clears_must_change(tmp_path):
    accounts = store(tmp_path)
    accounts.set_password("amina", "initial-1", must_change=True)
    accounts.set_password("amina", "mine-now-2", must_change=False)
    assert not accounts.must_change("amina")
    assert not accounts.check_login("amina", "initial-1").ok
    assert accounts.check_login("amina", "mine-now-2").ok


def test_password_is_compares_without_counting_a_failure(tmp_path):
    accounts = store(tmp_path)
    accounts.set_password("amina", "s3cret-pass", must_change=True)
    for _ in range(5):  # more misses than the lockout allows
        assert not accounts.password_is("amina", "another-one")
    assert accounts.password_is("amina", "s3cret-pass")
    assert not accounts.password_is("nobody", "s3cret-pass")
    assert accounts.check_login("amina", "s3cret-pass").ok


def test_delete(tmp_path):
    accounts = store(tmp_path)
    accounts.set_password("amina", "s3cret-pass")
    accounts.delete("amina")
    assert not accounts.exists("amina")


def new_account(name, password="initial-pass", first="Aïcha", last="N'Diaye"):
    return NewAccount(
        Profile(name, first, last, None, must_change=True), hash_password(password, 4)
    )


def test_create_is_all_or_nothing(tmp_path):
    accounts = store(tmp_path)
    accounts.set_password("bilal", "s3cret-pass")
    with pytest.raises(sqlite3.IntegrityError):
        accounts.create([new_account("aicha.ndiaye"), new_account("bilal")])
    assert not accounts.exists("aicha.ndiaye")
    accounts.create([new_account("aicha.ndiaye")])
    result = accounts.check_login("aicha.ndiaye", "initial-pass")
    assert result.ok and result.must_change


def test_profiles_keep_names_and_never_the_hash(tmp_path):
    accounts = store(tmp_path)
    accounts.create([new_account("aicha.ndiaye")])
    (profile,) = accounts.profiles()
    assert profile == Profile("aicha.ndiaye", "Aïcha", "N'Diaye", None, True, True)


def test_deactivated_account_cannot_log_in_even_with_the_right_password(tmp_path):
    accounts = store(tmp_path)
    accounts.create([new_account("aicha.ndiaye")])
    accounts.set_active(["aicha.ndiaye"], False)
    assert accounts.deactivated("aicha.ndiaye") and not accounts.deactivated("nobody")
    result = accounts.check_login("aicha.ndiaye", "initial-pass")
    assert not result.ok and result.inactive
    assert not accounts.check_login("aicha.ndiaye", "wrong").inactive  # says nothing more
    accounts.set_active(["aicha.ndiaye"], True)
    assert accounts.check_login("aicha.ndiaye", "initial-pass").ok


def test_a_store_of_the_first_release_gains_the_new_columns(tmp_path):
    path = tmp_path / "a.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE accounts (username TEXT PRIMARY KEY, password_hash BLOB NOT NULL,"
            " must_change INTEGER NOT NULL DEFAULT 0, failed_logins INTEGER NOT NULL DEFAULT 0,"
            " locked_until REAL NOT NULL DEFAULT 0)"
        )
        db.execute("INSERT INTO accounts (username, password_hash) VALUES ('old', ?)",
                   (hash_password("old-password", 4),))  # fmt: skip
    accounts = AccountStore(path, rounds=4)
    assert accounts.check_login("old", "old-password").ok
    assert accounts.profiles() == [Profile("old")]


PASSPHRASE = "Je préfère les très longues phrases de passe, c'est écrit sur mon cœur : été 2026"


def test_a_passphrase_longer_than_bcrypt_reads_is_kept_whole(tmp_path):
    assert len(PASSPHRASE.encode()) > 72
    accounts = store(tmp_path)
    accounts.set_password("amina", PASSPHRASE)
    assert accounts.check_login("amina", PASSPHRASE).ok
    # Past bcrypt's 72 bytes every character still counts.
    assert not accounts.check_login("amina", PASSPHRASE[:-1] + "7").ok


def test_passwords_hashed_before_long_ones_were_allowed_still_verify(tmp_path):
    import bcrypt

    accounts = store(tmp_path)
    accounts.set_password("amina", "placeholder")
    with sqlite3.connect(tmp_path / "a.sqlite") as db:
        old = bcrypt.hashpw(b"s3cret-pass", bcrypt.gensalt(4))
        db.execute("UPDATE accounts SET password_hash = ? WHERE username = 'amina'", (old,))
    assert accounts.check_login("amina", "s3cret-pass").ok


def test_an_unknown_name_locks_as_an_account_does(tmp_path):
    """Locked and unknown answer alike: 'Trop d'essais' would otherwise say who exists."""
    clock = Clock()
    accounts = store(tmp_path, clock)
    accounts.set_password("amina", "s3cret-pass")
    for name in ("amina", "personne"):
        answers = [accounts.check_login(name, "wrong").locked for _ in range(4)]
        assert answers == [False, False, True, True], name
    clock.now += 61
    assert not accounts.check_login("personne", "wrong").locked
