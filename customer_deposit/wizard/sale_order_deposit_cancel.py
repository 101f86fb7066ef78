# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrderDepositCancel(models.TransientModel):
    """Cancelling a sales order holding customer deposits: keep, refund or forfeit them
    (customer.deposit.order.cancel)."""

    _name = "sale.order.deposit.cancel"
    _inherit = ["customer.deposit.order.cancel"]
    _description = "Cancel an Order Holding Deposits"

    order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sales Order",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
