# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.3.0: tax on deposits. Existing deposits are advances without tax (the new required
``deposit_type`` column is filled with its default, ``advance``); every company with a chart
gets the accounts that hold the tax declared on deposits not invoiced yet (Tax on Customer
Deposits, Tax on Vendor Deposits), as a new company would (the setup is idempotent)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:  # fresh install: the post_init_hook sets the companies up
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([("chart_template", "!=", False)])._customer_deposit_setup()
