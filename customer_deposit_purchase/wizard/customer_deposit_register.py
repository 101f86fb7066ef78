# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CustomerDepositRegister(models.TransientModel):
    """The Register Deposit dialog pays a vendor deposit on a purchase order (Pay Deposit):
    the order gives the vendor, company, currency and the amount still due
    (``_get_order``), and the deposit is linked to it."""

    _inherit = "customer.deposit.register"

    purchase_order_id = fields.Many2one(
        comodel_name="purchase.order",
        readonly=True,
        check_company=True,
    )
