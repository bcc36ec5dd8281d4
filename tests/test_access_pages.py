"""The app in server mode (AppTest): the login before any page; each role finds only what it may see, by the
pages' own pickers and by a link's ?coop= or ?snapshot=; an officer without real names sees aliases only and is
offered no file with names; five failures lock; an idle or disabled session ends; the admin's audit page. What
each may see comes from the fixture (which co-op saved what, which account has which role)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kmdash import accounts, store
from kmdash.i18n import t

from .support.app import frames, unescape
from .support.office import PASSWORD, log_in, server_app, visit


def titles(at) -> list[str]:
    return [x.value for x in at.title]


def test_the_login_comes_before_any_page(monkeypatch, office):
    at = server_app(monkeypatch, office)
    assert titles(at) == [t("login_title")]
    assert not at.sidebar.toggle and not at.dataframe and not at.file_uploader


def test_staff_see_only_their_own_co_op(monkeypatch, office):
    mine, other = office.coops
    at = log_in(server_app(monkeypatch, office), "malee")
    assert t("login_as", name="malee", role=t("role_staff")) in [c.value for c in at.sidebar.caption]
    listed = frames(visit(at, "snapshots"))[0]
    assert set(listed[t("col_coop")]) == {mine.name} and len(listed) == len(office.ids[0])
    visit(at, "history", coop=other.name)
    assert at.selectbox(key="hist_coop").options == [mine.name] and at.selectbox(key="hist_coop").value == mine.name
    assert [unescape(w.value) for w in at.warning] == [t("url_coop_none", coop=other.name)]
    visit(at, "followup", snapshot=str(office.ids[1][0]))
    assert [w.value for w in at.warning][0] == t("url_snapshot_none", id=office.ids[1][0])
    assert all(str(other.name) not in o for o in at.selectbox(key="fu_snapshot").options)


def test_a_link_to_a_snapshot_the_account_may_see_opens_it(monkeypatch, office):
    at = log_in(server_app(monkeypatch, office), "malee")
    visit(at, "followup", snapshot=str(office.ids[0][0]))
    assert t("url_snapshot_none", id=office.ids[0][0]) not in [w.value for w in at.warning]
    assert at.selectbox(key="fu_snapshot").value["id"] == office.ids[0][0]


def test_staff_cannot_save_another_co_op_s_ledger(monkeypatch, office):
    at = visit(log_in(server_app(monkeypatch, office), "malee"), "snapshots")  # the sample: another co-op
    next(b for b in at.button if b.label == t("snap_save_button")).click().run()
    assert [e.value for e in at.error] == [t("snap_not_yours", coop=at.title[0].value)]
    assert len(store.snapshots(store.open_store(office.url))) == 4


def test_an_officer_sees_every_co_op_with_aliases_only(monkeypatch, office, two_coops):
    at = log_in(server_app(monkeypatch, office), "prayut")
    toggle = at.sidebar.toggle(key="privacy_forced")
    assert toggle.value and toggle.disabled
    visit(at, "history", coop=office.coops[1].name)
    assert at.selectbox(key="hist_coop").options == [c.name for c in office.coops]
    assert at.selectbox(key="hist_coop").value == office.coops[1].name
    names = set(two_coops[1][1][1].analysis.members["name"])
    shown = {str(v) for frame in frames(at) for column in frame.columns for v in frame[column]}
    assert names and not names & shown
    visit(at, "plan")
    assert t("names_not_granted") in [c.value for c in at.caption]


def test_the_audit_page_is_the_admin_s(monkeypatch, office):
    with pytest.raises(ValueError, match="navigation page"):  # not among the staff's pages
        visit(log_in(server_app(monkeypatch, office), "malee"), "audit")
    at = visit(log_in(server_app(monkeypatch, office), "somsri"), "audit")
    assert t("page_audit") in titles(at)
    trail, people = frames(at)
    assert trail[t("col_by")].iloc[0] == "somsri" and t("audit_login") in set(trail[t("col_event")])
    assert people[t("col_account")].tolist() == ["malee", "prayut", "somsri"]


def test_five_wrong_passwords_lock_the_account(monkeypatch, office):
    at = server_app(monkeypatch, office)
    for _ in range(5):
        log_in(at, "malee", "wrong password")
    assert [unescape(e.value) for e in at.error] == [t("login_locked", until=f"{datetime.now() + timedelta(minutes=15):%H:%M}")]
    log_in(at, "malee", PASSWORD)
    assert titles(at) == [t("login_title")]


def test_an_idle_session_ends(monkeypatch, office):
    at = log_in(server_app(monkeypatch, office), "malee")
    at.session_state["seen_at"] = datetime.now() - timedelta(minutes=31)
    at.run()
    assert titles(at) == [t("login_title")]
    assert [i.value for i in at.info] == [t("login_idle", minutes=30)]


def test_a_disabled_account_s_session_ends(monkeypatch, office):
    at = log_in(server_app(monkeypatch, office), "prayut")
    accounts.disable(store.open_store(office.url), "prayut")
    visit(at, "overview")
    assert titles(at) == [t("login_title")]


@pytest.mark.parametrize("mode", ["", "local"])
def test_without_server_mode_nobody_logs_in(monkeypatch, tmp_path, mode):
    from .support.app import start

    monkeypatch.setenv("KMDASH_MODE", mode)
    monkeypatch.setenv("KMDASH_STORE", f"sqlite:///{tmp_path / 'x.db'}")
    at = start()
    assert t("login_title") not in titles(at) and at.sidebar.toggle(key="privacy")


def test_staff_cannot_save_another_co_op_s_settings(monkeypatch, office, tmp_path):
    monkeypatch.setenv("KMDASH_SETTINGS_DIR", str(tmp_path / "settings"))
    at = visit(log_in(server_app(monkeypatch, office), "malee"), "selector")  # the sample: another co-op
    at.button(key="settings_save").click().run()
    assert [unescape(e.value) for e in at.error] == [f"ledger_th.xlsx: {t('snap_not_yours', coop=at.title[0].value)}"]
    assert not (tmp_path / "settings").exists()
