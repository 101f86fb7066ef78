# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerDepositRefund(models.TransientModel):
    """Collects what ``customer.deposit.refund`` needs and calls it."""

    _name = "customer.deposit.refund"
    _inherit = ["customer.deposit.balance.wizard", "customer.deposit.payment.method.mixin"]
    _description = "Refund Customer Deposit"
    _deposit_payment_type_depends = ("deposit_id",)

    amount = fields.Monetary(string="Amount to Refund")
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Pay From",
        required=True,
        check_company=True,
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
    )
    payment_method_line_id = fields.Many2one(required=True)
    memo = fields.Char(help="Shown on the outgoing payment; empty: 'Refund of deposit ...'.")

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_payment_type(self):
        """A refund goes the other way than the deposit's payment."""
        return self.deposit_id._get_side()["refund_payment_type"]

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("deposit_id")
    def _compute_journal_id(self):
        for wizard in self:
            wizard.journal_id = wizard.deposit_id.journal_id

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_refund(self):
        self.ensure_one()
        payment = self.deposit_id.refund(
            amount=self.amount,
            journal=self.journal_id,
            date=self.date,
            payment_method_line=self.payment_method_line_id,
            memo=self.memo,
        )
        return payment._get_records_action()
