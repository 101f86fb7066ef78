# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleAdvancePaymentInv(models.TransientModel):
    """The sales order's Create Invoice dialog (down payments included) says when the
    customer already holds deposits not applied yet: they pay the invoice once it is posted,
    instead of asking the customer for the money again."""

    _name = "sale.advance.payment.inv"
    _inherit = ["sale.advance.payment.inv", "customer.deposit.available.mixin"]
    _deposit_available_depends = ("sale_order_ids", "company_id")

    def _get_deposit_available_scope(self):
        self.ensure_one()
        orders = self.sale_order_ids
        company = self.company_id or orders.company_id[:1]
        orders = orders.filtered(lambda order: order.company_id == company)
        return orders.partner_id.commercial_partner_id, company, "customer"
