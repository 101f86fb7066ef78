# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerDepositForfeit(models.TransientModel):
    """Collects what ``customer.deposit.forfeit`` needs and calls it: the amount and the
    account it goes to (income for a customer deposit, expense for a vendor deposit)."""

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

    @api.depends("deposit_id")
    def _compute_account_id(self):
        for wizard in self:
            deposit = wizard.deposit_id
            wizard.account_id = deposit.company_id[deposit._get_side()["forfeit_account_field"]]

    def action_forfeit(self):
        self.ensure_one()
        move = self.deposit_id.forfeit(amount=self.amount, account=self.account_id, date=self.date)
        return move._get_records_action()
