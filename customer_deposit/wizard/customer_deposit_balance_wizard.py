# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerDepositBalanceWizard(models.AbstractModel):
    """What the refund and forfeit wizards share: the deposit, its balance, an amount
    (default: all that is left) and a date."""

    _name = "customer.deposit.balance.wizard"
    _description = "Use of a deposit's balance (wizard base)"
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
    partner_type = fields.Selection(related="deposit_id.partner_type")
    amount_residual = fields.Monetary(
        related="deposit_id.amount_residual", currency_field="currency_id"
    )
    amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_amount",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="In the deposit's currency; at most the unapplied balance.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.model_create_multi
    def create(self, vals_list):
        # The dialog shows the deposit's balance: only on deposits the user may change.
        for vals in vals_list:
            self.env["customer.deposit"].browse(vals.get("deposit_id")).check_access("write")
        return super().create(vals_list)

    @api.depends("deposit_id")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = wizard.deposit_id.amount_residual
