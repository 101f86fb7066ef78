# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PurchaseOrderDepositCancel(models.TransientModel):
    """Cancelling a purchase order holding vendor deposits: keep them, get them refunded by
    the vendor or forfeit them (customer.deposit.order.cancel)."""

    _name = "purchase.order.deposit.cancel"
    _inherit = ["customer.deposit.order.cancel"]
    _description = "Cancel a Purchase Order Holding Deposits"

    order_id = fields.Many2one(
        comodel_name="purchase.order",
        string="Purchase Order",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
