# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerDepositForfeit(models.TransientModel):
    """Collects what ``customer.deposit.forfeit`` needs and calls it: the amount, the
    account it goes to (income for a customer deposit, expense for a vendor deposit) and,
    when no tax was declared at receipt, the tax to declare on it."""

    _name = "customer.deposit.forfeit"
    _inherit = "customer.deposit.balance.wizard"
    _description = "Forfeit Customer Deposit"

    amount = fields.Monetary(string="Amount to Keep")
    account_id = fields.Many2one(
        comodel_name="account.account",
        required=True,
        check_company=True,
        compute="_compute_account_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('account_type', 'in', ('expense',) if partner_type == 'supplier' "
        "else ('income', 'income_other')), ('deprecated', '=', False)]",
    )

    tax_kept = fields.Boolean(
        compute="_compute_tax_kept",
        help="An advance whose tax was declared when it was received keeps it.",
    )
    tax_id = fields.Many2one(
        comodel_name="account.tax",
        string="Tax to Declare",
        check_company=True,
        compute="_compute_tax_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('type_tax_use', '=', 'purchase' if partner_type == 'supplier' else 'sale')]",
        help="Tax included in the forfeited amount, declared now (a security deposit, or an "
        "advance whose tax was not declared at receipt).",
    )

    @api.depends("deposit_id")
    def _compute_tax_kept(self):
        for wizard in self:
            wizard.tax_kept = bool(wizard.deposit_id) and wizard.deposit_id._is_taxed_advance()

    @api.depends("deposit_id")
    def _compute_tax_id(self):
        for wizard in self:
            wizard.tax_id = wizard.deposit_id._get_forfeit_tax() if wizard.deposit_id else False

    @api.depends("deposit_id")
    def _compute_account_id(self):
        for wizard in self:
            deposit = wizard.deposit_id
            wizard.account_id = deposit.company_id[deposit._get_side()["forfeit_account_field"]]

    def action_forfeit(self):
        self.ensure_one()
        move = self.deposit_id.forfeit(
            amount=self.amount,
            account=self.account_id,
            date=self.date,
            tax=False if self.tax_kept else self.tax_id,
        )
        return move._get_records_action()
