# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerDepositRefund(models.TransientModel):
    """Collects what ``customer.deposit.refund`` needs and calls it."""

    _name = "customer.deposit.refund"
    _description = "Refund Customer Deposit"
    _check_company_auto = True

    deposit_id = fields.Many2one(
        comodel_name="customer.deposit",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="deposit_id.company_id")
    currency_id = fields.Many2one(related="deposit_id.currency_id")
    partner_id = fields.Many2one(related="deposit_id.partner_id")
    amount_residual = fields.Monetary(
        related="deposit_id.amount_residual", currency_field="currency_id"
    )
    amount = fields.Monetary(
        string="Amount to Refund",
        currency_field="currency_id",
        compute="_compute_amount",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="In the deposit's currency; at most the unapplied balance.",
    )
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
    available_payment_method_line_ids = fields.Many2many(
        comodel_name="account.payment.method.line",
        compute="_compute_available_payment_method_line_ids",
    )
    payment_method_line_id = fields.Many2one(
        comodel_name="account.payment.method.line",
        string="Payment Method",
        required=True,
        compute="_compute_payment_method_line_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('id', 'in', available_payment_method_line_ids)]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    memo = fields.Char(help="Shown on the outgoing payment; empty: 'Refund of deposit ...'.")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("deposit_id")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = wizard.deposit_id.amount_residual

    @api.depends("deposit_id")
    def _compute_journal_id(self):
        for wizard in self:
            wizard.journal_id = wizard.deposit_id.journal_id

    @api.depends("journal_id")
    def _compute_available_payment_method_line_ids(self):
        for wizard in self:
            wizard.available_payment_method_line_ids = (
                wizard.journal_id._get_available_payment_method_lines("outbound")
            )

    @api.depends("available_payment_method_line_ids")
    def _compute_payment_method_line_id(self):
        for wizard in self:
            available = wizard.available_payment_method_line_ids._origin
            if wizard.payment_method_line_id._origin not in available:
                wizard.payment_method_line_id = available[:1]

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
