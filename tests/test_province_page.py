"""The province page through AppTest: several files uploaded at once, a broken one among them, privacy on; the
page's figures as the command line gives them."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from kmdash.i18n import t

from .support.ledgers import ROOT
from .support.province import expected_row, six_coops

XLS = "application/vnd.ms-excel"


@pytest.fixture(scope="module")
def coops(tmp_path_factory):
    return six_coops(tmp_path_factory.mktemp("page"), n_loans=80)


def province_page(lang: str = "th", privacy: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.radio(key="lang").set_value(lang)
    at.toggle(key="privacy").set_value(privacy)
    at.switch_page("pages/province.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, coops, broken: bool = True) -> AppTest:
    files = [(c.path.name, c.path.read_bytes(), XLS) for c in coops]
    files += [("broken.xlsx", b"PK\x03\x04 not a workbook", XLS)] if broken else []
    at.file_uploader(key="prov_files").set_value(files)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "error", "info") for e in at.get(kind)]
    parts += [at.dataframe[0].value.to_csv()] if at.dataframe else []
    parts += [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart")]
    return "\n".join(parts)


def test_without_files_the_page_asks_for_them():
    at = province_page()
    assert [i.value for i in at.info] == [t("prov_none", "th")]
    assert at.file_uploader(key="prov_files").accept_multiple_files


def test_several_coops_side_by_side_and_a_broken_file_with_its_error(coops):
    at = upload(province_page(), coops)
    at.text_input(key="prov_as_of").set_value("31/03/2567").run()  # for the CSV without titles
    assert len(at.error) == 1 and at.error[0].value.startswith("broken\\.xlsx")
    table = at.dataframe[0].value
    assert list(table[t("col_coop", "th")]) == [c.name for c in coops]
    for coop, (_, row) in zip(coops, table.iterrows()):
        want = expected_row(coop.loans)
        assert row[t("col_members", "th")] == want["members"]
        assert abs(row[t("col_overdue", "th")] - want["overdue"]) < 0.005
        assert row[t("col_par30", "th")] == round(want["par30"] * 100, 1)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert titles == [t(k, "th") for k in ("chart_prov_overdue", "chart_prov_aging", "chart_prov_par", "chart_prov_long")]


def test_with_privacy_on_coop_names_stay_and_no_member_appears(coops):
    at = upload(province_page(lang="en", privacy=True), coops, broken=False)
    text = page_text(at)
    assert all(c.name in text for c in coops if c.titled)
    names = {n.split(" ", 1)[1] for c in coops for n in c.loans["name"]}
    assert not [n for n in names if n in text]
    assert t("chart_prov_par", "en") in text and t("prov_none", "en") not in text


def test_the_page_and_the_command_line_agree(coops, cli):
    want = cli("province", *[c.path for c in coops], "--as-of", "2024-03-31", "--json", "--workers", "1").json
    at = upload(province_page(), coops, broken=False)
    at.text_input(key="prov_as_of").set_value("31/03/2567").run()
    table = at.dataframe[0].value
    assert list(table[t("col_coop", "th")]) == [r["coop"] for r in want["coops"]]
    for key in ("members", "members_overdue", "overdue", "outstanding"):
        assert [round(v, 2) for v in table[t(f"col_{key}", "th")]] == [r[key] for r in want["coops"]], key
    for key in ("par30", "par90", "long_overdue_share"):
        assert list(table[t(f"col_{key}", "th")]) == [round(r[key] * 100, 1) for r in want["coops"]], key
    total = want["total"]
    line = t("prov_total_line", "th", coops=total["coops"], members=total["members"], overdue=f"{total['overdue']:,.2f}",
             par30=f"{total['par30'] * 100:.1f}", par90=f"{total['par90'] * 100:.1f}")
    assert f"**{line}**" in [m.value for m in at.markdown]
