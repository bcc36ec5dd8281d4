"""Overview: headline tiles and the four charts, each with a one-line caption."""


from kmdash import charts
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

cur = ui.need_current()
lang = state.lang()
a = cur.result.analysis
ui.heading(cur, "overview")
ui.tiles(cur)

ui.chart(charts.aging_figure(a.aging, lang), tr("cap_aging"))
ui.chart(charts.group_figure(a.groups, lang), tr("cap_groups"))

members = ui.shown(a.members, cur)
ui.pareto_chart(a, members)
ui.chart(charts.scatter_figure(members, lang), tr("cap_scatter"))
