# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.customer_deposit.models.deposit_sides import DEPOSIT_SIDES


class AccountMove(models.Model):
    _inherit = "account.move"

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_purchase_orders(self):
        """Purchase orders this bill comes from."""
        self.ensure_one()
        return self.invoice_line_ids.purchase_line_id.order_id

    def _get_deposit_order_domain(self):
        """A vendor bill made from purchase orders is offered their deposits first: shown
        on the bill ('ask'), applied when it is posted ('always'), by the core's
        mechanism."""
        self.ensure_one()
        if self.move_type != DEPOSIT_SIDES["supplier"]["invoice_type"]:
            return super()._get_deposit_order_domain()
        orders = self._get_deposit_purchase_orders()
        return [("purchase_order_id", "in", orders.ids)] if orders else []
