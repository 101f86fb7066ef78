# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerDepositPaymentMethodMixin(models.AbstractModel):
    """A bank/cash ``journal_id`` and the payment method used on it, for the deposit's
    payment and the refund wizard: their direction (``_get_deposit_payment_type``) follows
    the deposit's side, inbound for a customer deposit's payment, outbound for its refund,
    the other way round for a vendor deposit. A model sets ``_deposit_payment_type_depends``
    to the fields the direction depends on."""

    _name = "customer.deposit.payment.method.mixin"
    _description = "Deposit payment journal and method"
    _deposit_payment_type_depends = ()

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

    def _get_deposit_payment_type(self):
        """``inbound`` or ``outbound``: the direction of the payment whose method is chosen."""
        self.ensure_one()
        return "inbound"

    @api.depends(lambda self: ("journal_id", *self._deposit_payment_type_depends))
    def _compute_available_payment_method_line_ids(self):
        for record in self:
            record.available_payment_method_line_ids = (
                record.journal_id._get_available_payment_method_lines(
                    record._get_deposit_payment_type()
                )
            )

    @api.depends("available_payment_method_line_ids")
    def _compute_payment_method_line_id(self):
        for record in self:
            available = record.available_payment_method_line_ids._origin
            if record.payment_method_line_id._origin not in available:
                record.payment_method_line_id = available[:1]
