# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    deposit_ids = fields.One2many(
        comodel_name="customer.deposit",
        inverse_name="sale_order_id",
        string="Deposits",
        readonly=True,
    )
