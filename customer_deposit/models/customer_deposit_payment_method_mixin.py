# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerDepositPaymentMethodMixin(models.AbstractModel):
    """A bank/cash ``journal_id`` and the payment method used on it, for the deposit's
    payment (inbound) and the refund wizard (outbound)."""

    _name = "customer.deposit.payment.method.mixin"
    _description = "Deposit payment journal and method"
    _deposit_payment_type = "inbound"

    available_payment_method_line_ids = fields.Many2many(
        comodel_name="account.payment.method.line",
        compute="_compute_available_payment_method_line_ids",
    )
    payment_method_line_id = fields.Many2one(
        comodel_name="account.payment.method.line",
        string="Payment Method",
        compute="_compute_payment_method_line_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('id', 'in', available_payment_method_line_ids)]",
    )

    @api.depends("journal_id")
    def _compute_available_payment_method_line_ids(self):
        for record in self:
            record.available_payment_method_line_ids = (
                record.journal_id._get_available_payment_method_lines(self._deposit_payment_type)
            )

    @api.depends("available_payment_method_line_ids")
    def _compute_payment_method_line_id(self):
        for record in self:
            available = record.available_payment_method_line_ids._origin
            if record.payment_method_line_id._origin not in available:
                record.payment_method_line_id = available[:1]
