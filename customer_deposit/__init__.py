# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import models
from . import wizard
from . import report
from . import demo


def post_init_hook(env):
    """Give every company that already has a chart of accounts its deposit accounts.

    Companies whose chart is loaded later get them from ``_post_load_data``.
    """
    env["res.company"].search([("chart_template", "!=", False)])._customer_deposit_setup()
