from codelab.hub.accounts import AccountStore


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


def test_delete(tmp_path):
    accounts = store(tmp_path)
    accounts.set_password("amina", "s3cret-pass")
    accounts.delete("amina")
    assert not accounts.exists("amina")
