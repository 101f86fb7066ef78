# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountPaymentTerm(models.Model):
    """Payment terms may require a deposit ("30% at order, the rest at 30 days"): the
    default of the sales orders using them, when their customer sets none."""

    _name = "account.payment.term"
    _inherit = ["account.payment.term", "customer.deposit.requirement.mixin"]

    deposit_required_type = fields.Selection(
        help="Deposit required before confirming a sales order with these payment terms, "
        "unless its customer sets its own.",
    )
    deposit_required_fixed = fields.Monetary(
        help="Amount in the company's currency (converted to the order's currency at the "
        "order date).",
    )
