# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: vendor deposits. Existing deposits are customer deposits (the new required
``partner_type`` column is filled with its default, ``customer``); every company with a
chart gets what vendor deposits need, as a new company would: the Advances to Suppliers
asset account, the Forfeited Vendor Deposits expense account and the VDEP/ sequence (the
setup is idempotent: what a company already has is kept)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:  # fresh install: the post_init_hook sets the companies up
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([("chart_template", "!=", False)])._customer_deposit_setup()
